// Issue 19, the keys that must not cost work, against a running Eddy server (EDDY_URL): with a node
// selected and its panel open, Delete and Backspace on the panel's buttons and inputs and on the
// header's buttons and links never remove it (nor its edge, nor from the saved flow); with focus on the
// node they do, "Node “EMEA” deleted" is shown and announced, and Undo (button, then Ctrl+Z) brings it back.
import { launch, runSteps, expect, importFlow, ordersAndEmeaFilter, BASE, pageHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { canvasNode, panel, recordAnnouncements } = pageHelpers(page);
const header = () => page.locator('.eddy-header');

const FLOW = {
  format: 'eddy-flow',
  version: 2,
  name: 'Keyboard e2e',
  description: 'Stray keys must not delete nodes (e2e/keyboard.mjs)',
  nodes: ordersAndEmeaFilter(),
  edges: [{ from: 'orders', to: 'emea' }],
};

let flowId;

async function counts() {
  return {
    nodes: await page.locator('.react-flow__node').count(),
    edges: await page.locator('.react-flow__edge').count(),
  };
}

async function storedNodes() {
  const flow = await (await page.request.get(`/api/flows/${encodeURIComponent(flowId)}`)).json();
  return flow.nodes.map((n) => n.id).sort();
}

async function settled() {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
}

const ok = await runSteps('keyboard', page, [
  [
    'a flow with a source and a filter is opened, the filter selected with its panel open',
    async () => {
      flowId = await importFlow(page, FLOW, 'Keyboard e2e');
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      await canvasNode('emea').click();
      await panel().getByRole('heading', { name: 'EMEA' }).waitFor();
      expect((await canvasNode('emea').getAttribute('class')).includes('selected'), 'EMEA is selected');
      const c = await counts();
      expect(c.nodes === 2 && c.edges === 1, `the canvas has ${JSON.stringify(c)}`);
    },
  ],

  [
    'Delete and Backspace on the panel’s and header’s buttons, links and inputs remove nothing',
    async () => {
      const targets = [
        panel().getByRole('button', { name: 'Configure' }),
        panel().getByRole('button', { name: 'Close' }),
        panel().getByRole('button', { name: 'Preview' }),
        panel().getByLabel('Node name'),
        header().getByRole('button', { name: 'Results' }),
        header().getByRole('button', { name: 'Export' }),
        header().getByRole('button', { name: 'History' }),
        header().getByRole('link', { name: 'Jobs' }),
        header().getByRole('button', { name: 'Keyboard e2e' }),
      ];
      for (const target of targets) {
        for (const key of ['Delete', 'Backspace']) {
          if (await target.isDisabled().catch(() => false)) continue;
          await target.focus();
          await page.keyboard.press(key);
        }
      }
      // the name input lost two characters to Backspace: that is typing, not deleting a node
      await panel().getByLabel('Node name').fill('EMEA');
      await settled();
      const c = await counts();
      expect(c.nodes === 2 && c.edges === 1, `the canvas has ${JSON.stringify(c)}`);
      expect(JSON.stringify(await storedNodes()) === '["emea","orders"]', `stored: ${await storedNodes()}`);
      expect((await page.getByTestId('deleted-toast').count()) === 0, 'no deletion was offered for undo');
    },
  ],

  [
    'Delete with focus on the node removes it and its edge, says so, and Undo brings both back focused',
    async () => {
      // every announcement is recorded: the save that follows is announced after it
      await recordAnnouncements();
      await canvasNode('emea').focus();
      await page.keyboard.press('Delete');
      await page.getByTestId('deleted-toast').filter({ hasText: 'Node “EMEA” deleted' }).waitFor();
      await page.waitForFunction(() => window.__announced.some((t) => t.includes('Node “EMEA” deleted')));
      const c = await counts();
      expect(c.nodes === 1 && c.edges === 0, `after Delete the canvas has ${JSON.stringify(c)}`);
      expect(
        await page.evaluate(() => document.activeElement?.classList.contains('eddy-canvas')),
        'focus is on the canvas',
      );
      await settled();
      expect(JSON.stringify(await storedNodes()) === '["orders"]', `stored after Delete: ${await storedNodes()}`);

      await page.getByTestId('deleted-toast').getByRole('button', { name: 'Undo' }).click();
      await canvasNode('emea').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'emea');
      const back = await counts();
      expect(back.nodes === 2 && back.edges === 1, `after Undo the canvas has ${JSON.stringify(back)}`);
      await settled();
      expect(JSON.stringify(await storedNodes()) === '["emea","orders"]', `stored after Undo: ${await storedNodes()}`);
    },
  ],

  [
    'Backspace on the focused node, then Ctrl+Z, undoes from the keyboard alone',
    async () => {
      await canvasNode('emea').focus();
      await page.keyboard.press('Backspace');
      await canvasNode('emea').waitFor({ state: 'detached' });
      await page.keyboard.press('Control+z');
      await canvasNode('emea').waitFor();
      const c = await counts();
      expect(c.nodes === 2 && c.edges === 1, `after Ctrl+Z the canvas has ${JSON.stringify(c)}`);
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
