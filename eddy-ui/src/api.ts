// Every call the web app makes to the Eddy server, in one place (INTERFACES.md "HTTP API", and the
// helper endpoints documented in docs/server.md). Components never call fetch directly.
import type {
  Environment,
  FlowDocument,
  FlowPage,
  FlowQuery,
  FlowReport,
  FlowSummary,
  HistoryEntry,
  RevisionDiff,
  TagCount,
  Job,
  JobList,
  NodeTypeInfo,
  PropertyDef,
  RunMode,
  RunStatus,
  StartedJob,
  StoredFlow,
} from './types';

/** An error response: the server's one-sentence message, its status and any problems. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/**
 * Sent with every request: a page of another origin cannot send it without a CORS preflight the server never
 * grants, so the server accepts state-changing requests signed in by the session cookie only with it (or a JSON
 * body) — docs/security.md.
 */
export const APP_HEADER = 'X-Eddy-Request';

/** The event the app hears when the server wants a sign-in (401): App shows the sign-in page. */
export const SIGN_IN_NEEDED = 'eddy:sign-in-needed';

/** Every request of the app: the session cookie (same origin) and the app's header. */
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(APP_HEADER, 'app');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError('The Eddy server cannot be reached.', 0);
  }
  if (res.status === 401 && typeof window !== 'undefined') window.dispatchEvent(new Event(SIGN_IN_NEEDED));
  return res;
}

async function failure(res: Response): Promise<ApiError> {
  let message = `The server answered ${res.status} ${res.statusText}.`.replace(' .', '.');
  let problems: unknown[] = [];
  try {
    const body = await res.json();
    if (body && typeof body.error === 'string') message = body.error;
    if (body && Array.isArray(body.problems)) problems = body.problems;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(message, res.status, problems);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await send(path, init);
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;

// ---- session (docs/security.md) ----------------------------------------------------------------

/**
 * Who is signed in, whether the server has local users (then the browser signs in with a password),
 * and the OpenID Connect provider people may sign in with, if one is configured.
 */
export interface Session {
  signedIn: boolean;
  usersConfigured: boolean;
  oidc?: { name: string; start: string };
  user?: string;
  role?: 'viewer' | 'editor' | 'admin';
  kind?: 'owner' | 'user' | 'api_token';
}

export const getSession = () => call<Session>('/api/session');

export const signIn = (name: string, password: string) =>
  call<Session>('/api/session', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name, password }) });

export const signOut = () => call<void>('/api/session', { method: 'DELETE' });

// ---- flows -------------------------------------------------------------------------------------

export const listFlows = () => call<FlowSummary[]>('/api/flows');

/** One page of the catalogue: searched, filtered and sorted by the server. */
export const listFlowPage = (query: FlowQuery, init: RequestInit = {}) => {
  const params = new URLSearchParams();
  params.set('limit', String(query.limit ?? 48));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.status) params.set('status', query.status);
  if (query.tag) params.set('tag', query.tag);
  if (query.sort) params.set('sort', query.sort);
  if (query.cursor) params.set('cursor', query.cursor);
  return call<FlowPage>(`/api/flows?${params}`, init);
};

export const listTags = () => call<TagCount[]>('/api/tags');

// ---- history -----------------------------------------------------------------------------------

export const flowHistory = (id: string) => call<HistoryEntry[]>(`/api/flows/${enc(id)}/history`);

export const diffRevisions = (id: string, from: number, to: number) =>
  call<RevisionDiff>(`/api/flows/${enc(id)}/history/diff?from=${from}&to=${to}`);

export const restoreRevision = (id: string, revision: number) =>
  call<StoredFlow>(`/api/flows/${enc(id)}/history/${revision}/restore`, { method: 'POST' });

export const createFlow = (name: string, description?: string) =>
  call<StoredFlow>('/api/flows', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ name, description: description ?? '' }),
  });

