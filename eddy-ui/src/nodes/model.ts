// A canvas node: any node type the server's registry declares (src/nodes/nodeTypes.ts). Its config
// is the document's, as it is; a hand-written panel reads it as its own type (src/nodes/<type>/types.ts).
import type { Node } from '@xyflow/react';

export type NodeConfig = Record<string, unknown>;

/** What a canvas node carries: its name, its config, and document fields Eddy does not know. */
export type EddyNodeData = {
  name: string;
  config: NodeConfig;
  extra?: Record<string, unknown>;
};

export type EddyNode = Node<EddyNodeData, string>;
