import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HistoryPanel } from '../HistoryPanel';
import { fakeServer } from '../../test/fakeServer';

const HISTORY = [
  { revision: 3, updatedAt: new Date().toISOString() },
  { revision: 2, updatedAt: new Date(Date.now() - 60_000).toISOString() },
  { revision: 1, updatedAt: new Date(Date.now() - 120_000).toISOString() },
];

const DIFFS: Record<string, object> = {
  '1-2': {
    from: 1,
    to: 2,
    identical: false,
    changes: [
      {
        kind: 'nodeConfig',
        nodeId: 'emea',
        nodeName: 'EMEA orders',
        path: 'expression',
        old: "region = 'EMEA'",
        new: "region = 'NA'",
        text: 'node `EMEA orders` (filter): expression: "region = \'EMEA\'" → "region = \'NA\'"',
      },
    ],
  },
  '2-3': { from: 2, to: 3, identical: false, changes: [{ kind: 'nodeAdded', text: 'node `Big` (filter)' }] },
  '3-4': { from: 3, to: 4, identical: false, changes: [{ kind: 'nodeRemoved', text: 'node `Big` (filter)' }] },
};

describe('the history panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every revision with what its save changed, and restores an older one', async () => {
    let history = HISTORY;
    const restored = vi.fn();
    const server = fakeServer({
      'GET /api/flows/f/history': () => ({ body: history }),
      'GET /api/flows/f/history/diff': (c) => {
        const p = new URL(c.path, 'http://eddy.test').searchParams;
        return { body: DIFFS[`${p.get('from')}-${p.get('to')}`] };
      },
      'POST /api/flows/f/history/:revision/restore': () => {
        history = [{ revision: 4, updatedAt: new Date().toISOString() }, ...HISTORY];
        return { body: { id: 'f', revision: 4, name: 'x', nodes: [], edges: [] } };
      },
    });
    render(<HistoryPanel flowId="f" onClose={() => {}} onRestored={restored} />);
    const panel = screen.getByRole('complementary', { name: 'History' });
    const second = await within(panel).findByRole('list', { name: 'Changes in revision 2' });
    expect(second).toHaveTextContent(
      '~ node `EMEA orders` (filter): expression: "region = \'EMEA\'" → "region = \'NA\'"',
    );
    expect(await within(panel).findByRole('list', { name: 'Changes in revision 3' })).toHaveTextContent(
      '+ node `Big` (filter)',
    );
    expect(within(panel).getByText('Created.')).toBeInTheDocument();
    expect(within(panel).getByText('(current)')).toBeInTheDocument();
    // the current revision cannot be restored; older ones can
    expect(within(panel).queryByRole('button', { name: 'Restore revision 3' })).toBeNull();
    await userEvent.click(within(panel).getByRole('button', { name: 'Restore revision 1' }));
    await waitFor(() => expect(restored).toHaveBeenCalled());
    expect(server.calls.some((c) => c.method === 'POST' && c.path === '/api/flows/f/history/1/restore')).toBe(true);
    expect(await within(panel).findByText('Revision 4')).toBeInTheDocument();
  });

  it('says why the history cannot be shown', async () => {
    fakeServer({
      'GET /api/flows/f/history': () => ({ status: 404, body: { error: 'There is no flow with id `f`.' } }),
    });
    render(<HistoryPanel flowId="f" onClose={() => {}} onRestored={() => {}} />);
    expect(await screen.findByText('There is no flow with id `f`.')).toBeInTheDocument();
  });
});
