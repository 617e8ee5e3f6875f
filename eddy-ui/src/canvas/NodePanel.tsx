// The configuration panel of the open node: details (name), the type's own panel, the analysis, and
// Preview (run the node and the nodes before it, and show its output).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button, InlineNotification, MenuButton, MenuItem, TextInput } from '@carbon/react';
import { Close } from '@carbon/icons-react';
import { inputsOf, previewBlocker, selectNodeReport, useFlowStore } from '../store/flowStore';
import { PANELS } from '../nodes/registry';
import { entryOf } from '../nodes/catalog';
import type { ConfigByType, NodeTypeName } from '../nodes/model';
import type { PanelProps } from '../nodes/shared/panel';
import { Section } from '../nodes/shared/fields';
import type { RunMode } from '../types';

export interface PreviewAction {
  /** why nothing can be previewed now (the flow already runs), or null */
  busy: string | null;
  start(mode: RunMode): void;
}

export function NodePanel({ nodeId, preview }: { nodeId: string; preview?: PreviewAction }) {
  const node = useFlowStore((s) => s.nodes.find((n) => n.id === nodeId));
  const report = useFlowStore(selectNodeReport(nodeId));
  const previewBlock = useFlowStore((s) => previewBlocker(s, nodeId));
  const {
    nodes,
    edges,
    report: flowReport,
  } = useFlowStore(useShallow((s) => ({ nodes: s.nodes, edges: s.edges, report: s.report })));
  const inputs = useMemo(
    () => inputsOf({ nodes, edges, report: flowReport }, nodeId),
    [nodes, edges, flowReport, nodeId],
  );
  const { updateNodeConfig, renameNode, openPanel } = useFlowStore(
    useShallow((s) => ({ updateNodeConfig: s.updateNodeConfig, renameNode: s.renameNode, openPanel: s.openPanel })),
  );
  if (!node) return null;
  const entry = entryOf(node.type);
  const Panel = PANELS[node.type as NodeTypeName] as React.ComponentType<PanelProps<ConfigByType[NodeTypeName]>>;
  const status = report?.status;
  const reason =
    status === 'valid'
      ? null
      : !report
        ? 'The node is being checked.'
        : (report.messages[0] ?? 'The node is not complete yet.');
  const nameMessage = report?.messages.find((m) => /name/i.test(m) && /node|duplicate|unique/i.test(m));
  const previewReason = preview?.busy ?? previewBlock;

  return (
    <aside className="eddy-panel" aria-label={`Configure ${node.data.name}`}>
      <header className="eddy-panel__header">
        <div>
          <p className="eddy-panel__type">{entry?.label ?? node.type}</p>
          <h2 className="eddy-panel__title">{node.data.name}</h2>
        </div>
        {preview && (
          <span
            className="eddy-panel__preview"
            title={
              previewReason
                ? `Preview is not available: ${previewReason}`
                : 'Run this node and the nodes before it, and show its output'
            }
          >
            <MenuButton label="Preview" size="sm" kind="tertiary" disabled={!!previewReason} menuAlignment="bottom-end">
              <MenuItem label="Events from now" onClick={() => preview.start('fromNow')} />
              <MenuItem label="Include historical" onClick={() => preview.start('historical')} />
            </MenuButton>
          </span>
        )}
        <Button
          kind="ghost"
          size="sm"
          hasIconOnly
          renderIcon={Close}
          iconDescription="Close"
          tooltipPosition="left"
          onClick={() => openPanel(null)}
        />
      </header>
      <div className="eddy-panel__body">
        <Section title="Details">
          <TextInput
            id={`node-name-${nodeId}`}
            labelText="Node name"
            size="sm"
            value={node.data.name}
            invalid={!!nameMessage}
            invalidText={nameMessage}
            onChange={(e) => renameNode(nodeId, e.target.value)}
          />
        </Section>
        {Panel ? (
          <Panel
            key={nodeId}
            nodeId={nodeId}
            config={node.data.config as ConfigByType[NodeTypeName]}
            onChange={(c) => updateNodeConfig(nodeId, c)}
            inputs={inputs}
            report={report}
          />
        ) : (
          <p>This Eddy does not know the node type “{node.type}”; its configuration is kept as it is.</p>
        )}
        {report && report.messages.length > 0 && (
          <InlineNotification
            kind={status === 'error' ? 'error' : 'info'}
            lowContrast
            hideCloseButton
            title={status === 'error' ? 'To fix' : 'Still to do'}
          >
            <ul className="eddy-messages" data-testid="node-messages">
              {report.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </InlineNotification>
        )}
      </div>
      <footer className="eddy-panel__footer">
        {reason && (
          <p className="eddy-panel__reason" id={`configure-reason-${nodeId}`}>
            {reason}
          </p>
        )}
        <Button
          kind="primary"
          size="md"
          disabled={status !== 'valid'}
          aria-describedby={reason ? `configure-reason-${nodeId}` : undefined}
          onClick={() => openPanel(null)}
        >
          Configure
        </Button>
      </footer>
    </aside>
  );
}
