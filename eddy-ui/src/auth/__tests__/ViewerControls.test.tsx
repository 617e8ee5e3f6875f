// A signed-in viewer sees flows, results and jobs, but not the controls their role may not use: each is
// hidden or disabled with the reason (the server refuses them anyway, 403).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { refusal, useSessionStore } from '../permissions';
import { HomePage } from '../../home/HomePage';
import { FlowEditor } from '../../canvas/FlowEditor';
import { JobsPage } from '../../jobs/JobsPage';
import { useFlowStore } from '../../store/flowStore';
import { fakeJob, fakeServer, flinkRoutes } from '../../test/fakeServer';
import type { Session } from '../../api';

const signedIn = (user: string, role: Session['role']): Session => ({
  signedIn: true,
  usersConfigured: true,
  user,
  role,
  kind: 'user',
});

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

const VALID = {
  valid: true,
  problems: [],
  nodes: [
    { id: 'orders', name: 'Orders', status: 'valid', messages: [], output: [{ name: 'region', type: 'STRING' }] },
    { id: 'emea', name: 'EMEA', status: 'valid', messages: [], output: [{ name: 'region', type: 'STRING' }] },
  ],
};

/** The canvas's header (the export dialog, closed, has an Export button of its own). */
const header = () => document.querySelector('.eddy-header') as HTMLElement;

function flowRoutes() {
  return {
    'GET /api/flows/f1': () => ({ body: FLOW, headers: { ETag: '"7"' } }),
    'GET /api/flows/f1/validation': () => ({ body: VALID }),
    'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
  };
}

describe('what a role may do', () => {
  beforeEach(() => useSessionStore.setState({ session: null }));
  afterEach(() => {
    vi.unstubAllGlobals();
    useSessionStore.setState({ session: null });
  });

  it('says why in one sentence, and refuses nothing while the role is not known', () => {
    expect(refusal(signedIn('vera', 'viewer'), 'editor', 'Changing this flow')).toBe(
      'Changing this flow needs the role editor; vera has the role viewer.',
    );
    expect(refusal(signedIn('ed', 'editor'), 'editor', 'Changing this flow')).toBeNull();
    expect(refusal(signedIn('ed', 'editor'), 'admin', 'Deploying')).toBe(
      'Deploying needs the role admin; ed has the role editor.',
    );
    expect(refusal(signedIn('ada', 'admin'), 'admin', 'Deploying')).toBeNull();
    expect(refusal(null, 'admin', 'Deploying')).toBeNull();
    expect(refusal({ signedIn: false, usersConfigured: true }, 'admin', 'Deploying')).toBeNull();
  });

  it('loads the role from GET /api/session', async () => {
    fakeServer({ 'GET /api/session': () => ({ body: signedIn('vera', 'viewer') }) });
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().session?.role).toBe('viewer');
  });

  it('a viewer on the home page sees the flows but cannot create, import or change them', async () => {
    useSessionStore.setState({ session: signedIn('vera', 'viewer') });
    fakeServer({
      'GET /api/flows': () => ({
        body: {
          flows: [
            {
              id: 'f1',
              name: 'EMEA orders',
              description: '',
              status: 'valid',
              updatedAt: new Date().toISOString(),
              tags: [],
            },
          ],
          total: 1,
          next: null,
          counts: { valid: 1 },
        },
      }),
      'GET /api/tags': () => ({ body: [] }),
    });
    render(<HomePage />);
    expect(await screen.findByText('EMEA orders')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(screen.getByTestId('role-reason')).toHaveTextContent(
      'Creating, importing, exporting and changing flows needs the role editor; vera has the role viewer.',
    );
    expect(screen.queryByRole('button', { name: 'Options for EMEA orders' })).toBeNull();
  });

  it('an editor on the home page has every control', async () => {
    useSessionStore.setState({ session: signedIn('ed', 'editor') });
    fakeServer({
      'GET /api/flows': () => ({
        body: {
          flows: [
            {
              id: 'f1',
              name: 'EMEA orders',
              description: '',
              status: 'valid',
              updatedAt: new Date().toISOString(),
              tags: [],
            },
          ],
          total: 1,
          next: null,
          counts: { valid: 1 },
        },
      }),
      'GET /api/tags': () => ({ body: [] }),
    });
    render(<HomePage />);
    expect(await screen.findByRole('button', { name: 'Options for EMEA orders' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled();
    expect(screen.queryByTestId('role-reason')).toBeNull();
  });

  it('a viewer on the canvas sees the flow, its nodes and their settings, and changes nothing', async () => {
    useSessionStore.setState({ session: signedIn('vera', 'viewer') });
    const server = fakeServer(flowRoutes());
    render(<FlowEditor flowId="f1" />);
    await waitFor(() =>
      expect(document.querySelector('[data-node-name="EMEA"]')).toHaveAttribute('data-status', 'valid'),
    );
    expect(screen.getByTestId('role-reason')).toHaveTextContent(
      'You can look at this flow, its history and its results. Changing this flow needs the role editor; vera has the role viewer.',
    );
    // a valid flow: only the role keeps Run and Deploy from this viewer
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Run' }).closest('[title]')).toHaveAttribute(
      'title',
      'Running or previewing a flow needs the role editor; vera has the role viewer.',
    );
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deploy' }).closest('[title]')).toHaveAttribute(
      'title',
      'Deploy is not available: Deploying needs the role admin; vera has the role viewer.',
    );
    expect(screen.queryByRole('button', { name: 'Export', hidden: true })).toBeNull(); // nor its dialog
    expect(screen.queryByRole('navigation', { name: 'Nodes' })).toBeNull(); // no palette
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
    expect(screen.getByRole('heading', { name: 'Filter' }).querySelector('button')).toBeNull(); // no rename

    // the node's settings are shown, disabled
    useFlowStore.getState().openPanel('emea');
    const name = await screen.findByLabelText('Node name');
    expect(name).toBeDisabled();
    expect(name).toHaveValue('EMEA');
    expect(screen.getByTestId('node-read-only')).toHaveTextContent('Changing this flow needs the role editor');
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();

    // Delete on a node removes nothing, and nothing is ever saved
    const node = document.querySelector('.react-flow__node[data-id="emea"]') as HTMLElement;
    node.focus();
    fireEvent.keyDown(node, { key: 'Delete' });
    expect(useFlowStore.getState().nodes.map((n) => n.id)).toEqual(['orders', 'emea']);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('an editor may run but not deploy', async () => {
    useSessionStore.setState({ session: signedIn('ed', 'editor') });
    fakeServer(flowRoutes());
    render(<FlowEditor flowId="f1" />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(within(header()).getByRole('button', { name: 'Export' })).toBeEnabled();
    expect(screen.queryByTestId('role-reason')).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Nodes' })).toBeInTheDocument();
  });

  it('on the jobs page, stop, resume and cancel are the admin’s', async () => {
    useSessionStore.setState({ session: signedIn('ed', 'editor') });
    const { routes } = flinkRoutes([fakeJob(1)]);
    fakeServer(routes);
    render(<JobsPage />);
    const stop = await screen.findByRole('button', { name: 'Stop with savepoint' });
    expect(stop).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByTestId('role-reason')).toHaveTextContent(
      'Stopping, resuming and cancelling jobs needs the role admin; ed has the role editor.',
    );
  });
});
