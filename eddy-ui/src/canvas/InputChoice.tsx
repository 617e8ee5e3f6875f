// "Input from …" in a node's panel: connects nodes without dragging a handle (keyboard and screen
// reader users), one choice per input port, or a checklist for a port that takes many inputs (a
// combine's). Offers the nodes whose output may feed this port: not the node itself, nor a node after
// it (that would be a loop), nor a node without output.
import { Checkbox, Select, SelectItem } from '@carbon/react';
import { useShallow } from 'zustand/react/shallow';
import { useFlowStore } from '../store/flowStore';
import { nodeTypeOf, useNodeType } from '../nodes/nodeTypes';

export function InputChoice({ nodeId }: { nodeId: string }) {
  const { nodes, edges, setInput, toggleInput } = useFlowStore(
    useShallow((s) => ({ nodes: s.nodes, edges: s.edges, setInput: s.setInput, toggleInput: s.toggleInput })),
  );
  const node = nodes.find((n) => n.id === nodeId);
  const info = useNodeType(node?.type ?? '');
  const ports = info?.inputs ?? [];
  if (!node || ports.length === 0) return null;

  // the nodes after this one: choosing one of them as input would close a loop
  const after = new Set<string>([nodeId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of edges)
      if (after.has(e.source) && !after.has(e.target)) {
        after.add(e.target);
        grew = true;
      }
  }
  const candidates = nodes.filter((n) => !after.has(n.id) && nodeTypeOf(n.type)?.output !== false);

  return (
    <>
      {ports.map((p) => {
        if (p.many) {
          const connected = (id: string) =>
            edges.some((e) => e.source === id && e.target === nodeId && (e.targetHandle ?? 'in') === p.port);
          return (
            <fieldset key={p.port} className="cds--fieldset eddy-checklist">
              <legend className="cds--label">Inputs from</legend>
              {candidates.map((n) => (
                <Checkbox
                  key={n.id}
                  id={`input-${nodeId}-${p.port}-${n.id}`}
                  labelText={n.data.name}
                  checked={connected(n.id)}
                  onChange={(_, { checked }) => toggleInput(nodeId, p.port, n.id, checked)}
                />
              ))}
            </fieldset>
          );
        }
        const current = edges.find((e) => e.target === nodeId && (e.targetHandle ?? 'in') === p.port)?.source ?? '';
        const label = ports.length > 1 ? `${p.label} input from` : 'Input from';
        return (
          <Select
            key={p.port}
            id={`input-${nodeId}-${p.port}`}
            labelText={label}
            size="sm"
            value={current}
            onChange={(e) => setInput(nodeId, p.port, e.target.value || null)}
          >
            <SelectItem value="" text="No input" />
            {candidates
              // a node feeds one port of a node at most
              .filter(
                (n) =>
                  !edges.some((e) => e.source === n.id && e.target === nodeId && (e.targetHandle ?? 'in') !== p.port),
              )
              .map((n) => (
                <SelectItem key={n.id} value={n.id} text={n.data.name} />
              ))}
          </Select>
        );
      })}
    </>
  );
}
