import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HomePage, lastChanged } from '../HomePage';
import { ImportModal } from '../ImportModal';
import { ExportModal } from '../../common/ExportModal';
import { fakeServer, type Call } from '../../test/fakeServer';
import type { FlowSummary } from '../../types';

const FLOWS: FlowSummary[] = [
  {
    id: 'a',
    name: 'EMEA orders',
    description: 'Orders placed in EMEA',
    status: 'valid',
    updatedAt: new Date(Date.now() - 120_000).toISOString(),
    tags: ['orders', 'emea'],
  },
  {
    id: 'b',
    name: 'Hourly sales',
    description: '',
    status: 'draft',
    updatedAt: new Date(Date.now() - 7_200_000).toISOString(),
    tags: [],
  },
];

/**
 * GET /api/flows with parameters and GET /api/tags over `flows`, as the server answers them (text,
 * status and tag filters, name sort, pages by cursor = offset here), so the tests see what the page
 * asks for and shows.
 */
function catalogueRoutes(flows: FlowSummary[]) {
  return {
    'GET /api/flows': (c: Call) => {
      const p = new URL(c.path, 'http://eddy.test').searchParams;
      const words = (p.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const tag = p.get('tag');
      const matching = flows.filter(
        (f) =>
          words.every((w) => `${f.name}\n${f.description ?? ''}`.toLowerCase().includes(w)) &&
          (!tag || (f.tags ?? []).includes(tag)),
      );
      const counts: Record<string, number> = { draft: 0, valid: 0, running: 0, failed: 0 };
      matching.forEach((f) => (counts[f.status] += 1));
      const status = p.get('status');
      let list = matching.filter((f) => !status || f.status === status);
      if (p.get('sort') === 'name') list = [...list].sort((a, b) => a.name.localeCompare(b.name));
      const from = Number(p.get('cursor') ?? 0);
      const limit = Number(p.get('limit'));
      const page = list.slice(from, from + limit);
      const next = from + limit < list.length ? String(from + limit) : null;
      return { body: { flows: page, total: list.length, next, counts } };
    },
    'GET /api/tags': () => {
      const counts = new Map<string, number>();
      flows.forEach((f) => (f.tags ?? []).forEach((t) => counts.set(t, (counts.get(t) ?? 0) + 1)));
      return { body: [...counts].map(([tag, count]) => ({ tag, count })) };
    },
  };
}

const flowCalls = (calls: Call[]) => calls.filter((c) => c.path.startsWith('/api/flows?'));

describe('the home page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the first page of flows as tiles and searches on the server, once typing pauses', async () => {
    const server = fakeServer(catalogueRoutes(FLOWS));
    render(<HomePage />);
    const tiles = await screen.findByRole('list', { name: 'Flows' });
    await within(tiles).findByText('EMEA orders');
    expect(within(tiles).getByText('Orders placed in EMEA')).toBeInTheDocument();
    expect(within(tiles).getByText('Valid')).toBeInTheDocument();
    expect(within(tiles).getByText('Changed 2 minutes ago')).toBeInTheDocument();
    expect(within(tiles).getByText('Draft')).toBeInTheDocument();
    expect(flowCalls(server.calls).map((c) => c.path)).toEqual(['/api/flows?limit=24&sort=changed']);
    // typing without pause: one request for the whole word, not one per keystroke
    const search = screen.getByRole('searchbox', { name: 'Search flows' });
    for (const typed of ['h', 'ho', 'hou', 'hour', 'hourl', 'hourly'])
      fireEvent.change(search, { target: { value: typed } });
    await waitFor(() => expect(within(tiles).queryByText('EMEA orders')).toBeNull());
    expect(within(tiles).getByText('Hourly sales')).toBeInTheDocument();
    expect(flowCalls(server.calls).map((c) => c.path)).toEqual([
      '/api/flows?limit=24&sort=changed',
      '/api/flows?limit=24&q=hourly&sort=changed',
    ]);
    // the tags are the whole catalogue's: asked for once, not again with the search
    expect(server.calls.filter((c) => c.path === '/api/tags')).toHaveLength(1);
    expect(screen.getByTestId('flow-total')).toHaveTextContent('1 flow');
  });

  it('shows per-status counts and filters by status and by tag', async () => {
    const server = fakeServer(catalogueRoutes(FLOWS));
    render(<HomePage />);
    const tiles = await screen.findByRole('list', { name: 'Flows' });
    await within(tiles).findByText('EMEA orders');
    const statuses = screen.getByRole('group', { name: 'Filter by status' });
    expect(within(statuses).getByRole('button', { name: 'All 2' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(within(statuses).getByRole('button', { name: 'Draft 1' }));
    await waitFor(() => expect(within(tiles).queryByText('EMEA orders')).toBeNull());
    expect(within(tiles).getByText('Hourly sales')).toBeInTheDocument();
    expect(flowCalls(server.calls).at(-1)!.path).toBe('/api/flows?limit=24&status=draft&sort=changed');
    await userEvent.click(within(statuses).getByRole('button', { name: 'All 2' }));
    await within(tiles).findByText('EMEA orders');
    // a tile's tag filters by it; the tag list offers every tag with its count
    await userEvent.click(within(tiles).getByRole('button', { name: 'emea' }));
    await waitFor(() => expect(within(tiles).queryByText('Hourly sales')).toBeNull());
    expect(screen.getByLabelText('Tag')).toHaveValue('emea');
    expect(flowCalls(server.calls).at(-1)!.path).toBe('/api/flows?limit=24&tag=emea&sort=changed');
    await userEvent.selectOptions(screen.getByLabelText('Tag'), 'All tags');
    await within(tiles).findByText('Hourly sales');
    expect(screen.getByRole('option', { name: 'orders (1)' })).toBeInTheDocument();
  });

  // 24 tiles with their menus take jsdom about 10 s here, longer on a loaded machine
  it('loads the next page when asked, and sorts on the server', async () => {
    const many: FlowSummary[] = Array.from({ length: 40 }, (_, i) => ({
      id: `f${i}`,
      name: `Flow ${String(i).padStart(2, '0')}`,
      status: 'draft',
      updatedAt: new Date().toISOString(),
    }));
    const server = fakeServer(catalogueRoutes(many));
    render(<HomePage />);
    const tiles = await screen.findByRole('list', { name: 'Flows' });
    await within(tiles).findByText('Flow 00');
    expect(within(tiles).queryByText('Flow 24')).toBeNull();
    expect(screen.getByTestId('flow-total')).toHaveTextContent('40 flows, 24 shown');
    await userEvent.click(screen.getByRole('button', { name: 'Show more flows' }));
    await within(tiles).findByText('Flow 39');
    expect(screen.queryByRole('button', { name: 'Show more flows' })).toBeNull();
    expect(flowCalls(server.calls).at(-1)!.path).toBe('/api/flows?limit=24&sort=changed&cursor=24');
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'Name');
    await waitFor(() => expect(flowCalls(server.calls).at(-1)!.path).toBe('/api/flows?limit=24&sort=name'));
  }, 120_000);

  it('creates a flow with a name and a description', async () => {
    const server = fakeServer({
      ...catalogueRoutes([]),
      'POST /api/flows': () => ({
        status: 201,
        body: { id: 'new', name: 'Filter', revision: 1, nodes: [], edges: [] },
      }),
    });
    render(<HomePage />);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Filter');
    await userEvent.type(screen.getByLabelText('Description (optional)'), 'EMEA only');
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(window.location.pathname).toBe('/flows/new'));
    expect(server.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Filter', description: 'EMEA only' });
    window.history.pushState(null, '', '/');
  });

  it('deletes a flow only once confirmed', async () => {
    const server = fakeServer({
      ...catalogueRoutes(FLOWS),
      'DELETE /api/flows/b': () => ({ status: 204 }),
    });
    render(<HomePage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Options for Hourly sales' }));
    // the menu is placed by floating-ui, which leaves it hidden in jsdom
    const items = await screen.findAllByRole('menuitem', { hidden: true });
    expect(items.map((i) => i.textContent)).toEqual(['Export', 'Rename', 'Duplicate', 'Delete']);
    await userEvent.click(items[3]);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Delete “Hourly sales”?')).toBeInTheDocument();
    expect(server.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(server.calls.some((c) => c.method === 'DELETE' && c.path === '/api/flows/b')).toBe(true),
    );
  });

  it('links to the jobs on the Flink cluster', async () => {
    fakeServer(catalogueRoutes(FLOWS));
    render(<HomePage />);
    const link = screen.getByRole('link', { name: 'Jobs' });
    expect(link).toHaveAttribute('href', '/jobs');
    await userEvent.click(link);
    expect(window.location.pathname).toBe('/jobs');
    window.history.pushState(null, '', '/');
  });

  it('says when a flow last changed', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(lastChanged('2026-01-10T11:59:30Z', now)).toBe('Changed just now');
    expect(lastChanged('2026-01-10T11:00:00Z', now)).toBe('Changed 1 hour ago');
  });
});

describe('the import dialog', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('imports several files, names them, and shows each refused file its own error', async () => {
    const server = fakeServer({
      'POST /api/flows/import': (c) => {
        const file = (c.body as FormData).get('file') as File;
        if (file.name.endsWith('.sql'))
          return { status: 415, body: { error: 'SQL exports cannot be imported: import the flow exported as JSON.' } };
        return { status: 201, body: [{ id: 'x', name: 'Untitled flow', revision: 1, nodes: [], edges: [] }] };
      },
    });
    const imported = vi.fn();
    const onClose = vi.fn();
    render(<ImportModal onClose={onClose} onImported={imported} />);
    expect(screen.getByLabelText('Name of the imported flow')).toHaveValue('Untitled flow');
    // the dialog takes focus when it opens, on its first field
    await waitFor(() => expect(screen.getByLabelText('Name of the imported flow')).toHaveFocus());
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const json = new File(['{"format":"eddy-flow"}'], 'filter.json', { type: 'application/json' });
    const sql = new File(['SELECT 1;'], 'filter.sql', { type: 'application/sql' });
    fireEvent.change(input, { target: { files: [json, sql] } });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText('SQL exports cannot be imported: import the flow exported as JSON.'),
    ).toBeInTheDocument();
    expect(imported).toHaveBeenCalledWith([{ id: 'x', name: 'Untitled flow', revision: 1, nodes: [], edges: [] }]);
    expect(onClose).not.toHaveBeenCalled();
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/flows/import?name=Untitled%20flow',
      '/api/flows/import?name=Untitled%20flow',
    ]);
  });
});

