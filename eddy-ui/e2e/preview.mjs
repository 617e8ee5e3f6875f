// Per-node preview (SPEC §7) against a running Eddy server (EDDY_URL) with the demo topics (Kafka at
// EDDY_KAFKA): a flow still being drawn — an event source on ORDERS.NEW, a filter region = 'EMEA' and
// a transform after them that is not configured — is imported through the API; the source is
// previewed with Include historical (orders of every region), the page is refreshed (the preview
// is shown again), it is stopped, then the filter is previewed (EMEA orders only) and stopped.
import { launch, runSteps, expect, importFlow, ordersAndEmeaFilter, BASE, APP_HEADERS, pageHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { shot, panel } = pageHelpers(page);
const rows = () => page.locator('table[aria-label="Output events"] tbody tr');

const FLOW = {
  format: 'eddy-flow',
  version: 1,
  name: 'Preview e2e',
  description: 'A flow still being drawn, previewed node by node by e2e/preview.mjs',
  nodes: [
    ...ordersAndEmeaFilter(),
    { id: 'enrich', type: 'transform', name: 'Enrich', position: { x: 640, y: 120 }, config: {} },
  ],
  edges: [
    { from: 'orders', to: 'emea' },
    { from: 'emea', to: 'enrich' },
  ],
};

let flowId;

/** The values of one column of the results table. */
async function column(name) {
  const headers = await page.locator('table[aria-label="Output events"] thead th').allTextContents();
  const col = headers.indexOf(name);
  expect(col >= 0, `no ${name} column in ${headers.join(', ')}`);
  return page.locator(`table[aria-label="Output events"] tbody tr td:nth-child(${col + 1})`).allTextContents();
}

async function preview(nodeName, mode) {
  // the canvas keeps the node whose panel is open and its neighbours in view beside the panel, which
  // may leave others out of view: show every node first, as a user would with the fit-view control
  await page.locator('.react-flow__controls-fitview').click();
  await page.locator(`[data-node-name="${nodeName}"] .eddy-node__status`).click();
  await panel().getByRole('heading', { name: nodeName }).waitFor();
  await panel().getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('menuitem', { name: mode }).click();
}

async function stop(nodeName) {
  await page.getByRole('button', { name: 'Stop preview' }).click();
  await page.getByTestId('run-status').filter({ hasText: 'Preview stopped' }).waitFor({ timeout: 30_000 });
  const run = await (await page.request.get(`/api/flows/${encodeURIComponent(flowId)}/run`)).json();
  expect(run.status === 'stopped' && run.node?.name === nodeName, `the run is ${JSON.stringify(run)}`);
}

const ok = await runSteps('preview', page, [
  [
    'a flow with a source, a filter and an unconfigured transform is imported through the API',
    async () => {
      flowId = await importFlow(page, FLOW, 'Preview e2e');
    },
  ],

  [
    'Run is disabled by the transform, whose own Preview is disabled with the reason',
    async () => {
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      for (const name of ['Orders', 'EMEA'])
        await page.locator(`[data-node-name="${name}"][data-status="valid"]`).waitFor({ timeout: 30_000 });
      await page.locator('[data-node-name="Enrich"][data-status="unconfigured"]').waitFor();
      expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), 'Run is enabled');
      await page.locator('[data-node-name="Enrich"] .eddy-node__status').click();
      const button = panel().getByRole('button', { name: 'Preview' });
      await button.waitFor();
      expect(await button.isDisabled(), 'Preview of the unconfigured transform is enabled');
      const title = await panel().locator('.eddy-panel__preview').getAttribute('title');
      expect(/^Preview is not available: Node “Enrich” is not configured/.test(title ?? ''), `title: ${title}`);
    },
  ],

  [
    'previewing the source with Include historical shows orders of several regions',
    async () => {
      await preview('Orders', 'Include historical');
      await page.getByTestId('results-title').filter({ hasText: 'Preview of “Orders”' }).waitFor();
      await rows().first().waitFor({ timeout: 90_000 });
      await page
        .getByTestId('run-status')
        .filter({ hasText: /Previewing “Orders”|Starting preview of “Orders”/ })
        .waitFor();
      await page.getByRole('button', { name: 'Stop preview' }).waitFor();
      // historical orders arrive in bulk: wait until more than one region is in
      await page.waitForFunction(
        () => {
          const th = [...document.querySelectorAll('table[aria-label="Output events"] thead th')];
          const col = th.findIndex((h) => h.textContent === 'region');
          const cells = document.querySelectorAll(
            `table[aria-label="Output events"] tbody tr td:nth-child(${col + 1})`,
          );
          return col >= 0 && new Set([...cells].map((c) => c.textContent)).size > 1;
        },
        null,
        { timeout: 30_000 },
      );
      const regions = new Set(await column('region'));
      expect(regions.size > 1, `regions: ${[...regions].join(', ')}`);
      const headers = await page.locator('table[aria-label="Output events"] thead th').allTextContents();
      expect(
        headers.slice(0, 8).join() === 'id,customer,customerid,description,price,quantity,region,ordertime',
        `columns: ${headers.join(', ')}`,
      );
      // the run menu is replaced by Stop preview, and the other nodes cannot start a second run
      expect((await page.getByRole('button', { name: 'Run', exact: true }).count()) === 0, 'Run is offered');
      await page.locator('[data-node-name="EMEA"] .eddy-node__status').click();
      expect(await panel().getByRole('button', { name: 'Preview' }).isDisabled(), 'a second preview is offered');
      await page.locator('[data-node-name="Orders"] .eddy-node__status').click();
      await page.locator('.react-flow__controls-fitview').click(); // the whole flow beside the open panel
      await page.getByTestId('run-status').filter({ hasText: 'Previewing “Orders”' }).waitFor({ timeout: 30_000 });
      await shot('preview.png');
    },
  ],

  [
    'after a page refresh the preview is shown again',
    async () => {
      await page.reload();
      await page.getByTestId('results-title').filter({ hasText: 'Preview of “Orders”' }).waitFor();
      await rows().first().waitFor({ timeout: 30_000 });
      await page.getByTestId('run-status').filter({ hasText: 'Previewing “Orders”' }).waitFor({ timeout: 30_000 });
    },
  ],

  ['Stop preview stops it', () => stop('Orders')],

  [
    'previewing the filter shows EMEA orders only',
    async () => {
      await preview('EMEA', 'Include historical');
      await page.getByTestId('results-title').filter({ hasText: 'Preview of “EMEA”' }).waitFor();
      await rows().first().waitFor({ timeout: 90_000 });
      const regions = await column('region');
      expect(regions.length > 0 && regions.every((r) => r === 'EMEA'), `regions: ${[...new Set(regions)].join(', ')}`);
      await stop('EMEA');
    },
  ],

  [
    'no console errors or warnings',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
]);

// leave nothing running, whatever failed
if (flowId)
  await page.request.delete(`/api/flows/${encodeURIComponent(flowId)}/run`, { headers: APP_HEADERS }).catch(() => {});
await browser.close();
process.exit(ok ? 0 : 1);
