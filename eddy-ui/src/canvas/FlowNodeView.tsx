// One node on the canvas: its type, its name, its status badge (from the server's analysis), its ports.
import { memo, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CheckmarkFilled, CircleDash, WarningFilled } from '@carbon/icons-react';
import { useFlowStore, selectNodeReport } from '../store/flowStore';
import { useNodeType } from '../nodes/nodeTypes';
import type { EddyNode } from '../nodes/model';
import { NodeCountsBadge } from './RunCounts';

export const STATUS_LABEL = { unconfigured: 'Not configured', valid: 'Valid', error: 'Has errors' } as const;

/**
 * A handle is a button: Enter (or Space) on an output and then on an input connects them, as two
 * clicks do (React Flow's click-to-connect); it must not also select or open the node.
 */
const handleKeys = (e: React.KeyboardEvent<HTMLDivElement>) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  e.currentTarget.click();
};

function FlowNodeViewImpl({ id, type, data, selected }: NodeProps<EddyNode>) {
  const report = useFlowStore(selectNodeReport(id));
  const openPanel = useFlowStore((s) => s.openPanel);
  const [hover, setHover] = useState(false);
  const info = useNodeType(type);
  const status = report?.status;
  const messages = report?.messages ?? [];
  const Icon = status === 'valid' ? CheckmarkFilled : status === 'error' ? WarningFilled : CircleDash;
  // a type the registry does not know keeps one input and an output, so its edges stay drawn
  const inputs = info?.inputs.map((i) => i.port) ?? ['in'];

  return (
    <div
      className={`eddy-node eddy-node--${status ?? 'unknown'}${selected ? ' eddy-node--selected' : ''}${inputs.length > 1 ? ' eddy-node--ports' : ''}`}
      data-status={status ?? 'unknown'}
      data-node-name={data.name}
      style={info ? ({ '--eddy-type-color': info.color } as React.CSSProperties) : undefined}
      onDoubleClick={() => openPanel(id)}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
    >
      {inputs.map((port, i) => (
        <Handle
          key={port}
          id={port}
          type="target"
          position={Position.Left}
          style={inputs.length > 1 ? { top: `${((i + 1) * 100) / (inputs.length + 1)}%` } : undefined}
          role="button"
          tabIndex={0}
          onKeyDown={handleKeys}
          aria-label={inputs.length > 1 ? `Connect to the ${port} input of ${data.name}` : `Connect to ${data.name}`}
        >
          {inputs.length > 1 && <span className="eddy-node__port-label">{port}</span>}
        </Handle>
      ))}
      <div className="eddy-node__type">{info?.label ?? type}</div>
      <div className="eddy-node__name">{data.name}</div>
      {/* the status in words too, not only by colour and icon */}
      <div className="eddy-node__state" data-testid="node-state">
        {status ? STATUS_LABEL[status] : 'Checking…'}
      </div>
      <NodeCountsBadge id={id} />
      <button
        type="button"
        className={`eddy-node__status eddy-node__status--${status ?? 'unknown'}`}
        aria-label={`${data.name}: ${status ? STATUS_LABEL[status] : 'checking'}${messages.length ? ` — ${messages.join(' ')}` : ''}`}
        // from the keyboard (a click without a pointer) focus moves into the panel
        onClick={(e) => openPanel(id, e.detail === 0)}
        onFocus={() => setHover(true)}
        onBlur={() => setHover(false)}
      >
        <Icon size={16} />
      </button>
      {hover && messages.length > 0 && (
        <div className={`eddy-node__messages eddy-node__messages--${status}`} role="tooltip">
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {info?.output !== false && (
        <Handle
          id="out"
          type="source"
          position={Position.Right}
          role="button"
          tabIndex={0}
          onKeyDown={handleKeys}
          aria-label={`Connect from ${data.name}`}
        />
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
