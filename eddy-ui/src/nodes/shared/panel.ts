import type { NodeReport, OutputProperty } from '../../types';

export interface PanelInput {
  id: string;
  name: string;
  port: string;
  properties: OutputProperty[];
}

/** What every node type's configuration panel receives. */
export interface PanelProps<C> {
  nodeId: string;
  config: C;
  onChange: (config: C) => void;
  /** the nodes connected to this node's inputs, with the properties they output */
  inputs: PanelInput[];
  /** this node's analysis from the server (status, messages, output) */
  report?: NodeReport;
}

/** Messages of the analysis that mention one of `words` (to show a message next to its field). */
export function messageAbout(report: NodeReport | undefined, ...words: string[]): string | undefined {
  if (!report || report.status !== 'error') return undefined;
  const lower = words.map((w) => w.toLowerCase());
  return report.messages.find((m) => lower.some((w) => m.toLowerCase().includes(w)));
}
