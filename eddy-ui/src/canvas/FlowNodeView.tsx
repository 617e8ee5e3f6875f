// One node on the canvas: its type, its name, its status badge (from the server's analysis), its ports.
import { memo, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CheckmarkFilled, CircleDash, WarningFilled } from '@carbon/icons-react';
import { useFlowStore, selectNodeReport } from '../store/flowStore';
import { useNodeType } from '../nodes/nodeTypes';
import type { EddyNode } from '../nodes/model';

const STATUS_LABEL = { unconfigured: 'Not configured', valid: 'Valid', error: 'Has errors' } as const;

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
          aria-label={inputs.length > 1 ? `${port} input of ${data.name}` : `Input of ${data.name}`}
        >
          {inputs.length > 1 && <span className="eddy-node__port-label">{port}</span>}
        </Handle>
      ))}
      <div className="eddy-node__type">{info?.label ?? type}</div>
      <div className="eddy-node__name">{data.name}</div>
      <button
        type="button"
        className={`eddy-node__status eddy-node__status--${status ?? 'unknown'}`}
        aria-label={`${data.name}: ${status ? STATUS_LABEL[status] : 'checking'}${messages.length ? ` — ${messages.join(' ')}` : ''}`}
        onClick={() => openPanel(id)}
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
        <Handle id="out" type="source" position={Position.Right} aria-label={`Output of ${data.name}`} />
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