describe('the export dialog', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows which SQL export rule failed and for which nodes', async () => {
    fakeServer({
      'GET /api/flows/a/export': () => ({
        status: 422,
        body: {
          error: 'The flow cannot be exported as SQL.',
          problems: ['The connected nodes must be configured and valid: Orders, EMEA.'],
        },
      }),
    });
    const open = vi.fn();
    render(<ExportModal open flow={{ id: 'a', name: 'EMEA orders' }} onClose={() => {}} onOpenFlow={open} />);
    await userEvent.click(screen.getByLabelText('SQL — a Flink SQL script to deploy as a Flink job'));
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(
      await screen.findByText('The connected nodes must be configured and valid: Orders, EMEA.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open the flow' }));
    expect(open).toHaveBeenCalled();
  });

  it('downloads JSON with credentials when asked, under the name the server gives', async () => {
    const server = fakeServer({
      'GET /api/flows/a/export': () => ({
        body: { name: 'EMEA orders' },
        headers: {
          'Content-Disposition': 'attachment; filename="EMEA orders.json"; filename*=UTF-8\'\'EMEA%20orders.json',
        },
      }),
    });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const onClose = vi.fn();
    render(<ExportModal open flow={{ id: 'a', name: 'EMEA orders' }} onClose={onClose} />);
    await userEvent.click(
      screen.getByLabelText('Include credentials (passwords, certificates) — for a private backup only'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    // credentials leave in plain text only after a confirmation
    await screen.findByTestId('export-credentials-warning');
    expect(server.calls).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Export with credentials' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(server.calls[0].path).toBe('/api/flows/a/export?format=json&credentials=include');
    expect(clicks).toEqual(['EMEA orders.json']);
  });
});
