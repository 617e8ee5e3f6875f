import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FlowEditor } from '../FlowEditor';
import { ENVIRONMENT, fakeServer, flinkRoutes, openFlowRoutes } from '../../test/fakeServer';
import { useFlowStore } from '../../store/flowStore';
import { LiveRegion } from '../../common/announcer';
import type { SourceConfig } from '../../nodes/source/types';

const FLOW = {
  id: 'f1',
  revision: 7,
  name: 'Filter',
  description: '',
  nodes: [
    { id: 'orders', type: 'source', name: 'Orders', position: { x: 0, y: 0 }, config: {} },
    { id: 'emea', type: 'filter', name: 'EMEA', position: { x: 300, y: 0 }, config: { expression: 'regio = 1' } },
  ],
  edges: [{ from: 'orders', to: 'emea' }],
};

describe('the canvas', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each node with the status from the server, and why Run is disabled', async () => {
    fakeServer({
      'GET /api/flows/f1': () => ({ body: FLOW, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => ({
        body: {
          valid: false,
          problems: [],
          nodes: [
            {
              id: 'orders',
              name: 'Orders',
              status: 'valid',
              messages: [],
              output: [{ name: 'region', type: 'STRING' }],
            },
            { id: 'emea', name: 'EMEA', status: 'error', messages: ['Property `regio` does not exist.'], output: [] },
          ],
        },
      }),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
    });
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="EMEA"]')).toHaveAttribute('data-status', 'error'),
    );
    expect(document.querySelector('[data-node-name="Orders"]')).toHaveAttribute('data-status', 'valid');
    expect(document.querySelector('[data-node-name="EMEA"] .eddy-node__status')).toHaveAttribute(
      'aria-label',
      'EMEA: Has errors — Property `regio` does not exist.',
    );
    expect(screen.getByTestId('run-reason')).toHaveTextContent(
      'Run and Deploy are not available: Node “EMEA” has errors: Property `regio` does not exist.',
    );
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deploy' }).closest('[title]')).toHaveAttribute(
      'title',
      'Deploy is not available: Node “EMEA” has errors: Property `regio` does not exist.',
    );
    expect(screen.getByTestId('save-state')).toHaveTextContent('Saved');
  });

  it('opens the panel of a clicked node with the properties of its input', async () => {
    fakeServer({
      'GET /api/flows/f1': () => ({ body: FLOW, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => ({
        body: {
          valid: false,
          problems: [],
          nodes: [
            {
              id: 'orders',
              name: 'Orders',
              status: 'valid',
              messages: [],
              output: [{ name: 'region', type: 'STRING' }],
            },
            { id: 'emea', name: 'EMEA', status: 'error', messages: ['Property `regio` does not exist.'], output: [] },
          ],
        },
      }),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
    });
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="EMEA"]')).toHaveAttribute('data-status', 'error'),
    );
    fireEvent.click(document.querySelector('[data-node-name="EMEA"] .eddy-node__status')!);
    const panel = await screen.findByRole('complementary', { name: 'Configure EMEA' });
    expect(panel).toHaveTextContent('Property `regio` does not exist.');
    const property = screen.getByLabelText('Property') as HTMLSelectElement;
    expect([...property.options].map((o) => o.value)).toEqual(['', 'region']);
    expect(screen.getByRole('button', { name: 'Configure' })).toBeDisabled();
  });
});