export const getFlow = async (id: string): Promise<StoredFlow> => {
  const res = await send(`/api/flows/${enc(id)}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  const flow = (await res.json()) as StoredFlow;
  const etag = res.headers.get('ETag');
  if (flow.revision === undefined && etag) flow.revision = etag.replace(/^W\//, '').replace(/"/g, '');
  return flow;
};

/** Saves the whole document; resolves to the new revision. A 412 means someone saved in between. */
export const saveFlow = async (id: string, doc: FlowDocument, revision: number | string): Promise<number | string> => {
  const res = await send(`/api/flows/${enc(id)}`, {
    method: 'PUT',
    headers: { ...JSON_HEADERS, 'If-Match': String(revision) },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw await failure(res);
  let next: number | string | undefined;
  try {
    const body = await res.json();
    next = body?.revision;
  } catch {
    // no body
  }
  if (next === undefined) {
    const etag = res.headers.get('ETag');
    next = etag ? etag.replace(/^W\//, '').replace(/"/g, '') : undefined;
  }
  return next ?? revision;
};

export const patchFlow = (id: string, change: { name?: string; description?: string }) =>
  call<StoredFlow>(`/api/flows/${enc(id)}`, {
    method: 'PATCH',
    headers: JSON_HEADERS,
    body: JSON.stringify(change),
  });

export const duplicateFlow = (id: string) => call<StoredFlow>(`/api/flows/${enc(id)}/duplicate`, { method: 'POST' });

export const deleteFlow = (id: string) => call<void>(`/api/flows/${enc(id)}`, { method: 'DELETE' });

export const validateFlow = (id: string) => call<FlowReport>(`/api/flows/${enc(id)}/validation`);

// ---- export and import -------------------------------------------------------------------------

export interface ExportFile {
  fileName: string;
  blob: Blob;
}

/** The file name from a Content-Disposition header (RFC 6266, `filename*` first). */
export function dispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1] : fallback;
}

/** Downloads an export; an SQL export that breaks the rules rejects with the problems (422). */
export async function exportFlow(
  id: string,
  format: 'json' | 'sql',
  includeCredentials = false,
  flowName = 'flow',
): Promise<ExportFile> {
  const query = `format=${format}${format === 'json' && includeCredentials ? '&credentials=include' : ''}`;
  const res = await send(`/api/flows/${enc(id)}/export?${query}`);
  if (!res.ok) throw await failure(res);
  const blob = await res.blob();
  return {
    fileName: dispositionFileName(res.headers.get('Content-Disposition'), `${flowName}.${format}`),
    blob,
  };
}

/** Imports one file; each file is sent on its own so that its error can be shown next to it. */
export async function importFile(file: File, name?: string): Promise<StoredFlow[]> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = name && name.trim() ? `?name=${enc(name.trim())}` : '';
  const created = await call<StoredFlow[] | StoredFlow | { flows: StoredFlow[] }>(`/api/flows/import${query}`, {
    method: 'POST',
    body: form,
  });
  if (Array.isArray(created)) return created;
  if (created && 'flows' in created && Array.isArray(created.flows)) return created.flows;
  return [created as StoredFlow];
}

// ---- runs --------------------------------------------------------------------------------------

/** Runs the whole flow, or with `node` previews that node: it and the nodes before it run, its output is streamed. */
export const startRun = (id: string, mode: RunMode, node?: string) =>
  call<RunStatus>(`/api/flows/${enc(id)}/run`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(node ? { mode, node } : { mode }),
  });

export const getRun = (id: string) => call<RunStatus>(`/api/flows/${enc(id)}/run`);

export const stopRun = (id: string) => call<void>(`/api/flows/${enc(id)}/run`, { method: 'DELETE' });

export const runEventsUrl = (id: string) => `/api/flows/${enc(id)}/run/events`;
export const runCsvUrl = (id: string) => `/api/flows/${enc(id)}/run/events.csv`;

// ---- deploying and jobs (the server's Flink cluster) ----------------------------------------------

export const getEnvironment = () => call<Environment>('/api/environment');

/** Deploys the stored flow; the server answers once Flink runs the job (or after about 20 s). */
export interface DeployOptions {
  name?: string;
  parallelism?: number;
  /** default 'exactly-once' */
  delivery?: 'exactly-once' | 'at-least-once';
  /** e.g. '30s'; default 10 s */
  checkpointInterval?: string;
  /** default 'retain' */
  checkpointRetention?: 'retain' | 'delete';
}

export const deployFlow = (id: string, options: DeployOptions) =>
  call<StartedJob>(`/api/flows/${enc(id)}/deploy`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(options),
  });

export const listJobs = () => call<JobList>('/api/jobs');

/** Stops a running job with a savepoint; answers the job once it has ended (several seconds). */
export const stopJob = (jobId: string) => call<Job>(`/api/jobs/${enc(jobId)}/stop`, { method: 'POST' });

/**
 * Starts the flow of a stopped, failed or lost job again as a new job: from its savepoint, else from its latest
 * retained checkpoint.
 */
export const resumeJob = (jobId: string) => call<StartedJob>(`/api/jobs/${enc(jobId)}/resume`, { method: 'POST' });

export const cancelJob = (jobId: string) => call<Job>(`/api/jobs/${enc(jobId)}/cancel`, { method: 'POST' });

// ---- helpers for the node panels (docs/server.md) ------------------------------------------------

export interface KafkaConnection {
  bootstrapServers: string[];
  security?: unknown;
}

export const listNodeTypes = () => call<NodeTypeInfo[]>('/api/node-types');

/** The topics of a Kafka cluster. */
export const listTopics = async (kafka: KafkaConnection): Promise<string[]> => {
  const body = await call<{ topics: string[] } | string[]>('/api/kafka/topics', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(kafka),
  });
  return Array.isArray(body) ? body : body.topics;
};

/** A recent message of a topic (its value as text), to derive the event structure from. */
export const sampleMessage = async (kafka: KafkaConnection & { topic: string }): Promise<string> => {
  const body = await call<{ message?: string; value?: unknown }>('/api/kafka/sample', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(kafka),
  });
  const value = body.message ?? body.value;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
};

export interface DbTable {
  name: string;
  columns: PropertyDef[];
}

/** The tables of a PostgreSQL database, with their columns and Eddy types. */
export const listTables = async (jdbc: { url: string; username?: string; password?: string }): Promise<DbTable[]> => {
  const body = await call<{ tables: DbTable[] } | DbTable[]>('/api/jdbc/tables', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(jdbc),
  });
  return Array.isArray(body) ? body : body.tables;
};
