// Builds one flow per newer node type through its panel, runs it with historical events and checks
// the results, against a running Eddy server (EDDY_URL) with the demo topics (Kafka at EDDY_KAFKA):
// deduplicate (the demo delivers some stock movements twice), combine (web-shop orders name their
// properties differently), window join (payments follow orders), custom SQL typed in its editor and
// detect pattern (transactions go through states) and temporal enrichment (customer tiers change).
import { launch, runSteps, expect, BASE, pageHelpers, canvasHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { panel, waitForStatus, stopRun } = pageHelpers(page);
const { closePanel, add, connectWithKeys: connect, open, source, duration } = canvasHelpers(page);

async function newFlow(name) {
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/flows\/[^/]+$/);
}

/**
 * Runs the flow with historical events until at least `rows` results show, stops the run, and reads
 * the named columns of every result shown ({column: [text, ...]}, row by row).
 */
async function runAndRead(columns, rows) {
  await closePanel();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Include historical' }).click();
  const results = 'table[aria-label="Output events"]';
  await page.waitForFunction(
    ([table, n]) => document.querySelectorAll(`${table} tbody tr`).length >= n,
    [results, rows],
    { timeout: 120_000 },
  );
  // stopped first: new results arrive at the top, and would shift the rows between two reads
  await stopRun();
  const { headers, cells } = await page.evaluate((table) => {
    const text = (row, tag) => [...row.querySelectorAll(tag)].map((c) => c.textContent);
    return {
      headers: text(document.querySelector(`${table} thead tr`), 'th'),
      cells: [...document.querySelectorAll(`${table} tbody tr`)].map((r) => text(r, 'td')),
    };
  }, results);
  const values = {};
  for (const column of columns) {
    const i = headers.indexOf(column);
    expect(i >= 0, `no ${column} column in ${headers.join(', ')}`);
    values[column] = cells.map((row) => row[i]);
  }
  return values;
}

