// The flow document (SPEC §2) and the server's analysis (INTERFACES.md), as the browser sees them.

export type PropertyType =
  'STRING' | 'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ';

export const PROPERTY_TYPES: PropertyType[] = [
  'STRING',
  'BOOLEAN',
  'INTEGER',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMP_LTZ',
];

export type TimeUnit = 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';
export const TIME_UNITS: TimeUnit[] = ['MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY'];

export interface Duration {
  value?: number;
  unit?: TimeUnit;
}

export interface PropertyDef {
  name: string;
  type: PropertyType | string;
}

export interface OutputConfig {
  remove?: string[];
  rename?: Record<string, string>;
}

export interface Position {
  x: number;
  y: number;
}

/** A node as written in the flow document; `config` is typed per node type in src/nodes/<type>/types.ts. */
export interface DocumentNode {
  id: string;
  type: string;
  name: string;
  position?: Position;
  config?: unknown;
  [extra: string]: unknown;
}

export interface DocumentEdge {
  from: string;
  to: string;
  port?: string;
}

export interface FlowDocument {
  format?: string;
  version?: number;
  name: string;
  description?: string;
  nodes: DocumentNode[];
  edges: DocumentEdge[];
  [extra: string]: unknown;
}

/** GET /api/flows/{id}: the document plus store metadata. */
export interface StoredFlow extends FlowDocument {
  id: string;
  revision: number | string;
  updatedAt?: string;
}

export type FlowStatus = 'draft' | 'valid' | 'running' | 'failed' | string;

export interface FlowSummary {
  id: string;
  name: string;
  description?: string;
  status: FlowStatus;
  updatedAt?: string;
}

export type NodeStatus = 'unconfigured' | 'valid' | 'error';

export interface OutputProperty {
  name: string;
  type: PropertyType | string;
  eventTime?: boolean;
}

export interface NodeReport {
  id: string;
  name: string;
  type?: string;
  status: NodeStatus;
  messages: string[];
  output: OutputProperty[];
}

export interface FlowReport {
  valid: boolean;
  problems: string[];
  nodes: NodeReport[];
}

export type RunMode = 'fromNow' | 'historical';

export interface RunStatus {
  status: string; // none | starting | running | failed | stopped (as the server reports it)
  startedAt?: string;
  jobId?: string;
  error?: string;
  eventsOut?: number;
  mode?: RunMode | string;
  /** the previewed node; absent for a run of the whole flow */
  node?: { id: string; name: string };
}

/** GET /api/environment: the Kafka and Flink clusters the server uses by default. */
export interface Environment {
  kafka: { bootstrapServers: string; embedded: boolean };
  flink: { restUrl: string; embedded: boolean };
}

export type JobAction = 'stop' | 'cancel' | 'resume';

/** A job on the server's Flink cluster: Flink's view joined with what Eddy remembers of it. */
export interface Job {
  jobId: string;
  name: string;
  state: string; // Flink's: RUNNING, FINISHED, CANCELED, FAILED, RESTARTING, ...
  startTime: string;
  durationMs: number;
  flowId: string | null;
  flowName: string | null;
  savepointPath: string | null;
  resumedFrom: string | null;
  resumedAs: string | null;
  error: string | null;
  actions: JobAction[];
}

/** GET /api/jobs */
export interface JobList {
  flinkUrl: string;
  jobs: Job[];
}

/** POST /api/flows/{id}/deploy and POST /api/jobs/{id}/resume: the job just started. */
export interface StartedJob {
  jobId: string;
  jobName: string;
  flinkUrl: string;
  state: string;
  error: string | null;
}
