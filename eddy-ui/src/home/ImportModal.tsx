// Import one or several JSON flow files (dragged in or chosen); each file's result is shown next to it.
import { useState } from 'react';
import { FileUploaderDropContainer, FileUploaderItem, Modal } from '@carbon/react';
import { TextInput } from '../common/inputs';
import * as api from '../api';
import type { StoredFlow } from '../types';
import { useReturnFocus } from '../common/useReturnFocus';

interface Item {
  key: string;
  file: File;
  state: 'edit' | 'uploading' | 'complete';
  error?: string;
}

export const DEFAULT_IMPORT_NAME = 'Untitled flow';

export function ImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (created: StoredFlow[]) => void;
}) {
  useReturnFocus(true);
  const [items, setItems] = useState<Item[]>([]);
  const [name, setName] = useState(DEFAULT_IMPORT_NAME);
  const [busy, setBusy] = useState(false);
  const pending = items.filter((i) => i.state !== 'complete');

  const add = (files: File[]) =>
    setItems((list) => [
      ...list,
      ...files.map((file, n) => ({ key: `${Date.now()}-${n}-${file.name}`, file, state: 'edit' as const })),
    ]);

  const submit = async () => {
    setBusy(true);
    const created: StoredFlow[] = [];
    for (const item of pending) {
      setItems((l) => l.map((i) => (i.key === item.key ? { ...i, state: 'uploading', error: undefined } : i)));
      try {
        const flows = await api.importFile(item.file, name);
        created.push(...flows);
        setItems((l) => l.map((i) => (i.key === item.key ? { ...i, state: 'complete' } : i)));
      } catch (e) {
        setItems((l) => l.map((i) => (i.key === item.key ? { ...i, state: 'edit', error: (e as Error).message } : i)));
      }
    }
    setBusy(false);
    if (created.length) onImported(created);
    // close when everything went in; otherwise the dialog stays open showing each file's error
    if (created.length === pending.length) onClose();
  };

  return (
    <Modal
      open
      modalHeading="Import a flow"
      primaryButtonText={busy ? 'Importing…' : 'Create'}
      secondaryButtonText="Cancel"
      primaryButtonDisabled={busy || pending.length === 0}
      onRequestSubmit={() => void submit()}
      onRequestClose={onClose}
      size="sm"
    >
      <p className="cds--label-description">
        Flows exported as JSON. Each file becomes a new flow; an existing flow is never overwritten. SQL exports cannot
        be imported.
      </p>
      <TextInput
        id="import-name"
        data-modal-primary-focus
        labelText="Name of the imported flow"
        helperText="Every imported file gets this name; rename flows later from the home page."
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <p className="cds--file--label">Upload files</p>
      <FileUploaderDropContainer
        accept={['.json', 'application/json', '.sql']}
        multiple
        labelText="Drag and drop files here or click to choose"
        name="import-files"
        onAddFiles={(_e: unknown, { addedFiles }: { addedFiles: File[] }) => add(addedFiles)}
      />
      <div className="eddy-import__files" data-testid="import-files">
        {items.map((i) => (
          <FileUploaderItem
            key={i.key}
            name={i.file.name}
            status={i.state}
            invalid={!!i.error}
            errorSubject={i.error ? 'Not imported' : undefined}
            errorBody={i.error}
            iconDescription={`Remove ${i.file.name}`}
            onDelete={() => setItems((l) => l.filter((x) => x.key !== i.key))}
          />
        ))}
      </div>
    </Modal>
  );
}
