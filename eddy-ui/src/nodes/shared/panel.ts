import type { NodeReport, OutputProperty } from '../../types';

export interface PanelInput {
  id: string;
  name: string;
  port: string;
  properties: OutputProperty[];
}

/** What every hand-written part of a configuration panel, and the generic form, receives. */
export interface PanelProps<C> {
  nodeId: string;
  config: C;
  onChange: (config: C) => void;
  /** the nodes connected to this node's inputs, with the properties they output */
  inputs: PanelInput[];
  /** this node's analysis from the server (status, messages, output) */
  report?: NodeReport;
  /** the analysis's messages about the config field at `path` (e.g. `kafka.topic`), joined; or undefined */
  problemAt: (path: string) => string | undefined;
  /** the analysis's messages about `path` and every field under it */
  problemsUnder: (path: string) => string[];
}
