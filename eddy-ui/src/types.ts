// The flow document (SPEC §2) and the server's analysis (INTERFACES.md), as the browser sees them.

export type PropertyType =
  | 'STRING'
  | 'BOOLEAN'
  | 'INTEGER'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'TIMESTAMP_LTZ'
  | 'BYTES'
  | 'ROW'
  | 'ARRAY'
  | 'MAP';

/** The types a property can have that hold a single value (SPEC §2b). */
export const SIMPLE_PROPERTY_TYPES: PropertyType[] = [
  'STRING',
  'BOOLEAN',
  'INTEGER',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'DECIMAL',
  'DATE',
  'TIME',
  'TIMESTAMP',
  'TIMESTAMP_LTZ',
  'BYTES',
];

/** The types that hold other types: ROW its properties, ARRAY its items, MAP its values. */
export const STRUCTURED_PROPERTY_TYPES: PropertyType[] = ['ROW', 'ARRAY', 'MAP'];

/** The types a property can have (SPEC §2b). */
export const PROPERTY_TYPES: PropertyType[] = [...SIMPLE_PROPERTY_TYPES, ...STRUCTURED_PROPERTY_TYPES];

/** How a timestamp property is written in the message (sources only, SPEC §2b). */
export type TimestampFormat = 'auto' | 'epochMillis' | 'epochSeconds' | 'pattern';
export const TIMESTAMP_FORMATS: TimestampFormat[] = ['auto', 'epochMillis', 'epochSeconds', 'pattern'];

/**
 * A type as SPEC §2b writes it: ROW has `properties`, ARRAY `items`, MAP `values` (each nesting to
 * any depth), DECIMAL `precision` and `scale`; a timestamp of a source may say its `format`.
 */
export interface TypeDef {
  type: PropertyType | string;
  properties?: PropertyDef[];
  items?: TypeDef;
  values?: TypeDef;
  precision?: number;
  scale?: number;
  format?: TimestampFormat | string;
  pattern?: string;
}

export type TimeUnit = 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';
export const TIME_UNITS: TimeUnit[] = ['MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY'];

export interface Duration {
  value?: number;
  unit?: TimeUnit;
}

/** A named type: a property of a source, a column of a table, a property a node outputs. */
export interface PropertyDef extends TypeDef {
  name: string;
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
  revision?: number;
  tags?: string[];
}

export type FlowSort = 'changed' | 'name' | 'status';

/** GET /api/flows with parameters: one page of the catalogue. */
export interface FlowPage {
  flows: FlowSummary[];
  total: number;
  next: string | null;
  /** per status, for the query's text and tag whatever its status */
  counts: Record<string, number>;
}

export interface FlowQuery {
  q?: string;
  status?: string;
  tag?: string;
  sort?: FlowSort;
  limit?: number;
  cursor?: string | null;
}

export interface TagCount {
  tag: string;
  count: number;
}

/** GET /api/flows/{id}/history: one revision, newest first. */
export interface HistoryEntry {
  revision: number;
  updatedAt: string;
  user?: string;
}

/** One change of `eddy diff --json`. */
export interface FlowChange {
  kind: string;
  nodeId?: string;
  nodeName?: string;
  path?: string;
  old?: unknown;
  new?: unknown;
  text: string;
}

/** GET /api/flows/{id}/history/diff */
export interface RevisionDiff {
  from: number;
  to: number;
  identical: boolean;
  changes: FlowChange[];
}

export type NodeStatus = 'unconfigured' | 'valid' | 'error';

export interface OutputProperty extends PropertyDef {
  eventTime?: boolean;
}

/** One problem the analysis found, at its node and config field (a path such as `kafka.topic`). */
export interface Problem {
  nodeId: string | null;
  field: string | null;
  severity: 'error' | 'missing' | 'warning';
  code: string;
  message: string;
}

export interface NodeReport {
  id: string;
  name: string;
  type?: string;
  status: NodeStatus;
  messages: string[];
  /** the messages as structured problems; absent from a server that does not send them yet */
  problems?: Problem[];
  output: OutputProperty[];
}

export interface FlowReport {
  valid: boolean;
  problems: string[];
  /** every problem of the flow, node problems included */
  details?: Problem[];
  nodes: NodeReport[];
}

/** A config field as a node type declares it (GET /api/node-types). */
export interface FieldSpec {
  name: string;
  /** dotted from the config root; `[]` stands for the items of a list, `*` for the values of a map */
  path: string;
  label: string;
  type:
    | 'string'
    | 'text'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'choice'
    | 'duration'
    | 'expression'
    | 'property'
    | 'properties'
    | 'list'
    | 'object'
    | 'map';
  required: boolean;
  default?: unknown;
  description: string;
  allowed?: unknown[];
  sensitive: boolean;
  /** shown only when the field at `field` (a path) has one of `values` */
  dependsOn?: { field: string; values: unknown[] };
  fields?: FieldSpec[];
  items?: FieldSpec;
  values?: FieldSpec;
  /** true when a hand-written panel of the UI edits it rather than the generic form */
  custom: boolean;
}

/** A node type as the server's registry describes it (GET /api/node-types). */
export interface NodeTypeInfo {
  type: string;
  label: string;
  group: string;
  description: string;
  /** CSS colour of the type in the palette and on the canvas */
  color: string;
  /**
   * input ports: none for a source, `in` for most, `left`/`right` for a join; `many` when the port
   * takes several inputs (combine), at least `min`
   */
  inputs: { port: string; label: string; many?: boolean; min?: number }[];
  /** false when nothing can follow the node (an event destination) */
  output: boolean;
  roles: string[];
  fields: FieldSpec[];
  configSchema?: unknown;
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
  /** per node id, what the run counted (docs/server.md, GET /api/flows/{id}/run) */
  counts?: Record<string, NodeCounts>;
}

/** What a run counted at one node: events out; for a source also read/skipped/nulled; for a window or interval join late. */
export interface NodeCounts {
  in?: number;
  out: number;
  skipped?: number;
  nulled?: Record<string, number>;
  late?: number;
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
  // Flink's: RUNNING, FINISHED, CANCELED, FAILED, RESTARTING, ...; or LOST (deployed by Eddy, no longer
  // known to the cluster) or STOPPED (stopped with a savepoint, since forgotten by the cluster)
  state: string;
  startTime: string;
  durationMs: number;
  flowId: string | null;
  flowName: string | null;
  savepointPath: string | null;
  /** for a job that no longer runs: the retained checkpoint a resume restores */
  checkpointPath: string | null;
  /** 'exactly-once' or 'at-least-once' (null: not deployed from Eddy) */
  delivery: string | null;
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
