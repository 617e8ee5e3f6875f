import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FlowEditor } from '../FlowEditor';
import { ENVIRONMENT, fakeServer, flinkRoutes } from '../../test/fakeServer';
import { useFlowStore } from '../../store/flowStore';
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
    const server = fakeServer({
      'GET /api/flows/f1': () => ({ body: FLOW, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => ({ body: { valid: false, problems: [], nodes: [] } }),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
      'PUT /api/flows/f1': () => ({ body: { revision: 8 } }),
    });
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
      'GET /api/flows/f1': () => ({ body: EMPTY, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => ({ body: { valid: false, problems: [], nodes: [] } }),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
      'PUT /api/flows/f1': () => ({ body: { revision: 8 } }),
    });
    render(<FlowEditor flowId="f1" />);
    expect((await addSource()).kafka?.bootstrapServers).toEqual(['broker-1:9093', 'broker-2:9093']);
    expect(server.calls.filter((c) => c.path === '/api/environment')).toHaveLength(1);
  });

  it('start on localhost:9092 when the server does not tell its environment', async () => {
    fakeServer({
      'GET /api/environment': () => ({ status: 500, body: { error: 'Something broke (ref 1).' } }),
      'GET /api/flows/f1': () => ({ body: EMPTY, headers: { ETag: '"7"' } }),
      'GET /api/flows/f1/validation': () => ({ body: { valid: false, problems: [], nodes: [] } }),
      'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
      'PUT /api/flows/f1': () => ({ body: { revision: 8 } }),
    });
    render(<FlowEditor flowId="f1" />);
    expect((await addSource()).kafka?.bootstrapServers).toEqual(['localhost:9092']);
  });
});
