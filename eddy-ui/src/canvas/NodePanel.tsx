// The configuration panel of the open node: details (name), the type's own panel, the analysis, and
// Preview (run the node and the nodes before it, and show its output).
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button, InlineNotification, MenuButton, MenuItem } from '@carbon/react';
import { TextInput } from '../common/inputs';
import { Close } from '@carbon/icons-react';
import { inputsOf, previewBlocker, selectNodeReport, useFlowStore } from '../store/flowStore';
import { useNodeType } from '../nodes/nodeTypes';
import { NodeForm, unplacedProblemsOf } from '../nodes/NodeForm';
import { Section } from '../nodes/shared/fields';
import type { RunMode } from '../types';
import { InputChoice } from './InputChoice';
import { focusNode } from './focus';

export interface PreviewAction {
  /** why nothing can be previewed now (the flow already runs), or null */
  busy: string | null;
  start(mode: RunMode): void;
}

/**
 * @param readOnly why the signed-in role may not change the node (a viewer), or null: the fields are
 *   then disabled, with the reason above them
 */
export function NodePanel({
  nodeId,
  preview,
  readOnly = null,
}: {
  nodeId: string;
  preview?: PreviewAction;
  readOnly?: string | null;
}) {
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
  const info = useNodeType(node?.type ?? '');
  const panelFocus = useFlowStore((s) => s.panelFocus);
  const heading = useRef<HTMLHeadingElement>(null);
  // opened from the keyboard: focus moves into the panel, on its heading (read first, Tab goes on)
  useEffect(() => {
    if (panelFocus && heading.current) {
      heading.current.focus();
      useFlowStore.setState({ panelFocus: false });
    }
  }, [panelFocus, nodeId]);
  if (!node) return null;
  /** Closes the panel with focus back on its node, never on the page. */
  const close = () => {
    openPanel(null);
    focusNode(nodeId);
  };
  const status = report?.status;
  const reason =
    status === 'valid'
      ? null
      : !report
        ? 'The node is being checked.'
        : (report.messages[0] ?? 'The node is not complete yet.');
  // the problems no field shows; from a server that sends only messages, all of its messages
  const unplaced = unplacedProblemsOf(info, node.data.config, report);
  const topMessages = unplaced ? unplaced.map((p) => p.message) : (report?.messages ?? []);
  const previewReason = preview?.busy ?? previewBlock;

  return (
    <aside
      className="eddy-panel"
      aria-label={`Configure ${node.data.name}`}
      onKeyDown={(e) => {
        // Escape closes the panel, unless a menu, list or editor inside used it already
        if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as Element).closest('.cm-editor, [role="menu"]')) {
          e.preventDefault();
          close();
        }
      }}
    >
      <header className="eddy-panel__header">
        <div>
          <p className="eddy-panel__type">{info?.label ?? node.type}</p>
          <h2 className="eddy-panel__title" ref={heading} tabIndex={-1}>
            {node.data.name}
          </h2>
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
          onClick={close}
        />
      </header>
      <div className="eddy-panel__body">
        {report && topMessages.length > 0 && (
          <InlineNotification
            kind={status === 'error' ? 'error' : 'info'}
            lowContrast
            hideCloseButton
            title={status === 'error' ? 'To fix' : 'Still to do'}
          >
            <ul className="eddy-messages" data-testid="node-messages">
              {topMessages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </InlineNotification>
        )}
        {readOnly && (
          <p className="eddy-hint" data-testid="node-read-only">
            {readOnly}
          </p>
        )}
        {/* a disabled fieldset disables every field of the form at once */}
        <fieldset className="eddy-panel__fields" disabled={!!readOnly}>
          <Section title="Details">
            <TextInput
              id={`node-name-${nodeId}`}
              labelText="Node name"
              size="sm"
              value={node.data.name}
              onChange={(e) => !readOnly && renameNode(nodeId, e.target.value)}
            />
            <InputChoice nodeId={nodeId} />
          </Section>
          <NodeForm
            key={nodeId}
            type={node.type}
            nodeId={nodeId}
            config={node.data.config}
            onChange={(c) => !readOnly && updateNodeConfig(nodeId, c)}
            inputs={inputs}
            report={report}
          />
        </fieldset>
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
          onClick={close}
        >
          Configure
        </Button>
      </footer>
    </aside>
  );
}
