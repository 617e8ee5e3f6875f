// Issue 19: nodes named by type, name and status; Enter opens a node's panel with focus in it, Escape
// closes it with focus back on the node; "Input from" connects nodes without dragging.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FlowEditor } from '../FlowEditor';
import { fakeServer, openFlowRoutes } from '../../test/fakeServer';
import { useFlowStore } from '../../store/flowStore';

const FLOW = {
  id: 'f1',
  revision: 7,
  name: 'Filter',
  description: '',
  nodes: [
    { id: 'orders', type: 'source', name: 'Orders', position: { x: 0, y: 0 }, config: {} },
    { id: 'emea', type: 'filter', name: 'EMEA orders', position: { x: 300, y: 0 }, config: { expression: 'regio' } },
  ],
  edges: [],
};

function serve() {
  return fakeServer(
    openFlowRoutes(FLOW, {
      valid: false,
      problems: [],
      nodes: [
        { id: 'orders', name: 'Orders', status: 'valid', messages: [], output: [] },
        {
          id: 'emea',
          name: 'EMEA orders',
          status: 'error',
          messages: ['Property `regio` does not exist.'],
          output: [],
        },
      ],
    }),
  );
}

const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;

describe('keyboard authoring on the canvas', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names nodes by type, name and status, and shows the status in words', async () => {
    serve();
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(nodeEl('emea')).toHaveAttribute('aria-label', 'Filter EMEA orders, has errors'));
    expect(nodeEl('orders')).toHaveAttribute('aria-label', 'Event source Orders, valid');
    expect(within(nodeEl('emea')).getByTestId('node-state')).toHaveTextContent('Has errors');
    // handles are buttons with names (axe: aria-label needs a role), reachable with Tab
    const input = nodeEl('emea').querySelector('.react-flow__handle[data-handlepos="left"]');
    const output = nodeEl('orders').querySelector('.react-flow__handle[data-handlepos="right"]');
    expect(input).toHaveAttribute('role', 'button');
    expect(input).toHaveAttribute('aria-label', 'Connect to EMEA orders');
    expect(input).toHaveAttribute('tabindex', '0');
    expect(output).toHaveAttribute('role', 'button');
    expect(output).toHaveAttribute('aria-label', 'Connect from Orders');
  });

  it('Enter on a node opens its panel with focus on its heading; Escape closes it, focus back on the node', async () => {
    serve();
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(nodeEl('emea')).not.toBeNull());
    nodeEl('emea').focus();
    fireEvent.keyDown(nodeEl('emea'), { key: 'Enter', code: 'Enter' });
    const panel = await screen.findByRole('complementary', { name: 'Configure EMEA orders' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'EMEA orders' })),
    );
    fireEvent.keyDown(within(panel).getByLabelText('Node name'), { key: 'Escape', code: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(nodeEl('emea')));
  });

  it('"Input from" connects a node to the one chosen, and "No input" disconnects it', async () => {
    serve();
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(nodeEl('emea')).not.toBeNull());
    fireEvent.click(nodeEl('emea'));
    const panel = await screen.findByRole('complementary', { name: 'Configure EMEA orders' });
    const input = within(panel).getByLabelText('Input from') as HTMLSelectElement;
    // the node itself is not offered
    expect([...input.options].map((o) => o.text)).toEqual(['No input', 'Orders']);
    fireEvent.change(input, { target: { value: 'orders' } });
    expect(useFlowStore.getState().edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([
      ['orders', 'emea', 'in'],
    ]);
    fireEvent.change(input, { target: { value: '' } });
    expect(useFlowStore.getState().edges).toEqual([]);
  });

  it('"Inputs from" connects several nodes to a combine, and unticking one disconnects it', async () => {
    const withCombine = {
      ...FLOW,
      nodes: [
        ...FLOW.nodes,
        { id: 'all', type: 'combine', name: 'All orders', position: { x: 600, y: 0 }, config: {} },
      ],
    };
    fakeServer(openFlowRoutes(withCombine));
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(nodeEl('all')).not.toBeNull());
    fireEvent.click(nodeEl('all'));
    const panel = await screen.findByRole('complementary', { name: 'Configure All orders' });
    fireEvent.click(within(panel).getByLabelText('Orders'));
    fireEvent.click(within(panel).getByLabelText('EMEA orders'));
    const edges = () => useFlowStore.getState().edges.map((e) => [e.source, e.target, e.targetHandle]);
    expect(edges()).toEqual([
      ['orders', 'all', 'in'],
      ['emea', 'all', 'in'],
    ]);
    fireEvent.click(within(panel).getByLabelText('Orders'));
    expect(edges()).toEqual([['emea', 'all', 'in']]);
  });
});
