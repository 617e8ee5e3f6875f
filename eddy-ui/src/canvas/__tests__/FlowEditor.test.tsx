import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FlowEditor } from '../FlowEditor';
import { fakeServer } from '../../test/fakeServer';

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
      'Run is not available: Node “EMEA” has errors: Property `regio` does not exist.',
    );
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
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
