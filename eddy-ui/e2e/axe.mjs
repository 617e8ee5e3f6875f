// Issue 19: axe-core (WCAG 2.1 A/AA) finds no serious or critical violation on the home page, the
// Import, Create and Export dialogs, the canvas with the panel of every node type in the palette, the
// results, and the Jobs page — against a running Eddy server (EDDY_URL, Kafka at EDDY_KAFKA).
import {
  launch,
  runSteps,
  expect,
  importFlow,
  ordersAndEmeaFilter,
  BASE,
  expectNoSeriousA11yViolations,
  pageHelpers,
} from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { panel } = pageHelpers(page);
const dialog = () => page.getByRole('dialog').filter({ visible: true });
let flowId;

const ok = await runSteps('axe', page, [
  [
    'the home page',
    async () => {
      flowId = await importFlow(
        page,
        {
          format: 'eddy-flow',
          version: 2,
          name: 'Axe e2e',
          nodes: ordersAndEmeaFilter(),
          edges: [{ from: 'orders', to: 'emea' }],
        },
        'Axe e2e',
      );
      await page.goto(BASE + '/');
      await page.getByRole('heading', { name: 'Create a new flow' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the home page');
    },
  ],
  [
    'the Import and Create dialogs',
    async () => {
      await page.getByRole('button', { name: 'Import', exact: true }).first().click();
      await dialog().getByRole('heading', { name: 'Import a flow' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the Import dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await dialog().getByLabel('Name', { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the Create dialog');
      await page.keyboard.press('Escape');
    },
  ],
  [
    'the canvas, its Export dialog and the results',
    async () => {
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      await page.locator('[data-node-name="EMEA"][data-status="valid"]').waitFor({ timeout: 30_000 });
      await expectNoSeriousA11yViolations(page, 'the canvas');
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await dialog().getByText('JSON — a backup').waitFor();
      await expectNoSeriousA11yViolations(page, 'the Export dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Results', exact: true }).click();
      await page.getByRole('region', { name: 'Results' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the results');
    },
  ],
  [
    'the panel of every node type in the palette',
    async () => {
      const types = await page.locator('[data-node-type]').evaluateAll((els) => els.map((e) => e.dataset.nodeType));
      expect(types.length >= 8, `the palette has ${types.length} types`);
      for (const type of types) {
        await page.locator(`[data-node-type="${type}"]`).press('Enter');
        await page.waitForFunction((t) => document.activeElement?.getAttribute('data-id')?.startsWith(`${t}-`), type);
        // axe reads the panel while it is still: once the new node is checked and saved, its fields'
        // problems (and the descriptions they point to) no longer change under it
        const id = await page.evaluate(() => document.activeElement.getAttribute('data-id'));
        await page.locator(`.react-flow__node[data-id="${id}"] [data-status]:not([data-status="unknown"])`).waitFor();
        await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
        await page.keyboard.press('Enter');
        await panel().waitFor();
        await expectNoSeriousA11yViolations(page, `the ${type} panel`);
        await page.keyboard.press('Escape');
        await panel().waitFor({ state: 'detached' });
      }
    },
  ],
  [
    'the Jobs page',
    async () => {
      await page.getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
      await page.waitForTimeout(500);
      await expectNoSeriousA11yViolations(page, 'the Jobs page');
    },
  ],
  [
    'no console errors or warnings',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
]);

await browser.close();
process.exit(ok ? 0 : 1);
