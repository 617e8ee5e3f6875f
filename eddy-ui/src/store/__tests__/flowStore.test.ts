import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFlowStore, runBlocker, inputsOf, previewBlocker } from '../flowStore';
import { fromDocument, toDocument } from '../document';
import { fakeServer } from '../../test/fakeServer';
import { useRegistry } from '../../test/harness';
import type { FlowReport, StoredFlow } from '../../types';

const flow = (over: Partial<StoredFlow> = {}): StoredFlow => ({
  id: 'f1',
  revision: 3,
  name: 'Filter',
  description: '',
  nodes: [],
  edges: [],
  ...over,
});

const report: FlowReport = {
  valid: false,
  problems: [],
  nodes: [{ id: 'source-1', name: 'Event source', status: 'unconfigured', messages: ['Choose a topic.'], output: [] }],
};

describe('the flow store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useRegistry();
    useFlowStore.getState().load(flow());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('adds nodes with unique ids and names', () => {
    const s = useFlowStore.getState();
    const a = s.addNodeByType('filter', { x: 0, y: 0 });
    const b = s.addNodeByType('filter', { x: 10, y: 0 });
    const nodes = useFlowStore.getState().nodes;
    expect([a, b]).toEqual(['filter-1', 'filter-2']);
    expect(nodes.map((n) => n.data.name)).toEqual(['Filter', 'Filter 2']);
  });

  it('connects an output to an input and refuses what the server would refuse', () => {
    const s = useFlowStore.getState();
    const src = s.addNodeByType('source', { x: 0, y: 0 });
    const dst = s.addNodeByType('destination', { x: 0, y: 0 });
    const join = s.addNodeByType('intervalJoin', { x: 0, y: 0 });
    const filter = s.addNodeByType('filter', { x: 0, y: 0 });
    const c = (source: string, target: string, targetHandle: string | null = null) => ({
      source,
      target,
      sourceHandle: 'out',
      targetHandle,
    });
    expect(s.isValidConnection(c(src, src))).toBe(false); // to itself
    expect(s.isValidConnection(c(dst, filter))).toBe(false); // a destination has no output
    expect(s.isValidConnection(c(filter, src))).toBe(false); // a source has no input
    s.onConnect(c(src, join, 'left'));
    s.onConnect(c(filter, join, 'left')); // port already taken
    s.onConnect(c(filter, join, 'right'));
    const edges = useFlowStore.getState().edges;
    expect(edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([
      [src, join, 'left'],
      [filter, join, 'right'],
    ]);
    const doc = toDocument('x', '', useFlowStore.getState().nodes, edges);
    expect(doc.edges).toEqual([
      { from: src, to: join, port: 'left' },
      { from: filter, to: join, port: 'right' },
    ]);
  });

  it('connects several inputs to a port that takes many (a combine), still one per other port', () => {
    const s = useFlowStore.getState();
    const a = s.addNodeByType('source', { x: 0, y: 0 });
    const b = s.addNodeByType('source', { x: 0, y: 0 });
    const combine = s.addNodeByType('combine', { x: 0, y: 0 });
    const filter = s.addNodeByType('filter', { x: 0, y: 0 });
    const c = (source: string, target: string) => ({ source, target, sourceHandle: 'out', targetHandle: null });
    s.onConnect(c(a, combine));
    s.onConnect(c(b, combine));
    s.onConnect(c(b, combine)); // the same connection twice
    s.onConnect(c(a, filter));
    s.onConnect(c(b, filter)); // a filter takes one input
    expect(useFlowStore.getState().edges.map((e) => [e.source, e.target])).toEqual([
      [a, combine],
      [b, combine],
      [a, filter],
    ]);
  });

  it('undoes adding, connecting and deleting', () => {
    const s = useFlowStore.getState();
    const a = s.addNodeByType('source', { x: 0, y: 0 });
    const b = s.addNodeByType('filter', { x: 200, y: 0 });
    s.onConnect({ source: a, target: b, sourceHandle: 'out', targetHandle: 'in' });
    s.deleteNodes([a]);
    expect(useFlowStore.getState().nodes).toHaveLength(1);
    expect(useFlowStore.getState().edges).toHaveLength(0);
    s.undo();
    expect(useFlowStore.getState().nodes).toHaveLength(2);
    expect(useFlowStore.getState().edges).toHaveLength(1);
    s.undo();
    expect(useFlowStore.getState().edges).toHaveLength(0);
    s.undo();
    expect(useFlowStore.getState().nodes.map((n) => n.id)).toEqual([a]);
  });

  it('saves changes with If-Match, then takes the node statuses from the server', async () => {
    const server = fakeServer({
      'PUT /api/flows/f1': () => ({ body: { revision: 4 } }),
      'GET /api/flows/f1/validation': () => ({ body: report }),
    });
    useFlowStore.getState().addNodeByType('source', { x: 5, y: 6 });
    expect(useFlowStore.getState().saveState).toBe('pending');
    await vi.runAllTimersAsync();
    const put = server.calls.find((c) => c.method === 'PUT')!;
    expect(put.headers['if-match']).toBe('3');
    expect((put.body as { nodes: unknown[] }).nodes).toEqual([
      {
        id: 'source-1',
        type: 'source',
        name: 'Event source',
        position: { x: 5, y: 6 },
        config: { kafka: { bootstrapServers: ['localhost:9092'] }, format: 'json' },
      },
    ]);
    const state = useFlowStore.getState();
    expect(state.saveState).toBe('saved');
    expect(state.revision).toBe(4);
    expect(state.report).toEqual(report);
    expect(runBlocker(state)).toBe('Node “Event source” is not configured: Choose a topic.');
  });

  it('shows a 412 as changed elsewhere, and a failure with retry', async () => {
    let status = 412;
    fakeServer({
      'PUT /api/flows/f1': () => ({ status, body: { error: 'Someone else saved this flow.' } }),
      'GET /api/flows/f1/validation': () => ({ body: report }),
    });
    useFlowStore.getState().setFlowName('Renamed');
    await vi.runAllTimersAsync();
    expect(useFlowStore.getState().saveState).toBe('conflict');
    status = 500;
    await useFlowStore.getState().saveNow();
    expect(useFlowStore.getState().saveState).toBe('failed');
    expect(useFlowStore.getState().saveError).toBe('Someone else saved this flow.');
    status = 200;
    await useFlowStore.getState().saveNow();
    expect(useFlowStore.getState().saveState).toBe('saved');
  });

  it('saves nothing when nothing changed since the last save (no revision without a change)', async () => {
    const puts: unknown[] = [];
    fakeServer({
      'PUT /api/flows/f1': (req) => {
        puts.push(req.body);
        return { body: { revision: 2 } };
      },
      'GET /api/flows/f1/validation': () => ({ body: report }),
    });
    await useFlowStore.getState().saveNow();
    expect(puts).toHaveLength(0);
    useFlowStore.getState().setFlowName('Renamed');
    await useFlowStore.getState().saveNow();
    expect(puts).toHaveLength(1);
    expect(useFlowStore.getState().saveState).toBe('saved');
    await useFlowStore.getState().saveNow();
    expect(puts).toHaveLength(1);
  });

  it('offers each input with the properties the analysis says it outputs', () => {
    useFlowStore.getState().load(
      flow({
        nodes: [
          { id: 'o', type: 'source', name: 'Orders', config: {} },
          { id: 'f', type: 'filter', name: 'EMEA', config: {} },
        ],
        edges: [{ from: 'o', to: 'f' }],
      }),
    );
    useFlowStore.setState({
      report: {
        valid: false,
        problems: [],
        nodes: [
          { id: 'o', name: 'Orders', status: 'valid', messages: [], output: [{ name: 'region', type: 'STRING' }] },
        ],
      },
    });
    expect(inputsOf(useFlowStore.getState(), 'f')).toEqual([
      { id: 'o', name: 'Orders', port: 'in', properties: [{ name: 'region', type: 'STRING' }], status: 'valid' },
    ]);
  });
});

