import { useState } from 'react';
import { InlineNotification, Modal, TextArea } from '@carbon/react';
import { TextInput } from '../common/inputs';
import * as api from '../api';
import type { StoredFlow } from '../types';
import { useReturnFocus } from '../common/useReturnFocus';

export function CreateFlowModal({ onClose, onCreated }: { onClose: () => void; onCreated: (f: StoredFlow) => void }) {
  useReturnFocus(true);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createFlow(name.trim(), description.trim()));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      modalHeading="Create a flow"
      primaryButtonText="Create"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!name.trim() || busy}
      onRequestSubmit={() => void submit()}
      onRequestClose={onClose}
      size="sm"
      shouldSubmitOnEnter
    >
      <TextInput
        id="create-name"
        labelText="Name"
        data-modal-primary-focus
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextArea
        id="create-description"
        labelText="Description (optional)"
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      {error && (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title="The flow was not created"
          subtitle={error}
        />
      )}
    </Modal>
  );
}
