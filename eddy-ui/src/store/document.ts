// Conversion between the flow document (SPEC §2) and the canvas's nodes and edges.
import type { Edge } from '@xyflow/react';
import type { DocumentEdge, DocumentNode, FlowDocument, StoredFlow } from '../types';
import type { EddyNode } from '../nodes/model';

const STORE_FIELDS = new Set(['id', 'revision', 'updatedAt', 'status']);
// `version` stays with the document's other fields: a flow is saved in the version the server gave it
const DOC_FIELDS = new Set(['format', 'name', 'description', 'nodes', 'edges']);
const NODE_FIELDS = new Set(['id', 'type', 'name', 'position', 'config']);

export const edgeId = (from: string, to: string, port?: string | null) =>
  `${from}->${to}${port && port !== 'in' ? `:${port}` : ''}`;

export function fromDocument(flow: StoredFlow | FlowDocument): {
  nodes: EddyNode[];
  edges: Edge[];
  extra: Record<string, unknown>;
} {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flow)) {
    if (!DOC_FIELDS.has(k) && !STORE_FIELDS.has(k)) extra[k] = v;
  }
  const nodes = (flow.nodes ?? []).map((n: DocumentNode, i: number) => {
    const nodeExtra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) if (!NODE_FIELDS.has(k)) nodeExtra[k] = v;
    return {
      id: n.id,
      type: n.type,
      position: n.position ?? { x: 80 + 260 * i, y: 120 },
      data: {
        name: n.name,
        config: (n.config ?? {}) as never,
        ...(Object.keys(nodeExtra).length ? { extra: nodeExtra } : {}),
      },
    } as EddyNode;
  });
  const edges: Edge[] = (flow.edges ?? []).map((e: DocumentEdge) => ({
    id: edgeId(e.from, e.to, e.port),
    source: e.from,
    target: e.to,
    sourceHandle: 'out',
    targetHandle: e.port ?? 'in',
  }));
  return { nodes, edges, extra };
}

export function toDocument(
  name: string,
  description: string,
  nodes: EddyNode[],
  edges: Edge[],
  extra: Record<string, unknown> = {},
): FlowDocument {
  return {
    format: 'eddy-flow',
    version: 1,
    ...extra,
    name,
    description,
    nodes: nodes.map((n) => ({
      ...(n.data.extra ?? {}),
      id: n.id,
      type: n.type,
      name: n.data.name,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      config: n.data.config,
    })),
    edges: edges.map((e) => {
      const port = e.targetHandle && e.targetHandle !== 'in' ? e.targetHandle : undefined;
      return port ? { from: e.source, to: e.target, port } : { from: e.source, to: e.target };
    }),
  };
}