describe('the flow document', () => {
  it('is saved in the version the server gave it, with its tags', () => {
    const doc = { format: 'eddy-flow', version: 2, name: 'n', description: 'd', tags: ['emea'], nodes: [], edges: [] };
    const { nodes, edges, extra } = fromDocument(doc);
    expect(toDocument('n', 'd', nodes, edges, extra)).toEqual(doc);
  });

  it('keeps fields this Eddy does not know, at the top and on nodes', () => {
    const doc = {
      format: 'eddy-flow',
      version: 1,
      name: 'n',
      description: 'd',
      labels: ['x'],
      nodes: [
        { id: 'a', type: 'filter', name: 'A', position: { x: 1, y: 2 }, config: { expression: 'TRUE' }, note: 'hi' },
      ],
      edges: [],
    };
    const { nodes, edges, extra } = fromDocument(doc);
    expect(toDocument('n', 'd', nodes, edges, extra)).toEqual(doc);
  });
});

describe('new Kafka nodes', () => {
  it('start on the cluster the flow already uses', () => {
    useRegistry();
    useFlowStore.getState().load(flow());
    const s = useFlowStore.getState();
    const a = s.addNodeByType('source', { x: 0, y: 0 });
    const first = useFlowStore.getState().nodes.find((n) => n.id === a)!;
    s.updateNodeConfig(a, {
      ...(first.data.config as object),
      kafka: { bootstrapServers: ['broker:19092'], topic: 'T' },
    });
    const b = s.addNodeByType('destination', { x: 0, y: 0 });
    const second = useFlowStore.getState().nodes.find((n) => n.id === b)!;
    expect(second.data.config).toEqual({ format: 'json', kafka: { bootstrapServers: ['broker:19092'] } });
  });
});

