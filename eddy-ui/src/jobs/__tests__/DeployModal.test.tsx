import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeployModal, parseInterval, parseParallelism } from '../DeployModal';
import { ENVIRONMENT, fakeServer, flinkRoutes, jobId } from '../../test/fakeServer';

const FLOW = { id: 'f1', name: 'EMEA orders' };
const dialog = () => screen.getByRole('dialog');

describe('the deploy dialog', () => {
  it('shows the target cluster, sends the job name and parallelism, shows progress, then the job', async () => {
    const { routes } = flinkRoutes();
    let release: () => void = () => {};
    const deploy = routes['POST /api/flows/:id/deploy'];
    routes['POST /api/flows/:id/deploy'] = (c) => new Promise((resolve) => (release = () => resolve(deploy(c))));
    const server = fakeServer(routes);
    const prepare = vi.fn(async () => {});
    render(<DeployModal flow={FLOW} onClose={() => {}} prepare={prepare} />);
    expect(within(dialog()).getByText('Deploy to Flink')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('deploy-target')).toHaveTextContent(ENVIRONMENT.flink.restUrl));
    expect(screen.getByText(/embedded Flink MiniCluster: its jobs end when Eddy stops/)).toBeInTheDocument();
    expect(screen.getByLabelText('Job name')).toHaveValue('EMEA orders');

    await userEvent.clear(screen.getByLabelText('Job name'));
    await userEvent.type(screen.getByLabelText('Job name'), 'EMEA orders (prod)');
    await userEvent.type(screen.getByLabelText('Parallelism (optional)'), '2');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Deploy' }));

    expect(await within(dialog()).findByText('Deploying…')).toBeInTheDocument();
    expect(screen.getByText(/this can take up to 20 seconds/)).toBeInTheDocument();
    expect(prepare).toHaveBeenCalled();
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/flows/f1/deploy');
    expect(post.body).toEqual({ name: 'EMEA orders (prod)', parallelism: 2 });

    release();
    const job = await screen.findByTestId('deployed-job');
    expect(job).toHaveTextContent(jobId(100));
    expect(within(job).getByTestId('job-state')).toHaveTextContent('Running');
    expect(screen.getByText('Job “EMEA orders (prod)” deployed')).toBeInTheDocument();
    await userEvent.click(within(dialog()).getByRole('button', { name: 'View jobs' }));
    expect(window.location.pathname).toBe('/jobs');
    window.history.pushState(null, '', '/');
  });

  it('leaves out a blank parallelism and refuses one that is not a whole number of at least 1', async () => {
    const server = fakeServer(flinkRoutes().routes);
    render(<DeployModal flow={FLOW} onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText('Parallelism (optional)'), '0');
    expect(screen.getByText('A whole number of at least 1, or blank.')).toBeInTheDocument();
    expect(within(dialog()).getByRole('button', { name: 'Deploy' })).toBeDisabled();
    await userEvent.clear(screen.getByLabelText('Parallelism (optional)'));
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Deploy' }));
    await screen.findByTestId('deployed-job');
    expect(server.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'EMEA orders' });
    expect([parseParallelism(''), parseParallelism('4'), parseParallelism('1.5'), parseParallelism('-1')]).toEqual([
      undefined,
      4,
      null,
      null,
    ]);
  });

  it('sends the delivery guarantee and checkpoint settings only when they differ from the defaults', async () => {
    const server = fakeServer(flinkRoutes().routes);
    render(<DeployModal flow={FLOW} onClose={() => {}} />);
    expect(screen.getByLabelText('Delivery to Kafka destinations')).toHaveValue('exactly-once');
    expect(screen.getByText(/read the destination with isolation.level=read_committed/)).toBeInTheDocument();
    expect(screen.getByLabelText('Keep the latest checkpoint when the job is cancelled')).toBeChecked();

    await userEvent.type(screen.getByLabelText('Checkpoint interval (optional)'), '500ms');
    expect(screen.getByText('A duration of at least 1 s, such as 10s, 30s or 2min, or blank.')).toBeInTheDocument();
    expect(within(dialog()).getByRole('button', { name: 'Deploy' })).toBeDisabled();
    await userEvent.clear(screen.getByLabelText('Checkpoint interval (optional)'));
    await userEvent.type(screen.getByLabelText('Checkpoint interval (optional)'), '30 s');
    await userEvent.selectOptions(screen.getByLabelText('Delivery to Kafka destinations'), 'at-least-once');
    expect(screen.getByText(/after a failure, those since the last checkpoint are written again/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Keep the latest checkpoint when the job is cancelled'));
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Deploy' }));
    await screen.findByTestId('deployed-job');
    expect(server.calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'EMEA orders',
      delivery: 'at-least-once',
      checkpointInterval: '30s',
      checkpointRetention: 'delete',
    });
    expect([parseInterval(''), parseInterval('2min'), parseInterval('1500ms'), parseInterval('fast')]).toEqual([
      undefined,
      '2min',
      '1500ms',
      null,
    ]);
  });

  it('shows a refusal with its problems and keeps what was typed', async () => {
    const { routes } = flinkRoutes();
    routes['POST /api/flows/:id/deploy'] = () => ({
      status: 422,
      body: {
        error: 'The flow cannot be exported as SQL: 2 rules fail.',
        problems: ['Every source must be connected.', 'The graph must end in one node.'],
      },
    });
    fakeServer(routes);
    render(<DeployModal flow={FLOW} onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText('Parallelism (optional)'), '3');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByTestId('deploy-error')).toHaveTextContent(
      'The flow cannot be exported as SQL: 2 rules fail.',
    );
    expect(
      within(screen.getByTestId('deploy-problems'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Every source must be connected.', 'The graph must end in one node.']);
    expect(screen.getByLabelText('Job name')).toHaveValue('EMEA orders');
    expect(screen.getByLabelText('Parallelism (optional)')).toHaveValue('3');
    expect(within(dialog()).getByRole('button', { name: 'Deploy' })).toBeEnabled();
    expect(screen.queryByTestId('deployed-job')).toBeNull();
  });

  it('shows why a job that was deployed does not run', async () => {
    const { routes } = flinkRoutes();
    routes['POST /api/flows/:id/deploy'] = () => ({
      status: 201,
      body: {
        jobId: jobId(7),
        jobName: 'EMEA orders',
        flinkUrl: ENVIRONMENT.flink.restUrl,
        state: 'FAILED',
        error: 'Topic ORDERS.NEW does not exist.',
      },
    });
    fakeServer(routes);
    render(<DeployModal flow={FLOW} onClose={() => {}} />);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByTestId('deployed-error')).toHaveTextContent('Topic ORDERS.NEW does not exist.');
    expect(screen.getByText('Job “EMEA orders” does not run')).toBeInTheDocument();
    expect(screen.getByTestId('job-state')).toHaveTextContent('Failed');
    expect(within(dialog()).getByRole('button', { name: 'View jobs' })).toBeInTheDocument();
  });
});
