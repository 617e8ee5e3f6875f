// Issue 19: a three-node flow built, connected, configured, run and exported with the keyboard only,
// against a running Eddy server (EDDY_URL, its Kafka at EDDY_KAFKA). No mouse: controls are reached by
// focusing them (locator.focus, as Tab would) and used with keys; after each step the test asserts
// where focus is. The order: Create (focus on the canvas heading), an event source from the palette
// (added in free space and focused, Enter opens its panel with focus on its heading, Escape returns
// focus to the node), a filter connected by "Input from", a destination, Run, Stop, Export.
import { launch, runSteps, expect, BASE, KAFKA, pageHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { panel, waitForStatus, recordAnnouncements } = pageHelpers(page);
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.getAttribute('data-id'),
      text: (el?.getAttribute('aria-label') || el?.textContent || '').trim().slice(0, 80),
      inPanel: !!el?.closest('.eddy-panel'),
      inDialog: !!el?.closest('[role="dialog"]'),
    };
  });
async function expectFocus(check, what) {
  // focus moves after React draws: give it a moment
  for (let i = 0; i < 40; i++) {
    if (check(await focused())) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`focus is not on ${what}: ${JSON.stringify(await focused())}`);
}
const press = async (locator, key) => {
  await locator.focus();
  await page.keyboard.press(key);
};
const ids = {};

/** Enter on a palette item: the new node is focused; answers its id. */
async function addFromPalette(type, name) {
  await press(page.locator(`[data-node-type="${type}"]`), 'Enter');
  await expectFocus((f) => f.id?.startsWith(`${type}-`), `the new ${type} node`);
  const id = (await focused()).id;
  await expectFocus((f) => f.text.startsWith(name), `a node named ${name}`);
  return id;
}

/** Enter on the focused node opens its panel, focus on the panel's heading. */
async function openPanel(id, name) {
  await press(page.locator(`.react-flow__node[data-id="${id}"]`), 'Enter');
  await panel().getByRole('heading', { name, exact: true }).waitFor();
  await expectFocus((f) => f.inPanel && f.tag === 'h2', `the heading of ${name}'s panel`);
}

/** Escape from a field of the panel closes it, focus back on the node. */
async function closePanel(id, from) {
  await press(from, 'Escape');
  await panel().waitFor({ state: 'detached' });
  await expectFocus((f) => f.id === id, `node ${id}`);
}

const ok = await runSteps('keyboard-flow', page, [
  [
    'Create from the keyboard opens the canvas with focus on its heading',
    async () => {
      await page.goto(BASE + '/');
      await press(page.getByRole('button', { name: 'Create', exact: true }), 'Enter');
      const name = page.getByRole('dialog').getByLabel('Name', { exact: true });
      await expectFocus((f) => f.inDialog, 'the Create dialog');
      await name.focus();
      await page.keyboard.type('Keyboard only');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/flows\/[^/]+$/);
      await expectFocus((f) => f.tag === 'h1', 'the canvas heading');
    },
  ],

  [
    'an event source from the palette: added, focused, configured in its panel, Escape back to it',
    async () => {
      ids.source = await addFromPalette('source', 'Event source');
      await openPanel(ids.source, 'Event source');
      const servers = panel().getByLabel('Bootstrap server 1', { exact: true });
      await servers.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(KAFKA);
      await panel().getByLabel('Topic', { exact: true }).focus();
      await page.keyboard.type('ORDERS.NEW');
      await press(panel().getByRole('button', { name: 'Use a recent message from the topic' }), 'Enter');
      await panel().getByLabel('Event time property').selectOption('ordertime');
      await waitForStatus('Event source', 'valid');
      await closePanel(ids.source, panel().getByLabel('Event time property'));
    },
  ],

  [
    'a filter added beside it (not on top), connected by "Input from", its expression typed',
    async () => {
      ids.filter = await addFromPalette('filter', 'Filter');
      const a = await page.locator(`.react-flow__node[data-id="${ids.source}"]`).boundingBox();
      const b = await page.locator(`.react-flow__node[data-id="${ids.filter}"]`).boundingBox();
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `the filter ${JSON.stringify(b)} overlaps the source ${JSON.stringify(a)}`);
      await openPanel(ids.filter, 'Filter');
      await panel().getByLabel('Input from', { exact: true }).selectOption({ label: 'Event source' });
      await page.locator('.react-flow__edge').first().waitFor({ state: 'attached' });
      await panel().locator('.cm-content').focus();
      await page.keyboard.type("region = 'EMEA'");
      await waitForStatus('Filter', 'valid');
      await closePanel(ids.filter, panel().getByLabel('Node name'));
    },
  ],

  [
    'a destination after the filter, on a topic of its own',
    async () => {
      ids.destination = await addFromPalette('destination', 'Event destination');
      await openPanel(ids.destination, 'Event destination');
      await panel().getByLabel('Input from', { exact: true }).selectOption({ label: 'Filter' });
      await panel().getByLabel('Topic', { exact: true }).focus();
      await page.keyboard.type('E2E.KEYBOARD.EMEA');
      await waitForStatus('Event destination', 'valid');
      await closePanel(ids.destination, panel().getByLabel('Topic', { exact: true }));
      expect((await page.locator('.react-flow__edge').count()) === 2, 'two edges');
    },
  ],

  [
    'Run from the keyboard starts the flow, focus moves to Stop, results arrive and their count is announced; Stop ends it, focus back on Run',
    async () => {
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
      // every announcement is recorded, as a screen reader would hear them one after the other
      await recordAnnouncements();
      await press(page.getByRole('button', { name: 'Run', exact: true }), 'Enter');
      await expectFocus((f) => f.text === 'Events from now' || f.text === 'Include historical', 'the Run menu');
      await page.keyboard.press('ArrowDown');
      await expectFocus((f) => f.text === 'Include historical', 'Include historical');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Stop', exact: true }).waitFor({ timeout: 60_000 });
      await expectFocus((f) => f.text === 'Stop', 'Stop');
      await page.waitForFunction(() => /The flow is (running|starting)/.test(window.__announced.join(' ')), null, {
        timeout: 60_000,
      });
      // the EMEA orders of the topic's history arrive: rows in the results, their count announced
      await page.getByRole('region', { name: 'Results' }).locator('tbody tr').first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => window.__announced.some((a) => /^[1-9]\d* events? received$/.test(a)), null, {
        timeout: 30_000,
      });
      await expectFocus((f) => f.text === 'Stop', 'Stop, still');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 60_000 });
      await expectFocus((f) => f.text === 'Run', 'Run');
    },
  ],

  [
    'Export from the keyboard downloads the flow as JSON; focus returns to Export',
    async () => {
      await press(page.getByRole('button', { name: 'Export', exact: true }), 'Enter');
      await expectFocus((f) => f.inDialog, 'the Export dialog');
      const dialog = page.getByRole('dialog').filter({ visible: true });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        press(dialog.getByRole('button', { name: 'Export', exact: true }), 'Enter'),
      ]);
      const doc = JSON.parse(
        await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
      );
      expect(
        doc.nodes.length === 3 && doc.edges.length === 2,
        `exported ${doc.nodes.length} nodes, ${doc.edges.length} edges`,
      );
      await expectFocus((f) => f.text === 'Export' && !f.inDialog, 'the Export button of the header');
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