describe('previewing a node', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('needs the node and the nodes before it valid, whatever comes after it', () => {
    useFlowStore.getState().load(
      flow({
        nodes: [
          { id: 'o', type: 'source', name: 'Orders', config: {} },
          { id: 'f', type: 'filter', name: 'EMEA', config: {} },
          { id: 't', type: 'transform', name: 'Enrich', config: {} },
        ],
        edges: [
          { from: 'o', to: 'f' },
          { from: 'f', to: 't' },
        ],
      }),
    );
    const node = (id: string, name: string, status: 'valid' | 'error' | 'unconfigured', messages: string[] = []) => ({
      id,
      name,
      status,
      messages,
      output: [],
    });
    const at = (nodes: ReturnType<typeof node>[]) => ({
      ...useFlowStore.getState(),
      report: { valid: false, problems: [], nodes },
    });
    const drawing = at([node('o', 'Orders', 'valid'), node('f', 'EMEA', 'valid'), node('t', 'Enrich', 'unconfigured')]);
    expect(previewBlocker(drawing, 'o')).toBeNull();
    expect(previewBlocker(drawing, 'f')).toBeNull();
    expect(previewBlocker(drawing, 't')).toBe('Node “Enrich” is not configured.');
    const brokenSource = at([
      node('o', 'Orders', 'error', ['Choose a topic.']),
      node('f', 'EMEA', 'valid'),
      node('t', 'Enrich', 'valid'),
    ]);
    expect(previewBlocker(brokenSource, 't')).toBe('Node “Orders” before it has errors: Choose a topic.');
    expect(previewBlocker({ ...drawing, report: null }, 'o')).toBe('The flow is being checked.');
    expect(previewBlocker({ ...drawing, saveState: 'conflict' }, 'o')).toBe('Save the flow first.');
  });
});