const steps = [
  [
    'a deduplicate keeps one of each stock movement delivered twice',
    async () => {
      await newFlow('Unique stock movements');
      await source('Stock movements', 'STOCK.MOVEMENT', 'updatetime', 80, 60);
      const unique = await add('deduplicate', 'Unique movements', 380, 60);
      await connect('Stock movements', 'Connect to Unique movements');
      await open(unique);
      await panel().getByLabel('movementid', { exact: true }).check({ force: true }); // Carbon hides the input behind its label
      await panel().getByLabel('Event time property').selectOption('updatetime');
      await duration('Window duration', 10, 'MINUTE');
      await waitForStatus('Unique movements', 'valid');
      // two hours of history hold about 600 movements, one in ten of them twice
      const { movementid } = await runAndRead(['movementid'], 300);
      const repeated = movementid.filter((id, i) => movementid.indexOf(id) !== i);
      expect(repeated.length === 0, `kept twice: ${[...new Set(repeated)].join(', ')}`);
    },
  ],
  [
    'a combine merges orders and web-shop orders, mapping their other names',
    async () => {
      await newFlow('All orders');
      await source('Orders', 'ORDERS.NEW', 'ordertime', 80, 60);
      await source('Web shop orders', 'WEBSHOP.ORDERS', 'placedat', 80, 320);
      const all = await add('combine', 'All orders', 420, 180);
      await connect('Orders', 'Connect to All orders');
      await connect('Web shop orders', 'Connect to All orders');
      await open(all);
      await panel().getByLabel('Output properties from').selectOption('Web shop orders');
      await panel().getByLabel('orderId from Orders').selectOption('id');
      await panel().getByLabel('customerName from Orders').selectOption('customer');
      await panel().getByLabel('placedat from Orders').selectOption('ordertime');
      await waitForStatus('All orders', 'valid');
      const { orderId, customerName } = await runAndRead(['orderId', 'customerName'], 200);
      expect(
        orderId.some((id) => /^W-\d+$/.test(id)),
        'no web-shop order among the results',
      );
      expect(
        orderId.some((id) => /^[0-9a-f]{8}-/.test(id)),
        'no order of ORDERS.NEW among the results',
      );
      expect(
        customerName.every((name) => /^\S+ \S+/.test(name)),
        `customers: ${customerName.slice(0, 5)}`,
      );
    },
  ],
  [
    'a window join pairs each order with its payment in the same 10 minutes',
    async () => {
      await newFlow('Orders with payments');
      await source('Orders', 'ORDERS.NEW', 'ordertime', 80, 60);
      await source('Payments', 'PAYMENTS', 'paytime', 80, 320);
      const joined = await add('windowJoin', 'Paid orders', 420, 180);
      await connect('Orders', 'Connect to the left input of Paid orders');
      await connect('Payments', 'Connect to the right input of Paid orders');
      await open(joined);
      await panel().getByLabel('Property of Orders').selectOption('id');
      await panel().getByLabel('Property of Payments').selectOption('orderid');
      await panel().getByRole('button', { name: 'Add to condition' }).click();
      await duration('Window duration', 10, 'MINUTE');
      await panel().getByLabel('Event time of Orders').selectOption('ordertime');
      await panel().getByLabel('Event time of Payments').selectOption('paytime');
      // `id` is in both inputs: keep the order's
      await panel().getByLabel('Keep Payments.id').uncheck({ force: true });
      await waitForStatus('Paid orders', 'valid');
      const { price, quantity, amount } = await runAndRead(['price', 'quantity', 'amount'], 20);
      const wrong = amount.filter((a, i) => Math.abs(Number(a) - Number(price[i]) * Number(quantity[i])) > 0.006);
      expect(wrong.length === 0, `payments that are not price × quantity of their order: ${wrong.join(', ')}`);
    },
  ],
  [
    'a custom SQL query typed in its editor counts orders per region and 10 minutes',
    async () => {
      await newFlow('Orders per region in SQL');
      await source('Orders', 'ORDERS.NEW', 'ordertime', 80, 60);
      const query = await add('sql', 'Orders per region', 420, 60);
      await connect('Orders', 'Connect to Orders per region');
      await open(query);
      await panel().getByRole('textbox', { name: 'Query' }).click();
      await page.keyboard.type(
        'SELECT window_start AS windowStart, region, COUNT(*) AS orders ' +
          "FROM TABLE(TUMBLE(TABLE `Orders`, DESCRIPTOR(ordertime), INTERVAL '10' MINUTE)) " +
          'GROUP BY window_start, window_end, region',
      );
      await waitForStatus('Orders per region', 'valid', 60_000);
      const { region, orders: counts } = await runAndRead(['windowStart', 'region', 'orders'], 8);
      const regions = new Set(['NA', 'EMEA', 'APAC', 'SA']);
      expect(
        region.every((r) => regions.has(r)),
        `regions: ${[...new Set(region)].join(', ')}`,
      );
      expect(
        counts.every((n) => /^[1-9]\d*$/.test(n)),
        `counts: ${counts.join(', ')}`,
      );
    },
  ],
  [
    'a detect pattern finds transactions started, then processed twice, within 7 minutes',
    async () => {
      await newFlow('Transactions processed twice');
      await source('Transactions', 'TRANSACTIONS', 'ts', 80, 60);
      const pattern = await add('detectPattern', 'Processed twice', 420, 60);
      await connect('Transactions', 'Connect to Processed twice');
      await open(pattern);
      await panel().getByLabel('txid', { exact: true }).check({ force: true });
      for (const [i, name, state] of [
        [1, 'started', 'STARTED'],
        [2, 'processing', 'PROCESSING'],
      ]) {
        await panel().getByRole('button', { name: 'Add step' }).click();
        await panel().getByLabel(`Step ${i} name`).fill(name);
        const step = panel().getByRole('group', { name: `Step ${i}`, exact: true });
        await step.getByLabel('Property', { exact: true }).selectOption('state');
        await step.getByLabel('Value', { exact: true }).fill(state);
        await step.getByRole('button', { name: 'Add to expression' }).click();
      }
      await panel().getByLabel('Step 2 at least').fill('2');
      await panel().getByLabel('Step 2 at most').fill('2');
      await duration('Time limit', 7, 'MINUTE');
      const assistant = panel().getByRole('group', { name: 'Measure assistant' });
      for (const [fn, step] of [
        ['FIRST', 'started'],
        ['LAST', 'processing'],
      ]) {
        await assistant.getByLabel('Function').selectOption(fn);
        await assistant.getByLabel('Of step').selectOption(step);
        await assistant.getByLabel('Property').selectOption('ts');
        await assistant.getByRole('button', { name: 'Add this measure' }).click();
      }
      await waitForStatus('Processed twice', 'valid', 60_000);
      const { txid, firstStartedTs, lastProcessingTs } = await runAndRead(
        ['txid', 'firstStartedTs', 'lastProcessingTs'],
        5,
      );
      expect(new Set(txid).size === txid.length, `a transaction matched twice: ${txid.join(', ')}`);
      const time = (text) => Date.parse(text.replace(' ', 'T') + 'Z');
      const outside = txid.filter((_, i) => {
        const took = time(lastProcessingTs[i]) - time(firstStartedTs[i]);
        return !(took > 0 && took <= 7 * 60_000);
      });
      expect(outside.length === 0, `matches not within 7 minutes: ${outside.join(', ')}`);
    },
  ],
  [
    'a temporal enrichment gives each order its customer’s tier from a changelog topic',
    async () => {
      await newFlow('Orders with customer tier');
      await source('Orders', 'ORDERS.NEW', 'ordertime', 80, 60);
      await source('Customer tiers', 'CUSTOMER.TIERS', 'updatetime', 80, 320);
      await panel().getByLabel('Read the topic as a changelog').check({ force: true });
      await panel().getByLabel('Key (the message key, read as text)').selectOption('customerid');
      const enrich = await add('temporalEnrichment', 'Orders with tier', 420, 180);
      await connect('Orders', 'Connect to the events input of Orders with tier');
      await connect('Customer tiers', 'Connect to the versions input of Orders with tier');
      await open(enrich);
      await panel().getByRole('button', { name: 'Add a match criterion' }).click();
      await panel().getByLabel('Event property 1').selectOption('customerid');
      await panel().getByLabel('equals versions property 1').selectOption('customerid');
      await panel().getByLabel('tier', { exact: true }).check({ force: true });
      await waitForStatus('Orders with tier', 'valid', 60_000);
      await waitForStatus('Customer tiers', 'valid');
      // every demo customer has a tier from the start of the history on
      const { tier } = await runAndRead(['id', 'tier'], 50);
      const tiers = new Set(['bronze', 'silver', 'gold', 'platinum']);
      expect(
        tier.every((t) => tiers.has(t)),
        `tiers: ${[...new Set(tier)].join(', ')}`,
      );
    },
  ],
  [
    'no console errors or warnings',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
];

const ok = await runSteps('new-node-types', page, steps);
await browser.close();
process.exit(ok ? 0 : 1);
