// Event shapes (issue 11, SPEC §2b) in the browser, against a running Eddy server (EDDY_URL) whose
// Kafka (EDDY_KAFKA) has a topic EDDY_NESTED_TOPIC holding the orders of e2e/nested-orders.jsonl
// (BrowserEndToEndTest writes them; without the variable the script says it did not run): an event
// source configured from a nested sample message, a nested property (customer.name) left out and a
// price retyped DECIMAL in the structure tree, a filter on customer.country built with the
// assistant, an Unpack array node from the palette on the items, and a run showing one event per
// item of the German orders, nested values as JSON text and decimals as written (table and CSV).
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, runSteps, expect, importFlow, KAFKA, BASE, APP_HEADERS, pageHelpers } from './lib.mjs';

const TOPIC = process.env.EDDY_NESTED_TOPIC;
if (!TOPIC) {
  console.log('  - nested shapes: skipped (set EDDY_NESTED_TOPIC to a topic holding e2e/nested-orders.jsonl)');
  console.log('\n0 passed, 0 failed');
  process.exit(0);
}

const ORDERS = (await readFile(join(dirname(fileURLToPath(import.meta.url)), 'nested-orders.jsonl'), 'utf8'))
  .trim()
  .split('\n');
const { browser, page, consoleProblems } = await launch();
const { panel, waitForStatus } = pageHelpers(page);
const table = 'table[aria-label="Output events"]';

const FLOW = {
  format: 'eddy-flow',
  version: 2,
  name: 'Nested shapes e2e',
  description: 'Nested orders filtered on a nested property and unpacked per item, built by e2e/nested-shapes.mjs',
  nodes: [
    {
      id: 'orders',
      type: 'source',
      name: 'Orders',
      position: { x: 80, y: 120 },
      config: { kafka: { bootstrapServers: [KAFKA], topic: TOPIC }, format: 'json' },
    },
    { id: 'germany', type: 'filter', name: 'Germany', position: { x: 360, y: 120 }, config: {} },
  ],
  edges: [{ from: 'orders', to: 'germany' }],
};

let flowId;
let unpackId;

async function open(name) {
  if (await panel().count()) await panel().getByRole('button', { name: 'Close' }).click();
  await page.locator(`[data-node-name="${name}"]`).click();
  await panel().getByRole('heading', { name }).waitFor();
}

