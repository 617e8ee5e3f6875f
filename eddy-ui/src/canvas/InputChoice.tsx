// "Input from …" in a node's panel: connects nodes without dragging a handle (keyboard and screen
// reader users), one choice per input port. Offers the nodes whose output may feed this port: not the
// node itself, nor a node after it (that would be a loop), nor a node without output.
import { Select, SelectItem } from '@carbon/react';
import { useShallow } from 'zustand/react/shallow';
import { useFlowStore } from '../store/flowStore';
import { nodeTypeOf, useNodeType } from '../nodes/nodeTypes';

export function InputChoice({ nodeId }: { nodeId: string }) {
  const { nodes, edges, setInput } = useFlowStore(
    useShallow((s) => ({ nodes: s.nodes, edges: s.edges, setInput: s.setInput })),
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
