// Issue 19, with the Tab key only, against a running Eddy server (EDDY_URL): controls are reached by
// pressing Tab and Shift+Tab as a keyboard user does (no locator.focus), so the tab order itself is
// tested. Tab reaches Create and Import on the home page; the Create and Import dialogs keep focus
// inside while open (Tab and Shift+Tab wrap) and give it back to their trigger on Escape; on the canvas
// an output handle and then an input handle, reached by Tab and pressed with Enter, connect two nodes,
// and the connection is named and saved; the canvas's Export dialog keeps focus like the others.
import { launch, runSteps, expect, importFlow, ordersAndEmeaFilter, BASE, APP_HEADERS, pageHelpers } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
const { canvasNode } = pageHelpers(page);

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? el?.tagName.toLowerCase(),
      name: (el?.getAttribute('aria-label') || el?.textContent || '').trim().slice(0, 80),
      inDialog: !!el?.closest('[role="dialog"]'),
      body: el === document.body,
    };
  });

/** Presses `key` until focus is on what `matches`; fails after `limit` presses (the element is not in the tab order). */
async function tabTo(matches, what, { key = 'Tab', limit = 60 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (matches(await focused())) return i + 1;
  }
  throw new Error(`${limit} presses of ${key} never reached ${what}; focus is on ${JSON.stringify(await focused())}`);
}

/**
 * Presses Tab (or Shift+Tab) `times` times: focus must end inside the open dialog each time (the
 * dialog's focus sentinels at its edges hand it straight back to its first or last control).
 */
async function staysInDialog(key, times) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await expectFocus((f) => f.inDialog, `the dialog after ${key} press ${i + 1}`);
  }
}

/** Focus moves after React draws: waits up to 2 s for it to be where `check` says. */
async function expectFocus(check, what) {
  for (let i = 0; i < 40; i++) {
    if (check(await focused())) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`focus is not on ${what}: ${JSON.stringify(await focused())}`);
}

const expectFocusOn = (name) => expectFocus((f) => f.name === name, name);
const expectFocusInDialog = (which) => expectFocus((f) => f.inDialog, `the ${which} dialog`);

/** Focus on the document's start, as after loading a page, without clicking anything. */
async function fromTheTop() {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.getSelection()?.removeAllRanges();
  });
}

let flowId;
const isButton = (name) => (f) => f.role === 'button' && f.name === name;

const ok = await runSteps('keyboard-tab', page, [
  [
    'Tab reaches Create on the home page; its dialog keeps focus inside and Escape gives it back',
    async () => {
      await page.goto(BASE + '/');
      await page.getByRole('button', { name: 'Create', exact: true }).waitFor();
      await fromTheTop();
      await tabTo(isButton('Create'), 'the Create button');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').filter({ visible: true }).waitFor();
      await expectFocusInDialog('Create');
      await staysInDialog('Tab', 12);
      await staysInDialog('Shift+Tab', 12);
      await page.keyboard.press('Escape');
      await page
        .getByRole('dialog')
        .filter({ visible: true })
        .waitFor({ state: 'detached' })
        .catch(() => {});
      await expectFocusOn('Create');
    },
  ],

  [
    'Tab reaches Import; its dialog keeps focus inside and Escape gives it back',
    async () => {
      await fromTheTop();
      const name =
        (await tabTo((f) => f.role === 'button' && /^Import/.test(f.name), 'an Import button')) &&
        (await focused()).name;
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').filter({ visible: true }).waitFor();
      await expectFocusInDialog('Import');
      await staysInDialog('Tab', 12);
      await staysInDialog('Shift+Tab', 12);
      await page.keyboard.press('Escape');
      await expectFocusOn(name);
    },
  ],

  [
    'on the canvas, Tab to an output handle, Enter, Tab to an input handle, Enter: the nodes are connected and saved',
    async () => {
      flowId = await importFlow(
        page,
        {
          format: 'eddy-flow',
          version: 2,
          name: 'Keyboard Tab e2e',
          description: 'Connected with Tab and Enter only (e2e/keyboard-tab.mjs)',
          nodes: ordersAndEmeaFilter(),
          edges: [],
        },
        'Keyboard Tab e2e',
      );
      await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
      await canvasNode('emea').waitFor();
      expect((await page.locator('.react-flow__edge').count()) === 0, 'no connection yet');
      await fromTheTop();
      await tabTo(isButton('Connect from Orders'), 'the output handle of Orders', { limit: 80 });
      await page.keyboard.press('Enter');
      await tabTo(isButton('Connect to EMEA'), 'the input handle of EMEA', { limit: 80 });
      await page.keyboard.press('Enter');
      // the connection is drawn, named by its nodes
      await page.locator('[aria-label="Connection from Orders to EMEA"]').waitFor({ state: 'attached' });
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
      const flow = await (await page.request.get(`/api/flows/${encodeURIComponent(flowId)}`)).json();
      const edges = flow.edges.map((e) => `${e.from}->${e.to}`);
      expect(edges.join() === 'orders->emea', `the saved edges are ${edges.join(', ') || 'none'}`);
    },
  ],

  [
    'Tab reaches Export on the canvas; its dialog keeps focus inside and Escape gives it back',
    async () => {
      await fromTheTop();
      await tabTo(isButton('Export'), 'the Export button', { limit: 80 });
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').filter({ visible: true }).waitFor();
      await expectFocusInDialog('Export');
      await staysInDialog('Tab', 12);
      await staysInDialog('Shift+Tab', 12);
      await page.keyboard.press('Escape');
      await expectFocusOn('Export');
      await page.request.delete(`/api/flows/${encodeURIComponent(flowId)}`, { headers: APP_HEADERS });
    },
  ],

  [
    'no console errors',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
]);

await browser.close();
process.exit(ok ? 0 : 1);
