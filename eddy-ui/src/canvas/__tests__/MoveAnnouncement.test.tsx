// Issue 19: a node moved with the arrow keys is announced in Eddy's one polite live region; React
// Flow's own (assertive) region stays silent.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useFlowStore } from '../../store/flowStore';
import { FlowEditor } from '../FlowEditor';
import { LiveRegion } from '../../common/announcer';
import { fakeServer, openFlowRoutes } from '../../test/fakeServer';

const FLOW = {
  id: 'f1',
  revision: 3,
  name: 'Moves',
  description: '',
  nodes: [{ id: 'orders', type: 'source', name: 'Orders', position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};

describe('moving a node with the arrow keys', () => {
  it('is said once, in the app’s live region', async () => {
    fakeServer(openFlowRoutes(FLOW));
    render(
      <>
        <FlowEditor flowId="f1" />
        <LiveRegion />
      </>,
    );
    const node = () => document.querySelector<HTMLElement>('.react-flow__node[data-id="orders"]')!;
    await waitFor(() => expect(node()).not.toBeNull());
    fireEvent.click(node());
    await waitFor(() => expect(node()).toHaveClass('selected'));
    const x = useFlowStore.getState().nodes[0].position.x;

    node().focus();
    fireEvent.keyDown(node(), { key: 'ArrowRight', code: 'ArrowRight' });

    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Node moved right.'));
    await waitFor(() => expect(useFlowStore.getState().nodes[0].position.x).toBeGreaterThan(x));
    const reactFlowRegion = document.querySelector('[id^="react-flow__aria-live"]');
    expect(reactFlowRegion?.textContent ?? '').toBe('');
  });
});