/** The results table as objects, by its column headers. */
async function results() {
  const headers = await page.locator(`${table} thead th`).allTextContents();
  const rows = await page
    .locator(`${table} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i]])));
}

const ok = await runSteps('nested-shapes', page, [
  [
    'a flow with a source on the nested topic and a filter is imported',
    async () => {
      flowId = await importFlow(page, FLOW, 'Nested shapes e2e');
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      await page.locator('[data-node-name="Orders"]').waitFor();
    },
  ],

  [
    'the source takes its structure from a nested message: customer.name left out, prices DECIMAL',
    async () => {
      await open('Orders');
      await panel().getByLabel('Sample message').fill(ORDERS[0]);
      const tree = panel().getByRole('list', { name: 'Event properties' });
      await tree.getByLabel('Type of items[].price', { exact: true }).waitFor();
      expect(
        (await tree.getByLabel('Type of customer', { exact: true }).inputValue()) === 'ROW',
        'customer is not a ROW',
      );
      expect(
        (await tree.getByLabel('Type of items[]', { exact: true }).inputValue()) === 'ROW',
        'the items are not ROWs',
      );
      // Carbon draws its own box over the checkbox input: click the input through it
      await tree.getByLabel('Use customer.name', { exact: true }).uncheck({ force: true });
      await tree.getByLabel('Type of items[].price', { exact: true }).selectOption('DECIMAL');
      await panel().getByLabel('Event time property').selectOption('ordertime');
      await waitForStatus('Orders', 'valid');
      const saved = await (await page.request.get(`/api/flows/${encodeURIComponent(flowId)}`)).json();
      const properties = saved.nodes.find((n) => n.id === 'orders').config.properties;
      const customer = properties.find((p) => p.name === 'customer');
      const item = properties.find((p) => p.name === 'items').items;
      expect(
        JSON.stringify(customer.properties) === '[{"name":"country","type":"STRING"}]',
        `customer: ${JSON.stringify(customer)}`,
      );
      expect(
        JSON.stringify(item.properties[2]) === '{"name":"price","type":"DECIMAL","precision":10,"scale":2}',
        `items: ${JSON.stringify(item)}`,
      );
    },
  ],

  [
    "the filter customer.country = 'DE' is built with the assistant",
    async () => {
      await open('Germany');
      await panel().getByLabel('Property', { exact: true }).selectOption('customer.country');
      await panel().getByLabel('Condition').selectOption('=');
      await panel().getByLabel('Value', { exact: true }).fill('DE');
      await panel().getByRole('button', { name: 'Add to expression' }).click();
      await panel().getByLabel('Expression', { exact: true }).filter({ hasText: "customer.country = 'DE'" }).waitFor();
      await waitForStatus('Germany', 'valid');
    },
  ],

  [
    'an Unpack array node from the palette unpacks the items, numbered',
    async () => {
      await panel().getByRole('button', { name: 'Close' }).click();
      const before = await page.locator('.react-flow__node').count();
      await page
        .locator('[data-node-type="unpackArray"]')
        .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 420, y: 320 } });
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length > n, before);
      unpackId = await page.locator('.react-flow__node').last().getAttribute('data-id');
      await panel().getByLabel('Node name').fill('Items');
      await panel().getByRole('button', { name: 'Close' }).click();
      await page
        .locator('.react-flow__handle[data-nodeid="germany"][data-handleid="out"]')
        .dragTo(page.locator(`.react-flow__handle[data-nodeid="${unpackId}"][data-handleid="in"]`));
      await page.locator('.react-flow__edge').nth(1).waitFor({ state: 'attached' });
      await open('Items');
      await panel().getByLabel('Array property').selectOption('items');
      expect((await panel().locator(`[id="unpackArray-${unpackId}-as"]`).inputValue()) === 'item', 'as is not item');
      await panel().locator(`[id="unpackArray-${unpackId}-index"]`).fill('itemNumber');
      await waitForStatus('Items', 'valid');
    },
  ],

  [
    'a run shows one event per item of the German orders, nested values as JSON text, prices and offsets as written',
    async () => {
      await panel().getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Include historical' }).click();
      await page.locator(`${table} tbody tr`).nth(2).waitFor({ timeout: 90_000 });
      const rows = (await results()).sort((a, b) => `${a.id} ${a.itemNumber}`.localeCompare(`${b.id} ${b.itemNumber}`));
      const seen = rows.map((r) => `${r.id} ${r.itemNumber} ${r.item} ${r.customer} ${r.ordertime}`);
      // o-2 is French; customer.name was left out; 10:03:25+01:00 is 09:03:25 UTC, 10:07+05:30 is 04:37
      expect(
        JSON.stringify(seen) ===
          JSON.stringify([
            'o-1 1 {"sku":"JE-01","qty":2,"price":19.99} {"country":"DE"} 2024-03-04 09:03:25.000',
            'o-1 2 {"sku":"TS-02","qty":1,"price":5.50} {"country":"DE"} 2024-03-04 09:03:25.000',
            'o-3 1 {"sku":"SO-03","qty":3,"price":3.10} {"country":"DE"} 2024-03-04 04:37:00.000',
          ]),
        `results:\n${seen.join('\n')}`,
      );
      expect(!rows.some((r) => 'items' in r), 'the unpacked array is still a column');
    },
  ],

  [
    'the CSV download has the nested values as JSON text and the decimals as written',
    async () => {
      const csv = await (await page.request.get(`/api/flows/${encodeURIComponent(flowId)}/run/events.csv`)).text();
      expect(csv.includes('"{""sku"":""TS-02"",""qty"":1,""price"":5.50}"'), `CSV:\n${csv}`);
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