describe('the canvas header', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renames the flow in place and saves it', async () => {
    const server = fakeServer(openFlowRoutes(FLOW));
    render(<FlowEditor flowId="f1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Filter' }));
    const input = screen.getByLabelText('Flow name');
    fireEvent.change(input, { target: { value: 'EMEA filter' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PUT')).toBe(true), { timeout: 3000 });
    const put = server.calls.find((c) => c.method === 'PUT')!;
    expect((put.body as { name: string }).name).toBe('EMEA filter');
    expect(put.headers['if-match']).toBe('7');
  });
});

const VALID = (ids: string[]) => ({
  body: {
    valid: true,
    problems: [],
    nodes: ids.map((id) => ({ id, name: id, status: 'valid', messages: [], output: [] })),
  },
});

describe('deploying from the canvas', () => {
  it('needs an event destination: a valid flow without one cannot be deployed, and says why', async () => {
    fakeServer({
      ...flinkRoutes().routes,
      'GET /api/flows/f1': () => ({ body: FLOW, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => VALID(['orders', 'emea']),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
    });
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deploy' }).closest('[title]')).toHaveAttribute(
      'title',
      'Deploy is not available: The flow has no event destination: a deployed job writes its results only to one.',
    );
  });

  it('opens the deploy dialog on a valid flow with a destination, and links to the jobs', async () => {
    const withDestination = {
      ...FLOW,
      nodes: [...FLOW.nodes, { id: 'out', type: 'destination', name: 'Out', position: { x: 600, y: 0 }, config: {} }],
      edges: [...FLOW.edges, { from: 'emea', to: 'out' }],
    };
    const server = fakeServer({
      ...flinkRoutes().routes,
      'GET /api/flows/f1': () => ({ body: withDestination, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => VALID(['orders', 'emea', 'out']),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
    });
    render(<FlowEditor flowId="f1" />);
    expect(await screen.findByRole('link', { name: 'Jobs' })).toHaveAttribute('href', '/jobs');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Deploy' })).toBeEnabled());
    expect(screen.queryByTestId('run-reason')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deploy to Flink' });
    expect(within(dialog).getByLabelText('Job name')).toHaveValue('Filter');
    expect(within(dialog).getByTestId('deploy-target')).toHaveTextContent(ENVIRONMENT.flink.restUrl);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deploy' }));
    await within(dialog).findByTestId('deployed-job');
    expect(server.calls.find((c) => c.method === 'POST')!.path).toBe('/api/flows/f1/deploy');
  });
});

describe('new Kafka nodes', () => {
  const EMPTY = { ...FLOW, nodes: [], edges: [] };

  const addSource = async () => {
    fireEvent.keyDown(await screen.findByRole('button', { name: /^Event source: drag onto the canvas/ }), {
      key: 'Enter',
    });
    await waitFor(() => expect(useFlowStore.getState().nodes).toHaveLength(1));
    return useFlowStore.getState().nodes[0].data.config as SourceConfig;
  };

  it('start on the Kafka cluster of the server’s environment', async () => {
    const server = fakeServer({
      ...flinkRoutes().routes,
      ...openFlowRoutes(EMPTY),
    });
    render(<FlowEditor flowId="f1" />);
    expect((await addSource()).kafka?.bootstrapServers).toEqual(['broker-1:9093', 'broker-2:9093']);
    expect(server.calls.filter((c) => c.path === '/api/environment')).toHaveLength(1);
  });

  it('start on localhost:9092 when the server does not tell its environment', async () => {
    fakeServer({
      'GET /api/environment': () => ({ status: 500, body: { error: 'Something broke (ref 1).' } }),
      ...openFlowRoutes(EMPTY),
    });
    render(<FlowEditor flowId="f1" />);
    expect((await addSource()).kafka?.bootstrapServers).toEqual(['localhost:9092']);
  });
});

describe('previewing a node', () => {
  // a source and a filter, valid, and a transform after them that is not configured yet
  const DRAWING = {
    ...FLOW,
    nodes: [...FLOW.nodes, { id: 'enrich', type: 'transform', name: 'Enrich', position: { x: 600, y: 0 }, config: {} }],
    edges: [...FLOW.edges, { from: 'emea', to: 'enrich' }],
  };
  const REPORT = {
    valid: false,
    problems: [],
    nodes: [
      {
        id: 'orders',
        name: 'Orders',
        status: 'valid',
        messages: [],
        output: [
          { name: 'id', type: 'STRING' },
          { name: 'price', type: 'DOUBLE' },
          { name: 'region', type: 'STRING' },
        ],
      },
      { id: 'emea', name: 'EMEA', status: 'valid', messages: [], output: [{ name: 'region', type: 'STRING' }] },
      { id: 'enrich', name: 'Enrich', status: 'unconfigured', messages: ['Add a new property.'], output: [] },
    ],
  };
  const PREVIEWING = { status: 'running', mode: 'historical', node: { id: 'orders', name: 'Orders' } };

  /** EventSource: each stream sends these events once it is open. */
  function streamEvents(events: object[]) {
    const opened: string[] = [];
    class FakeEventSource {
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      constructor(url: string) {
        opened.push(url);
        setTimeout(() => {
          this.onopen?.();
          for (const e of events) this.onmessage?.({ data: JSON.stringify(e) });
        }, 10);
      }
      close() {}
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    return opened;
  }

  const routes = (run: () => object, extra: Record<string, Parameters<typeof fakeServer>[0][string]> = {}) => ({
    'GET /api/flows/f1': () => ({ body: DRAWING, headers: { ETag: '"7"' } }),
    'GET /api/flows/f1/validation': () => ({ body: REPORT }),
    'GET /api/flows/f1/run': () => ({ body: run() }),
    'PUT /api/flows/f1': () => ({ body: { revision: 8 } }),
    ...extra,
  });

  const openPanel = async (name: string) => {
    fireEvent.click(document.querySelector(`[data-node-name="${name}"] .eddy-node__status`)!);
    return screen.findByRole('complementary', { name: `Configure ${name}` });
  };

  const previewButton = (panel: HTMLElement) => within(panel).getByRole('button', { name: 'Preview' });

  it('is offered for a valid node, with the flow still being drawn, and disabled with the reason otherwise', async () => {
    fakeServer(routes(() => ({ status: 'none' })));
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="Enrich"]')).toHaveAttribute('data-status', 'unconfigured'),
    );
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();

    let panel = await openPanel('EMEA');
    expect(previewButton(panel)).toBeEnabled();
    expect(previewButton(panel).closest('[title]')).toHaveAttribute(
      'title',
      'Run this node and the nodes before it, and show its output',
    );

    panel = await openPanel('Enrich');
    expect(previewButton(panel)).toBeDisabled();
    expect(previewButton(panel).closest('[title]')).toHaveAttribute(
      'title',
      'Preview is not available: Node “Enrich” is not configured: Add a new property.',
    );
  });

  it('sends the mode and the node, and shows that node’s output under its name with its properties', async () => {
    let run: object = { status: 'none' };
    const opened = streamEvents([{ region: 'APAC', id: 'o-1', price: 12.5 }]);
    const server = fakeServer(
      routes(() => run, {
        'POST /api/flows/f1/run': () => {
          run = PREVIEWING;
          return { status: 202, body: { ...PREVIEWING, status: 'starting' } };
        },
        'DELETE /api/flows/f1/run': () => {
          run = { ...PREVIEWING, status: 'stopped' };
          return { body: run };
        },
      }),
    );
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="Orders"]')).toHaveAttribute('data-status', 'valid'),
    );
    const panel = await openPanel('Orders');
    await userEvent.click(previewButton(panel));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Include historical' }));

    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/flows/f1/run');
    expect(post.body).toEqual({ mode: 'historical', node: 'orders' });

    expect(await screen.findByTestId('results-title')).toHaveTextContent('Preview of “Orders”');
    const table = await screen.findByRole('table', { name: 'Output events' });
    // the previewed node's properties, in its order (the filter at the end outputs only region)
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['id', 'price', 'region']);
    expect(opened).toEqual(['/api/flows/f1/run/events']);

    // the header tells the truth: a preview runs, it can be stopped, nothing else can start meanwhile
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveTextContent('Previewing “Orders”'));
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
    expect(previewButton(panel)).toBeDisabled();
    expect(previewButton(panel).closest('[title]')).toHaveAttribute(
      'title',
      'Preview is not available: The preview of “Orders” is running: stop it first.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Stop preview' }));
    await waitFor(() => expect(screen.getByTestId('run-status')).toHaveTextContent('Preview stopped'));
    expect(server.calls.some((c) => c.method === 'DELETE' && c.path === '/api/flows/f1/run')).toBe(true);
    expect(previewButton(panel)).toBeEnabled();
    expect(screen.getByTestId('results-title')).toHaveTextContent('Preview of “Orders”');
  });

  it('shows why the server refuses a preview', async () => {
    fakeServer(
      routes(() => ({ status: 'none' }), {
        'POST /api/flows/f1/run': () => ({
          status: 409,
          body: {
            error: '`EMEA` and the nodes before it must be valid to preview it: Node `Orders`: Choose a topic.',
            problems: ['Node `Orders`: Choose a topic.'],
          },
        }),
      }),
    );
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="EMEA"]')).toHaveAttribute('data-status', 'valid'),
    );
    const panel = await openPanel('EMEA');
    await userEvent.click(previewButton(panel));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Events from now' }));
    await waitFor(() =>
      expect(screen.getByTestId('run-reason')).toHaveTextContent(
        '`EMEA` and the nodes before it must be valid to preview it: Node `Orders`: Choose a topic.',
      ),
    );
    expect(screen.queryByTestId('results-title')).toBeNull();
  });

  it('shows an ongoing preview again after a page refresh', async () => {
    streamEvents([{ region: 'EMEA', id: 'o-2', price: 3 }]);
    fakeServer(routes(() => PREVIEWING));
    render(<FlowEditor flowId="f1" />);
    expect(await screen.findByTestId('results-title')).toHaveTextContent('Preview of “Orders”');
    expect(screen.getByTestId('run-status')).toHaveTextContent('Previewing “Orders”');
    expect(screen.getByRole('button', { name: 'Stop preview' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Output events' });
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['id', 'price', 'region']),
    );
  });

  it('says a failed preview once: in the banner, not again in the live region', async () => {
    fakeServer(
      routes(() => ({ status: 'failed', error: 'The broker went away.', node: { id: 'orders', name: 'Orders' } })),
    );
    render(
      <>
        <FlowEditor flowId="f1" />
        <LiveRegion />
      </>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('run-reason')).toHaveTextContent(
        'The preview of “Orders” failed: The broker went away.',
      ),
    );
    expect(screen.getByTestId('run-reason')).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('live-region')).not.toHaveTextContent('failed');
  });

  it('shows what the run counted next to each node (issue 16)', async () => {
    streamEvents([]);
    fakeServer(
      routes(() => ({
        status: 'running',
        mode: 'historical',
        counts: {
          orders: { in: 1300, out: 1290, skipped: 10, nulled: { price: 2, quantity: 1 } },
          emea: { out: 320 },
        },
      })),
    );
    render(<FlowEditor flowId="f1" />);
    expect(await screen.findByTestId('counts-orders')).toHaveTextContent(
      'read 1,300 · out 1,290 · skipped 10 · nulled 3',
    );
    expect(screen.getByTestId('counts-orders')).toHaveAttribute(
      'title',
      expect.stringContaining('values that did not fit and became null: price 2, quantity 1'),
    );
    expect(screen.getByTestId('counts-emea')).toHaveTextContent(/^out 320$/);
    expect(screen.queryByTestId('counts-enrich')).toBeNull();
  });
});
