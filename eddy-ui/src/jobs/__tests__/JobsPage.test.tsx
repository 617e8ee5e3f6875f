import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { JobsPage } from '../JobsPage';
import { formatDuration } from '../jobState';
import { fakeJob, fakeServer, flinkRoutes, jobId } from '../../test/fakeServer';

const row = (name: string) => document.querySelector(`tr[data-job-name="${name}"]`) as HTMLElement;
const posts = (server: ReturnType<typeof fakeServer>) =>
  server.calls.filter((c) => c.method === 'POST').map((c) => c.path);
const listCalls = (server: ReturnType<typeof fakeServer>) => server.calls.filter((c) => c.path === '/api/jobs').length;

describe('the jobs page', () => {
  it('lists the jobs with their flow, state, times and savepoint, and only the actions the server allows', async () => {
    const { routes } = flinkRoutes([
      fakeJob(3, { name: 'EMEA orders', state: 'RUNNING', actions: ['stop', 'cancel'] }),
      fakeJob(2, {
        name: 'Hourly sales',
        state: 'FINISHED',
        flowId: null,
        flowName: 'Hourly sales',
        savepointPath: 'file:/data/savepoints/savepoint-000002-abcdef',
        actions: ['resume'],
      }),
      fakeJob(1, {
        name: 'Broken',
        state: 'RESTARTING',
        flowId: null,
        flowName: null,
        error: 'Topic ORDERS.X does not exist.',
        actions: ['cancel'],
      }),
    ]);
    fakeServer(routes);
    render(<JobsPage />);
    const table = await screen.findByRole('table', { name: 'Jobs' });
    expect(screen.getByTestId('flink-url')).toHaveTextContent('Flink cluster: http://127.0.0.1:8081');
    expect(within(table).getAllByRole('row')).toHaveLength(4);

    const running = row('EMEA orders');
    expect(within(running).getByText(jobId(3).slice(0, 8))).toHaveAttribute('title', jobId(3));
    expect(within(running).getByRole('link', { name: 'EMEA orders' })).toHaveAttribute('href', '/flows/f1');
    expect(within(running).getByTestId('job-state')).toHaveTextContent('Running');
    expect(within(running).getByTestId('job-state')).toHaveClass('cds--tag--green');
    expect(within(running).getByText(formatDuration(192_000))).toBeInTheDocument();
    expect(
      within(running)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Stop with savepoint', 'Cancel']);

    const finished = row('Hourly sales');
    expect(within(finished).queryByRole('link')).toBeNull();
    expect(within(finished).getAllByRole('cell')[1]).toHaveTextContent(/^Hourly sales$/);
    expect(within(finished).getByTestId('job-state')).toHaveClass('cds--tag--gray');
    expect(within(finished).getByTestId('savepoint')).toHaveAttribute(
      'title',
      'file:/data/savepoints/savepoint-000002-abcdef',
    );
    expect(
      within(finished)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume']);

    const broken = row('Broken');
    expect(within(broken).getAllByRole('cell')[1]).toHaveTextContent(/^—$/); // no flow known
    expect(within(broken).getByTestId('job-state')).toHaveTextContent('Restarting');
    expect(within(broken).getByTestId('job-state')).not.toHaveClass('cds--tag--green');
    expect(within(broken).getByTestId('job-error')).toHaveTextContent('Topic ORDERS.X does not exist.');
    expect(
      within(broken)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cancel']);
  });

  it('shows a lost job with its latest checkpoint, resumes it from there, and forgets another', async () => {
    const checkpoint = 'file:/data/checkpoints/' + jobId(5) + '/chk-12';
    const { routes } = flinkRoutes([
      fakeJob(5, { name: 'Lost orders', state: 'LOST', checkpointPath: checkpoint, actions: ['cancel', 'resume'] }),
      fakeJob(4, { name: 'Lost too', state: 'LOST', checkpointPath: null, actions: ['cancel'] }),
    ]);
    const server = fakeServer(routes);
    render(<JobsPage pollMs={60_000} />);
    await screen.findByRole('table', { name: 'Jobs' });

    const lost = row('Lost orders');
    expect(within(lost).getByTestId('job-state')).toHaveTextContent('Lost');
    expect(within(lost).getByTestId('job-state')).toHaveClass('cds--tag--red');
    expect(within(lost).getByTestId('job-lost')).toHaveTextContent(
      'The cluster no longer runs this job (its JobManager restarted without high availability). Resume restarts it from its latest checkpoint.',
    );
    expect(within(lost).getByTestId('checkpoint')).toHaveTextContent(checkpoint);
    expect(
      within(lost)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Resume', 'Forget']);
    await userEvent.click(within(lost).getByRole('button', { name: 'Resume' }));
    expect(await screen.findByText(/Job “Lost orders” resumed from its latest checkpoint as job/)).toBeInTheDocument();
    expect(posts(server)).toContain(`/api/jobs/${jobId(5)}/resume`);

    const other = row('Lost too');
    expect(within(other).getByTestId('job-lost')).not.toHaveTextContent('Resume');
    await userEvent.click(within(other).getByRole('button', { name: 'Forget' }));
    const confirm = screen.getByRole('dialog', { name: /Forget job “Lost too”/ });
    expect(confirm).toHaveTextContent('Eddy stops listing it and will not resume it.');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Forget job' }));
    expect(await screen.findByText('Job “Lost too” forgotten.')).toBeInTheDocument();
    await waitFor(() => expect(row('Lost too')).toBeNull());
  });

  it('says how to get a job when the cluster has none', async () => {
    fakeServer(flinkRoutes([]).routes);
    render(<JobsPage />);
    expect(
      await screen.findByText(
        'No jobs on this cluster yet. Open a valid flow with an event destination and choose Deploy.',
      ),
    ).toBeInTheDocument();
  });

  it('stops a job with a savepoint (busy meanwhile), then resumes it as a new job', async () => {
    const { routes } = flinkRoutes([fakeJob(3, { name: 'EMEA orders' })]);
    let release: () => void = () => {};
    const stop = routes['POST /api/jobs/:id/stop'];
    routes['POST /api/jobs/:id/stop'] = (c) => new Promise((resolve) => (release = () => resolve(stop(c))));
    const server = fakeServer(routes);
    render(<JobsPage />);
    await screen.findByRole('table', { name: 'Jobs' });
    await userEvent.click(within(row('EMEA orders')).getByRole('button', { name: 'Stop with savepoint' }));
    expect(await within(row('EMEA orders')).findByRole('button', { name: 'Stopping…' })).toBeDisabled();
    expect(within(row('EMEA orders')).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    const before = listCalls(server);
    release();
    await screen.findByText(/Job “EMEA orders” stopped with the savepoint file:\/tmp\/savepoints\/savepoint-/);
    await waitFor(() => expect(within(row('EMEA orders')).getByTestId('job-state')).toHaveTextContent('Finished'));
    expect(listCalls(server)).toBeGreaterThan(before);
    expect(within(row('EMEA orders')).getByTestId('savepoint')).toBeInTheDocument();

    await userEvent.click(within(row('EMEA orders')).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    expect(posts(server)).toEqual([`/api/jobs/${jobId(3)}/stop`, `/api/jobs/${jobId(3)}/resume`]);
    const resumed = screen.getAllByRole('row')[1];
    expect(within(resumed).getByTestId('job-state')).toHaveTextContent('Running');
    expect(within(resumed).getByText(`Resumed from ${jobId(3).slice(0, 8)}`)).toBeInTheDocument();
    expect(screen.getByText(/resumed from its savepoint as job 00640064/)).toBeInTheDocument();
  });

  it('cancels a job only once confirmed', async () => {
    const { routes } = flinkRoutes([fakeJob(3, { name: 'EMEA orders' })]);
    const server = fakeServer(routes);
    render(<JobsPage />);
    await screen.findByRole('table', { name: 'Jobs' });
    await userEvent.click(within(row('EMEA orders')).getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Cancel job “EMEA orders”?')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it running' }));
    expect(posts(server)).toEqual([]);

    await userEvent.click(within(row('EMEA orders')).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel job' }));
    await waitFor(() => expect(within(row('EMEA orders')).getByTestId('job-state')).toHaveTextContent('Canceled'));
    expect(posts(server)).toEqual([`/api/jobs/${jobId(3)}/cancel`]);
    expect(within(row('EMEA orders')).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows the server’s sentence when an action is refused', async () => {
    const { routes } = flinkRoutes([fakeJob(3, { name: 'EMEA orders' })]);
    routes['POST /api/jobs/:id/stop'] = () => ({
      status: 409,
      body: { error: 'Job 00000003 is not running: it is FINISHED.' },
    });
    fakeServer(routes);
    render(<JobsPage />);
    await screen.findByRole('table', { name: 'Jobs' });
    await userEvent.click(within(row('EMEA orders')).getByRole('button', { name: 'Stop with savepoint' }));
    expect(await screen.findByTestId('job-action-error')).toHaveTextContent(
      'Job 00000003 is not running: it is FINISHED.',
    );
    expect(within(row('EMEA orders')).getByRole('button', { name: 'Stop with savepoint' })).toBeEnabled();
  });

  it('shows the error when Flink does not answer, and keeps polling until it does', async () => {
    const { routes } = flinkRoutes([fakeJob(3, { name: 'EMEA orders' })]);
    const list = routes['GET /api/jobs'];
    let down = true;
    routes['GET /api/jobs'] = (c) =>
      down ? { status: 502, body: { error: 'The Flink cluster at http://127.0.0.1:8081 does not answer.' } } : list(c);
    const server = fakeServer(routes);
    render(<JobsPage pollMs={100} />);
    expect(await screen.findByTestId('jobs-error')).toHaveTextContent(
      'The Flink cluster at http://127.0.0.1:8081 does not answer.',
    );
    await waitFor(() => expect(listCalls(server)).toBeGreaterThanOrEqual(3));
    down = false;
    await screen.findByRole('table', { name: 'Jobs' });
    expect(screen.queryByTestId('jobs-error')).toBeNull();
  });

  it('refreshes on demand', async () => {
    const { routes, jobs } = flinkRoutes([]);
    fakeServer(routes);
    render(<JobsPage pollMs={60_000} />);
    await screen.findByText(/No jobs on this cluster yet/);
    jobs.push(fakeJob(5, { name: 'New job' }));
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('New job')).toBeInTheDocument();
  });
});
