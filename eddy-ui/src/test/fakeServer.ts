// A recording fake of the Eddy HTTP API for component tests: routes answer, every call is kept.
import { vi } from 'vitest';
import NODE_TYPES from './node-types.json';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** the values of a route's `:name` segments */
  params: Record<string, string>;
}

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;
/** answers a call; a promise keeps the request pending until it resolves */
type Handler = (call: Call) => Answer | Promise<Answer>;

export function fakeServer(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchFake = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://eddy.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    let body: unknown = init.body;
    if (typeof init.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const call: Call = { method, path: url.pathname + url.search, headers, body, params: {} };
    calls.push(call);
    const handler =
      routes[`${method} ${url.pathname}`] ??
      patternRoute(routes, method, url.pathname, call) ??
      SERVED_ALWAYS[`${method} ${url.pathname}`];
    const answer = (await handler?.(call)) ?? {
      status: 404,
      body: { error: `No route for ${method} ${url.pathname}.` },
    };
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) },
    });
  });
  vi.stubGlobal('fetch', fetchFake);
  return { calls, fetch: fetchFake };
}

/** Routes every fake server answers unless a test routes them itself: the node-type registry (the snapshot). */
const SERVED_ALWAYS: Record<string, Handler> = {
  'GET /api/node-types': () => ({ body: NODE_TYPES }),
};

/** A route such as `POST /api/jobs/:id/stop`; fills call.params. */
function patternRoute(routes: Record<string, Handler>, method: string, path: string, call: Call): Handler | undefined {
  const parts = path.split('/');
  for (const [key, handler] of Object.entries(routes)) {
    const [m, pattern] = key.split(' ');
    const want = pattern.split('/');
    if (m !== method || want.length !== parts.length || !pattern.includes(':')) continue;
    const params: Record<string, string> = {};
    if (
      want.every((w, i) => (w.startsWith(':') ? (params[w.slice(1)] = decodeURIComponent(parts[i])) : w === parts[i]))
    ) {
      call.params = params;
      return handler;
    }
  }
  return undefined;
}

// ---- a flow open on the canvas ------------------------------------------------------------------

/**
 * The routes of flow `flow` open on the canvas: the flow at revision 7, its validation `report` (none
 * valid by default), no run, and saves that answer revision 8.
 */
export function openFlowRoutes(
  flow: { id: string },
  report: unknown = { valid: false, problems: [], nodes: [] },
): Record<string, Handler> {
  const at = `/api/flows/${flow.id}`;
  return {
    [`GET ${at}`]: () => ({ body: flow, headers: { ETag: '"7"' } }),
    [`GET ${at}/validation`]: () => ({ body: report }),
    [`GET ${at}/run`]: () => ({ body: { status: 'none' } }),
    [`PUT ${at}`]: () => ({ body: { revision: 8 } }),
  };
}

// ---- the server's environment and Flink cluster -------------------------------------------------

export const ENVIRONMENT = {
  kafka: { bootstrapServers: 'broker-1:9093,broker-2:9093', embedded: false },
  flink: { restUrl: 'http://127.0.0.1:8081', embedded: true },
};

export interface FakeJob {
  jobId: string;
  name: string;
  state: string;
  startTime: string;
  durationMs: number;
  flowId: string | null;
  flowName: string | null;
  savepointPath: string | null;
  checkpointPath: string | null;
  delivery: string | null;
  resumedFrom: string | null;
  resumedAs: string | null;
  error: string | null;
  actions: ('stop' | 'cancel' | 'resume')[];
}

export const jobId = (n: number) => n.toString(16).padStart(4, '0').repeat(8);

export function fakeJob(n: number, change: Partial<FakeJob> = {}): FakeJob {
  return {
    jobId: jobId(n),
    name: `Job ${n}`,
    state: 'RUNNING',
    startTime: '2026-01-10T12:00:00Z',
    durationMs: 192_000,
    flowId: 'f1',
    flowName: 'EMEA orders',
    savepointPath: null,
    checkpointPath: null,
    delivery: 'exactly-once',
    resumedFrom: null,
    resumedAs: null,
    error: null,
    actions: ['stop', 'cancel'],
    ...change,
  };
}

/**
 * The routes of a Flink cluster behind the server: GET /api/environment, deploy, GET /api/jobs and
 * stop (→ FINISHED with a savepoint, resumable), resume (→ a new RUNNING job), cancel (→ CANCELED; a LOST
 * job is forgotten),
 * keeping the jobs in `jobs` (newest first) as the real server does.
 */
export function flinkRoutes(jobs: FakeJob[] = []) {
  let next = 100;
  const find = (c: Call) => jobs.find((j) => j.jobId === c.params.id);
  const unknown = (c: Call) => ({ status: 404, body: { error: `The Flink cluster knows no job ${c.params.id}.` } });
  const start = (name: string, from?: FakeJob) => {
    const job = fakeJob(next++, { name, durationMs: 0, resumedFrom: from?.jobId ?? null });
    jobs.unshift(job);
    return { jobId: job.jobId, jobName: name, flinkUrl: ENVIRONMENT.flink.restUrl, state: 'RUNNING', error: null };
  };
  const routes: Record<string, Handler> = {
    'GET /api/environment': () => ({ body: ENVIRONMENT }),
    'POST /api/flows/:id/deploy': (c) => ({
      status: 201,
      body: start((c.body as { name?: string })?.name ?? 'EMEA orders'),
    }),
    'GET /api/jobs': () => ({ body: { flinkUrl: ENVIRONMENT.flink.restUrl, jobs } }),
    'POST /api/jobs/:id/stop': (c) => {
      const job = find(c);
      if (!job) return unknown(c);
      Object.assign(job, {
        state: 'FINISHED',
        savepointPath: `file:/tmp/savepoints/savepoint-${job.jobId.slice(0, 6)}`,
        actions: ['resume'],
      });
      return { body: job };
    },
    'POST /api/jobs/:id/resume': (c) => {
      const job = find(c);
      if (!job) return unknown(c);
      const started = start(job.name, job);
      Object.assign(job, { resumedAs: started.jobId, actions: [] });
      return { status: 201, body: started };
    },
    'POST /api/jobs/:id/cancel': (c) => {
      const job = find(c);
      if (!job) return unknown(c);
      if (job.state === 'LOST') {
        // a lost job is forgotten: answered once more, then no longer listed
        jobs.splice(jobs.indexOf(job), 1);
        return { body: { ...job, actions: [] } };
      }
      Object.assign(job, { state: 'CANCELED', actions: [] });
      return { body: job };
    },
  };
  return { jobs, routes };
}
