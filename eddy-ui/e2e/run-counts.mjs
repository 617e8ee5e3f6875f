// Run counts on the canvas (issue 16), against a running Eddy server (EDDY_URL) whose Kafka
// (EDDY_KAFKA) has a topic EDDY_COUNTS_TOPIC holding the 13 messages of e2e/counts-orders.jsonl
// (BrowserEndToEndTest writes them): 3 that are not JSON, a price and a quantity of the wrong type,
// and 4 orders that arrive after their hour has closed. The example "hourly sales by region" reads
// them; a run shows on the source "read 13 · out 10 · skipped 3 · nulled 2" and on the hourly
// aggregate "out 4 · late 4" (the hour after the last order stays open in a live run).
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, runSteps, expect, importFlow, KAFKA, BASE, pageHelpers } from './lib.mjs';

const TOPIC = process.env.EDDY_COUNTS_TOPIC;
if (!TOPIC) {
  console.log('  - run counts: not tried (set EDDY_COUNTS_TOPIC to a topic holding e2e/counts-orders.jsonl)');
  console.log('\n0 passed, 0 failed');
  process.exit(0);
}

const here = dirname(fileURLToPath(import.meta.url));
const flow = JSON.parse(await readFile(join(here, '..', '..', 'examples', 'hourly-sales-by-region.json'), 'utf8'));
for (const node of flow.nodes) {
  if (node.config?.kafka) node.config.kafka.bootstrapServers = [KAFKA];
  if (node.type === 'source') node.config.kafka.topic = TOPIC;
}
const { browser, page, consoleProblems } = await launch();
const { stopRun } = pageHelpers(page);
let flowId;

const steps = [
  [
    'the example reading the counts topic opens ready to run',
    async () => {
      flowId = await importFlow(page, flow, 'Run counts e2e');
      await page.goto(`${BASE}/flows/${flowId}`);
      await page.locator('[data-node-name="Hourly sales"][data-status="valid"]').waitFor({ timeout: 60_000 });
    },
  ],
  [
    'a run counts what each node read, skipped, nulled, dropped as late and sent on',
    async () => {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Include historical' }).click();
      const source = page.getByTestId('counts-orders');
      const hourly = page.getByTestId('counts-hourly');
      await source.filter({ hasText: 'read 13 · out 10 · skipped 3 · nulled 2' }).waitFor({ timeout: 180_000 });
      await hourly.filter({ hasText: 'out 4 · late 4' }).waitFor({ timeout: 60_000 });
      const title = await source.getAttribute('title');
      expect(/price 1/.test(title) && /quantity 1/.test(title), `the source's counts say: ${title}`);
      expect(/not JSON/.test(title), `the source's counts do not say what skipped means: ${title}`);
    },
  ],
  [
    'the counts stay on the canvas after the run is stopped',
    async () => {
      await stopRun();
      const text = await page.getByTestId('counts-orders').textContent();
      expect(text.includes('skipped 3'), `after the stop the source shows: ${text}`);
    },
  ],
  [
    'no console errors or warnings',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
];

const ok = await runSteps('run-counts', page, steps);
await browser.close();
process.exit(ok ? 0 : 1);
