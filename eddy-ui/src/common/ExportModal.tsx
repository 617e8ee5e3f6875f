// Export a flow as JSON (optionally with credentials) or as Flink SQL; an SQL export that breaks the
// export rules shows the rules and nodes concerned.
import { useState } from 'react';
import { Checkbox, InlineNotification, Modal, RadioButton, RadioButtonGroup } from '@carbon/react';
import { ApiError, exportFlow } from '../api';
import { saveBlob } from './download';
import { useReturnFocus } from './useReturnFocus';

export function ExportModal({
  flow,
  open,
  onClose,
  onOpenFlow,
}: {
  flow: { id: string; name: string };
  open: boolean;
  onClose: () => void;
  onOpenFlow?: () => void;
}) {
  useReturnFocus(open);
  const [format, setFormat] = useState<'json' | 'sql'>('json');
  const [credentials, setCredentials] = useState(false);
  // Credentials leave Eddy in plain text only here: the first click asks, the second exports.
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);

  const withCredentials = format === 'json' && credentials;
  const submit = async () => {
    if (withCredentials && !confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const file = await exportFlow(flow.id, format, credentials, flow.name);
      saveBlob(file.blob, file.fileName);
      onClose();
    } catch (e) {
      const problems = e instanceof ApiError ? e.problems.map((p) => (typeof p === 'string' ? p : describe(p))) : [];
      setError({ message: (e as Error).message, problems });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      modalHeading={`Export “${flow.name}”`}
      primaryButtonText={busy ? 'Exporting…' : confirming ? 'Export with credentials' : 'Export'}
      secondaryButtonText={error && onOpenFlow ? 'Open the flow' : 'Cancel'}
      primaryButtonDisabled={busy}
      onRequestSubmit={() => void submit()}
      onSecondarySubmit={() => (error && onOpenFlow ? onOpenFlow() : onClose())}
      onRequestClose={onClose}
      size="sm"
    >
      <RadioButtonGroup
        legendText="Format"
        name="export-format"
        orientation="vertical"
        valueSelected={format}
        onChange={(v) => {
          setFormat(v as 'json' | 'sql');
          setError(null);
        }}
      >
        <RadioButton id="export-json" value="json" labelText="JSON — a backup, or to import into another Eddy" />
        <RadioButton id="export-sql" value="sql" labelText="SQL — a Flink SQL script to deploy as a Flink job" />
      </RadioButtonGroup>
      {format === 'json' && (
        <Checkbox
          id="export-credentials"
          labelText="Include credentials (passwords, certificates) — for a private backup only"
          checked={credentials}
          onChange={(_, { checked }) => {
            setCredentials(checked);
            setConfirming(false);
          }}
        />
      )}
      {withCredentials && confirming && (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title="The file will hold the flow's passwords and certificates in plain text"
        >
          <p data-testid="export-credentials-warning">
            Keep it private: anyone who reads it can use them. Export with credentials?
          </p>
        </InlineNotification>
      )}
      {format === 'sql' && (
        <p className="eddy-hint">
          SQL export needs the source nodes connected in one graph, every connected node configured and valid, and the
          graph ending in one node. SQL exports cannot be imported back into the canvas: keep a JSON export for that.
        </p>
      )}
      {error && (
        <InlineNotification kind="error" lowContrast hideCloseButton title="The flow cannot be exported">
          <p data-testid="export-error">{error.message}</p>
          {error.problems.length > 0 && (
            <ul className="eddy-messages" data-testid="export-problems">
              {error.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </InlineNotification>
      )}
    </Modal>
  );
}

/** A problem of an error answer as one line: a string, or `{rule?, message, nodes?}`. */
export function describe(p: unknown): string {
  if (p && typeof p === 'object') {
    const o = p as { message?: string; rule?: string; nodes?: string[] };
    const nodes = o.nodes?.length ? ` (${o.nodes.join(', ')})` : '';
    return `${o.rule ? `${o.rule}: ` : ''}${o.message ?? JSON.stringify(p)}${nodes}`;
  }
  return String(p);
}
