// Issue 19: Delete/Backspace removes a node only with focus on the canvas, says so, and can be undone.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useFlowStore } from '../../store/flowStore';
import { FlowEditor } from '../FlowEditor';
import { LiveRegion } from '../../common/announcer';
import { fakeServer, openFlowRoutes } from '../../test/fakeServer';

const FLOW = {
  id: 'f1',
  revision: 7,
  name: 'Filter',
  description: '',
  nodes: [
    { id: 'orders', type: 'source', name: 'Orders', position: { x: 0, y: 0 }, config: {} },
    { id: 'emea', type: 'filter', name: 'EMEA', position: { x: 300, y: 0 }, config: { expression: "region = 'EMEA'" } },
  ],
  edges: [{ from: 'orders', to: 'emea' }],
};

function serve() {
  return fakeServer(openFlowRoutes(FLOW));
}

// React Flow draws no edge under jsdom (nodes have no size there): edges are read from the store
const edgeCount = () => useFlowStore.getState().edges.length;
const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);

async function openWithEmeaSelected() {
  render(
    <>
      <FlowEditor flowId="f1" />
      <LiveRegion />
    </>,
  );
  await waitFor(() => expect(nodeEl('emea')).not.toBeNull());
  // a click selects the node and opens its panel, as a user does
  fireEvent.click(nodeEl('emea')!);
  await screen.findByRole('complementary', { name: 'Configure EMEA' });
  await waitFor(() => expect(nodeEl('emea')).toHaveClass('selected'));
}

describe('Delete and Backspace', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never remove the selected node from the panel’s buttons, the header’s buttons or any input', async () => {
    serve();
    await openWithEmeaSelected();
    const panel = screen.getByRole('complementary', { name: 'Configure EMEA' });
    const header = document.querySelector<HTMLElement>('.eddy-header')!;
    const targets = [
      within(panel).getByRole('button', { name: 'Configure' }),
      within(panel).getByRole('button', { name: 'Close' }),
      within(panel).getByLabelText('Node name'),
      within(header).getByRole('button', { name: 'Results' }),
      within(header).getByRole('button', { name: 'Export' }),
      within(header).getByRole('button', { name: 'Filter' }),
      panel,
      document.body,
    ];
    for (const target of targets) {
      for (const key of ['Delete', 'Backspace']) {
        target.focus();
        fireEvent.keyDown(target, { key, code: key });
        fireEvent.keyUp(target, { key, code: key });
      }
    }
    // the status button and a handle inside the node are controls too
    for (const key of ['Delete', 'Backspace']) {
      fireEvent.keyDown(nodeEl('emea')!.querySelector('.eddy-node__status')!, { key, code: key });
    }
    expect(nodeEl('emea')).not.toBeNull();
    expect(edgeCount()).toBe(1);
    expect(screen.queryByTestId('deleted-toast')).toBeNull();
  });

  it('removes the focused node and its edge, announces it, and Undo brings both back with focus on the node', async () => {
    const server = serve();
    await openWithEmeaSelected();
    nodeEl('emea')!.focus();
    fireEvent.keyDown(nodeEl('emea')!, { key: 'Backspace', code: 'Backspace' });
    // said at once (the save that follows is announced after it)
    expect(screen.getByTestId('live-region')).toHaveTextContent('Node “EMEA” deleted. Press Ctrl+Z to undo.');
    await waitFor(() => expect(nodeEl('emea')).toBeNull());
    expect(edgeCount()).toBe(0);
    expect(screen.getByTestId('deleted-toast')).toHaveTextContent('Node “EMEA” deleted');
    // the panel of the deleted node closes; focus stays on the canvas, not on the page
    expect(screen.queryByRole('complementary', { name: 'Configure EMEA' })).toBeNull();
    expect(document.activeElement).toHaveClass('eddy-canvas');
    await waitFor(
      () =>
        expect(
          server.calls.some((c) => c.method === 'PUT' && (c.body as { nodes: unknown[] }).nodes.length === 1),
        ).toBe(true),
      { timeout: 3000 },
    );

    fireEvent.click(within(screen.getByTestId('deleted-toast')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(nodeEl('emea')).not.toBeNull());
    expect(edgeCount()).toBe(1);
    expect(screen.queryByTestId('deleted-toast')).toBeNull();
    await act(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(document.activeElement).toBe(nodeEl('emea'));
  });

  it('Delete with focus on the canvas removes the selected edge only, and Ctrl+Z undoes it', async () => {
    serve();
    await openWithEmeaSelected();
    // the pane deselects the node; select the edge (a click on it in the browser)
    fireEvent.click(document.querySelector('.react-flow__pane')!);
    await waitFor(() => expect(nodeEl('emea')).not.toHaveClass('selected'));
    act(() => useFlowStore.setState((s) => ({ edges: s.edges.map((e) => ({ ...e, selected: true })) })));
    const canvas = document.querySelector<HTMLElement>('.eddy-canvas')!;
    canvas.focus();
    fireEvent.keyDown(canvas, { key: 'Delete', code: 'Delete' });
    await waitFor(() => expect(edgeCount()).toBe(0));
    expect(nodeEl('emea')).not.toBeNull();
    expect(screen.getByTestId('deleted-toast')).toHaveTextContent('Connection from “Orders” to “EMEA” deleted');
    fireEvent.keyDown(canvas, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(edgeCount()).toBe(1));
    expect(screen.queryByTestId('deleted-toast')).toBeNull();
  });
});
