// Deploying a flow to the server's Flink cluster and managing its job, against a running Eddy server
// (EDDY_URL) with the demo topics (Kafka at EDDY_KAFKA): a filter flow on ORDERS.NEW writing to a
// fresh topic is imported through the API, deployed from the canvas, then stopped with a savepoint,
// resumed from it and cancelled on the Jobs page.
import {
  launch,
  runSteps,
  expect,
  importFlow,
  ordersAndEmeaFilter,
  KAFKA,
  BASE,
  APP_HEADERS,
  pageHelpers,
} from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { shot } = pageHelpers(page);
const stamp = Date.now();
const JOB_NAME = 'EMEA orders to Kafka'; // rows are found by job id: earlier runs may share the name
const row = (jobId) => page.locator(`tr[data-job-id="${jobId}"]`);
const deployDialog = () => page.getByRole('dialog', { name: 'Deploy to Flink' });

const FLOW = {
  format: 'eddy-flow',
  version: 1,
  name: 'Deploy e2e',
  description: 'EMEA orders to a fresh topic, deployed by e2e/deploy.mjs',
  nodes: [
    ...ordersAndEmeaFilter(),
    {
      id: 'out',
      type: 'destination',
      name: 'EMEA orders out',
      position: { x: 640, y: 120 },
      config: { kafka: { bootstrapServers: [KAFKA], topic: `EDDY.E2E.DEPLOY.${stamp}` } },
    },
  ],
  edges: [
    { from: 'orders', to: 'emea' },
    { from: 'emea', to: 'out' },
  ],
};

let flowId;
let jobId;
let resumedId;

const ok = await runSteps('deploy', page, [
  [
    'a filter flow with an event destination is imported through the API',
    async () => {
      flowId = await importFlow(page, FLOW, 'Deploy e2e');
    },
  ],

  [
    'on its canvas every node is green and both Run and Deploy are enabled',
    async () => {
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      for (const name of ['Orders', 'EMEA', 'EMEA orders out'])
        await page.locator(`[data-node-name="${name}"][data-status="valid"]`).waitFor({ timeout: 30_000 });
      const run = page.getByRole('button', { name: 'Run', exact: true });
      const deploy = page.getByRole('button', { name: 'Deploy', exact: true });
      await page.waitForFunction(() =>
        [...document.querySelectorAll('button')].some((b) => b.textContent === 'Deploy' && !b.disabled),
      );
      expect(await run.isEnabled(), 'Run is disabled');
      expect(await deploy.isEnabled(), 'Deploy is disabled');
    },
  ],

  [
    'Deploy shows the cluster, takes a job name and reports the job RUNNING',
    async () => {
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      const d = deployDialog();
      const env = await (await page.request.get('/api/environment')).json();
      await d.getByTestId('deploy-target').filter({ hasText: env.flink.restUrl }).waitFor();
      if (env.flink.embedded) await d.getByText(/its jobs end when Eddy stops/).waitFor();
      await d.getByLabel('Job name').fill(JOB_NAME);
      await d.getByLabel('Parallelism (optional)').fill('1');
      await shot('deploy.png');
      await d.getByRole('button', { name: 'Deploy', exact: true }).click();
      const job = d.getByTestId('deployed-job');
      await job.waitFor({ timeout: 60_000 });
      jobId = (await job.locator('dd').first().textContent()).trim();
      expect(/^[0-9a-f]{32}$/.test(jobId), `job id ${jobId}`);
      const state = await job.getByTestId('job-state').getAttribute('data-state');
      expect(state === 'RUNNING', `the deployed job is ${state}: ${await d.textContent()}`);
      await shot('deployed.png');
    },
  ],

  [
    'View jobs lists the job RUNNING with a link to its flow',
    async () => {
      await deployDialog().getByRole('button', { name: 'View jobs' }).click();
      await page.waitForURL(/\/jobs$/);
      await row(jobId).locator('[data-testid="job-state"][data-state="RUNNING"]').waitFor();
      expect((await row(jobId).getAttribute('data-job-name')) === JOB_NAME, 'the job has another name');
      const link = row(jobId).getByRole('link', { name: 'Deploy e2e' });
      expect((await link.getAttribute('href')) === `/flows/${encodeURIComponent(flowId)}`, 'no link to the flow');
      const actions = await row(jobId).getByRole('button').allTextContents();
      expect(actions.join() === 'Stop with savepoint,Cancel', `actions: ${actions.join(', ')}`);
    },
  ],

  [
    'Stop with savepoint ends it FINISHED with a savepoint, and offers Resume',
    async () => {
      await row(jobId).getByRole('button', { name: 'Stop with savepoint' }).click();
      await row(jobId).locator('[data-testid="job-state"][data-state="FINISHED"]').waitFor({ timeout: 90_000 });
      const savepoint = await row(jobId).getByTestId('savepoint').getAttribute('title');
      expect(/savepoint/.test(savepoint ?? ''), `savepoint: ${savepoint}`);
      await row(jobId).getByRole('button', { name: 'Resume' }).waitFor();
    },
  ],

  [
    'Resume starts a new job from the savepoint, RUNNING',
    async () => {
      const before = new Set(await page.locator('tr[data-job-id]').evaluateAll((rs) => rs.map((r) => r.dataset.jobId)));
      await row(jobId).getByRole('button', { name: 'Resume' }).click();
      await page.getByText(/resumed from its savepoint as job/).waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        (known) => [...document.querySelectorAll('tr[data-job-id]')].some((r) => !known.includes(r.dataset.jobId)),
        [...before],
      );
      const ids = await page.locator('tr[data-job-id]').evaluateAll((rs) => rs.map((r) => r.dataset.jobId));
      resumedId = ids.find((id) => !before.has(id));
      await row(resumedId).locator('[data-testid="job-state"][data-state="RUNNING"]').waitFor({ timeout: 30_000 });
      await row(resumedId)
        .getByText(`Resumed from ${jobId.slice(0, 8)}`)
        .waitFor();
      expect((await row(resumedId).getAttribute('data-job-name')) === JOB_NAME, 'the resumed job has another name');
      expect((await row(jobId).getByRole('button').count()) === 0, 'the stopped job still offers actions');
      await shot('jobs.png');
    },
  ],

  [
    'Cancel, once confirmed, ends the resumed job CANCELED',
    async () => {
      await row(resumedId).getByRole('button', { name: 'Cancel', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: /Cancel job/ });
      await confirm.getByRole('button', { name: 'Cancel job' }).click();
      await row(resumedId).locator('[data-testid="job-state"][data-state="CANCELED"]').waitFor({ timeout: 60_000 });
      expect((await row(resumedId).getByRole('button').count()) === 0, 'the cancelled job still offers actions');
    },
  ],

  [
    'no console errors or warnings',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
]);

// leave nothing running on the cluster, whatever failed
for (const id of [jobId, resumedId].filter(Boolean)) {
  const job = await page.request.get(`/api/jobs/${id}`).then((r) => (r.ok() ? r.json() : null));
  if (job?.actions?.includes('cancel')) await page.request.post(`/api/jobs/${id}/cancel`, { headers: APP_HEADERS });
}
await browser.close();
process.exit(ok ? 0 : 1);
