// Configures one node of every type through its panel until it is green, against a running Eddy
// server (EDDY_URL) with the demo topics (Kafka at EDDY_KAFKA). The database enrichment needs a
// PostgreSQL database with a table: EDDY_PG_URL (jdbc:postgresql://...), EDDY_PG_USER,
// EDDY_PG_PASSWORD, EDDY_PG_TABLE, EDDY_PG_MATCH (property=column) and EDDY_PG_ENRICH (a column);
// without EDDY_PG_URL that step is skipped and says so.
import { launch, runSteps, expect, KAFKA, BASE, SHOTS, pageHelpers, canvasHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { panel, waitForStatus, shot } = pageHelpers(page);
const { closePanel, add, connect, open, duration, ...canvas } = canvasHelpers(page);
const ids = {};

async function source(name, topic, eventTime, x, y) {
  ids[name] = await canvas.source(name, topic, eventTime, x, y);
}

const steps = [
  [
    'a new flow opens on an empty canvas',
    async () => {
      await page.goto(BASE + '/');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Every node type');
      await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
      await page.waitForURL(/\/flows\/[^/]+$/);
    },
  ],
  [
    'two event sources: orders and cancellations',
    async () => {
      await source('Orders', 'ORDERS.NEW', 'ordertime', 80, 60);
      await source('Cancellations', 'CANCELLATIONS', 'canceltime', 80, 420);
    },
  ],
  [
    'a transform computes a new property',
    async () => {
      ids.Totals = await add('transform', 'Totals', 340, 60);
      await connect(ids.Orders, ids.Totals);
      await open(ids.Totals);
      await panel().getByRole('button', { name: 'Add a property' }).click();
      await panel().getByLabel('Name of new property 1').fill('total');
      await panel().getByLabel('Expression of new property 1').click();
      await page.keyboard.type('price * quantity');
      await waitForStatus('Totals', 'valid');
    },
  ],
  [
    'a mistake in an expression turns the node red, with the message on hover',
    async () => {
      await page.keyboard.press('Backspace');
      await waitForStatus('Totals', 'error');
      await closePanel();
      await page.locator('[data-node-name="Totals"] .eddy-node__status').hover();
      await page.getByRole('tooltip').filter({ hasText: 'quantit' }).waitFor();
      await shot('node-error.png');
      await open(ids.Totals);
      await panel().getByLabel('Expression of new property 1').click();
      await page.keyboard.press('End');
      await page.keyboard.type('y');
      await waitForStatus('Totals', 'valid');
    },
  ],
  [
    'an aggregate sums per hour and region',
    async () => {
      ids.Hourly = await add('aggregate', 'Hourly', 600, 60);
      await connect(ids.Totals, ids.Hourly);
      await open(ids.Hourly);
      await panel().getByLabel('Event time property').selectOption('ordertime');
      await duration('Window duration', 1, 'HOUR');
      await panel().getByRole('button', { name: 'Add a function' }).click();
      await panel().getByLabel('Function 1', { exact: true }).selectOption('SUM');
      await panel().getByLabel('Property of function 1').selectOption('total');
      await panel().getByLabel('region', { exact: true }).check({ force: true }); // Carbon hides the input behind its label
      await waitForStatus('Hourly', 'valid');
    },
  ],
  [
    'an event destination writes the aggregate',
    async () => {
      ids.Publish = await add('destination', 'Publish', 860, 60);
      await connect(ids.Hourly, ids.Publish);
      await open(ids.Publish);
      await panel().getByLabel('Bootstrap server 1', { exact: true }).fill(KAFKA);
      await panel().getByLabel('Topic', { exact: true }).fill('E2E.HOURLY.SALES');
      await waitForStatus('Publish', 'valid');
    },
  ],
  [
    'a top-n keeps the three priciest orders per hour',
    async () => {
      ids.Priciest = await add('topN', 'Priciest', 340, 240);
      await connect(ids.Orders, ids.Priciest);
      await open(ids.Priciest);
      await panel().getByLabel('Event time property').selectOption('ordertime');
      await duration('Window duration', 1, 'HOUR');
      await panel().getByLabel('Events to keep', { exact: true }).fill('3');
      await panel().getByLabel('Rank by property').selectOption('price');
      await waitForStatus('Priciest', 'valid');
    },
  ],
  [
    'an interval join finds orders cancelled within 30 minutes',
    async () => {
      ids.Cancelled = await add('intervalJoin', 'Cancelled', 340, 420);
      await connect(ids.Orders, ids.Cancelled, 'left');
      await connect(ids.Cancellations, ids.Cancelled, 'right');
      await open(ids.Cancelled);
      await panel().getByLabel('Property of Orders').selectOption('id');
      await panel().getByLabel('Property of Cancellations').selectOption('orderid');
      await panel().getByRole('button', { name: 'Add to condition' }).click();
      const inputs = panel().getByLabel('Input', { exact: true });
      await inputs.nth(0).selectOption('Cancellations');
      await panel().getByLabel('Its event time').nth(0).selectOption('canceltime');
      await inputs.nth(1).selectOption('Orders');
      await panel().getByLabel('Its event time').nth(1).selectOption('ordertime');
      await duration('Window starts at (offset, may be negative)', 0, 'MINUTE');
      await duration('Window ends at (offset)', 30, 'MINUTE');
      // `id` is in both inputs: the panel flags it; removing one resolves it
      await panel().getByText('Another property has this name: rename or remove one.').first().waitFor();
      await panel().getByLabel('Keep Cancellations.id').uncheck({ force: true });
      await waitForStatus('Cancelled', 'valid');
    },
  ],
];

if (process.env.EDDY_PG_URL) {
  steps.push([
    'a database enrichment adds a column from PostgreSQL',
    async () => {
      ids.Enriched = await add('databaseEnrichment', 'Enriched', 600, 240);
      await connect(ids.Priciest, ids.Enriched);
      await open(ids.Enriched);
      await panel().getByLabel('JDBC URL').fill(process.env.EDDY_PG_URL);
      await panel()
        .getByLabel('Username')
        .fill(process.env.EDDY_PG_USER ?? '');
      await panel()
        .getByLabel('Password', { exact: true })
        .fill(process.env.EDDY_PG_PASSWORD ?? '');
      await panel().getByRole('button', { name: 'Load tables' }).click();
      await panel().getByRole('combobox', { name: 'Table' }).selectOption(process.env.EDDY_PG_TABLE);
      const [property, column] = (process.env.EDDY_PG_MATCH ?? 'customerid=id').split('=');
      await panel().getByRole('button', { name: 'Add a match criterion' }).click();
      await panel().getByLabel('Event property 1').selectOption(property);
      await panel().getByLabel('equals column 1').selectOption(column);
      await panel()
        .getByLabel(process.env.EDDY_PG_ENRICH ?? 'country', { exact: true })
        .check({ force: true });
      await waitForStatus('Enriched', 'valid');
    },
  ]);
} else {
  console.log('  (database enrichment not tried: set EDDY_PG_URL and friends to include it)');
}

if (SHOTS) {
  steps.push([
    'the whole flow fits the view',
    async () => {
      await closePanel();
      await page.getByRole('button', { name: 'Fit View' }).click();
      await page.waitForTimeout(500);
      await shot('every-node-type.png');
    },
  ]);
}

steps.push([
  'no console errors or warnings',
  async () => {
    expect(consoleProblems.length === 0, consoleProblems.join('\n'));
  },
]);

const ok = await runSteps('every-node-type', page, steps);
await browser.close();
process.exit(ok ? 0 : 1);
