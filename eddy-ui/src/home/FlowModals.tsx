import { useState } from 'react';
import { InlineNotification, Modal } from '@carbon/react';
import { TextInput } from '../common/inputs';
import * as api from '../api';
import type { FlowSummary } from '../types';
import { useReturnFocus } from '../common/useReturnFocus';

export function RenameFlowModal({
  flow,
  onClose,
  onDone,
}: {
  flow: FlowSummary;
  onClose: () => void;
  onDone: () => void;
}) {
  useReturnFocus(true);
  const [name, setName] = useState(flow.name);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await api.patchFlow(flow.id, { name: name.trim() });
      onDone();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open
      modalHeading={`Rename “${flow.name}”`}
      primaryButtonText="Rename"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!name.trim() || name.trim() === flow.name}
      onRequestSubmit={() => void submit()}
      onRequestClose={onClose}
      size="sm"
      shouldSubmitOnEnter
    >
      <TextInput
        id="rename-name"
        labelText="New name"
        data-modal-primary-focus
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      {error && <InlineNotification kind="error" lowContrast hideCloseButton title="Not renamed" subtitle={error} />}
    </Modal>
  );
}

export function DeleteFlowModal({
  flow,
  onClose,
  onDone,
}: {
  flow: FlowSummary;
  onClose: () => void;
  onDone: () => void;
}) {
  useReturnFocus(true);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await api.deleteFlow(flow.id);
      onDone();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open
      danger
      modalHeading={`Delete “${flow.name}”?`}
      primaryButtonText="Delete"
      secondaryButtonText="Cancel"
      onRequestSubmit={() => void submit()}
      onRequestClose={onClose}
      size="xs"
    >
      <p>The flow is deleted for good. Export it as JSON first if you may need it again.</p>
      {error && <InlineNotification kind="error" lowContrast hideCloseButton title="Not deleted" subtitle={error} />}
    </Modal>
  );
}
