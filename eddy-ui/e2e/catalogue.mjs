// The catalogue (issue 17) against a running Eddy server (EDDY_URL): many flows are created through
// the API (valid ones and drafts, some tagged), the home page shows the first page only, searching,
// filtering by status and by tag go to the server; a flow is opened, changed twice (renamed, then a
// node deleted), both changes are listed in History, and the first version is restored.
import { launch, runSteps, expect, importFlow, ordersAndEmeaFilter } from './lib.mjs';

const { browser, page, consoleProblems } = await launch();
// A word no other flow on the server has, so that counts are exact whatever else is stored.
const RUN = `cat${Date.now().toString(36)}`;
const TAG = `${RUN}-team`;
const VALID = 30;
const DRAFTS = 40;
const TAGGED = Math.ceil(VALID / 3);
const tiles = () => page.getByRole('list', { name: 'Flows' });
const total = () => page.getByTestId('flow-total');
let openedId;
let openedName;

/** A valid flow (an event source and a filter), tagged every third one. */
function validFlow(i) {
  return {
    format: 'eddy-flow',
    version: 2,
    name: `x`,
    description: `EMEA orders ${RUN} number ${i}`,
    ...(i % 3 === 0 ? { tags: [TAG, 'orders'] } : {}),
    nodes: ordersAndEmeaFilter(),
    edges: [{ from: 'orders', to: 'emea' }],
  };
}

async function waitForTotal(text) {
  await total()
    .filter({ hasText: new RegExp(`^${text}`) })
    .waitFor();
}

const ok = await runSteps('catalogue', page, [
  [
    `${VALID} valid flows (${TAGGED} tagged) and ${DRAFTS} drafts are created through the API`,
    async () => {
      for (let i = 0; i < VALID; i++)
        await importFlow(page, validFlow(i), `Orders ${RUN} ${String(i).padStart(3, '0')}`);
      for (let i = 0; i < DRAFTS; i++) {
        const res = await page.request.post('/api/flows', {
          data: { name: `Draft ${RUN} ${String(i).padStart(3, '0')}`, description: 'still being drawn' },
        });
        expect(res.status() === 201, `create answered ${res.status()}`);
      }
    },
  ],
  [
    'the home page shows the first page only, with the counts per status',
    async () => {
      await page.goto('/');
      await tiles().locator('[data-flow-name]').first().waitFor();
      const shown = await tiles().locator('[data-flow-name]').count();
      expect(shown <= 24, `${shown} tiles rendered: only the first page (24) should be`);
      const counts = page.getByRole('group', { name: 'Filter by status' });
      expect((await counts.getByRole('button', { name: /^All/ }).textContent()).match(/\d+/), 'no count on All');
    },
  ],
  [
    'searching goes to the server: every flow of this run and only them',
    async () => {
      await page.getByRole('searchbox', { name: 'Search flows' }).fill(RUN);
      await tiles()
        .and(page.locator(`[data-query="${RUN}"]`))
        .waitFor();
      await waitForTotal(`${VALID + DRAFTS} flows`);
      const counts = page.getByRole('group', { name: 'Filter by status' });
      await counts.getByRole('button', { name: `Draft ${DRAFTS}` }).waitFor();
      await counts.getByRole('button', { name: `Valid ${VALID}` }).waitFor();
      const names = await tiles()
        .locator('[data-flow-name]')
        .evaluateAll((els) => els.map((e) => e.dataset.flowName));
      expect(names.length === 24 && names.every((n) => n.includes(RUN)), `tiles: ${names.join(', ')}`);
      // 70 flows: two more pages of 24 and 22
      await page.getByRole('button', { name: 'Show more flows' }).click();
      await waitForTotal(`${VALID + DRAFTS} flows, 48 shown`);
      await page.getByRole('button', { name: 'Show more flows' }).click();
      await waitForTotal(`${VALID + DRAFTS} flows$`);
      expect((await tiles().locator('[data-flow-name]').count()) === VALID + DRAFTS, 'the second page was not added');
    },
  ],
  [
    'filtering by status shows only the drafts',
    async () => {
      await page
        .getByRole('group', { name: 'Filter by status' })
        .getByRole('button', { name: `Draft ${DRAFTS}` })
        .click();
      await waitForTotal(`${DRAFTS} flows`);
      const statuses = await tiles().locator('[data-flow-name] .cds--tag').allTextContents();
      expect(statuses.length > 0 && statuses.every((s) => s === 'Draft'), `statuses: ${statuses.join(', ')}`);
      await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
      await waitForTotal(`${VALID + DRAFTS} flows`);
    },
  ],
  [
    'filtering by tag shows only the tagged flows',
    async () => {
      await page.getByLabel('Tag').selectOption(TAG);
      await waitForTotal(`${TAGGED} flows$`);
      const tagged = await tiles().locator('[data-flow-name]').count();
      expect(tagged === TAGGED, `${tagged} tiles for the tag`);
      const tags = await tiles().locator('[data-flow-name]').first().locator('.eddy-tile__tag').allTextContents();
      expect(tags.includes(TAG), `the tile's tags: ${tags.join(', ')}`);
    },
  ],
  [
    'a flow is opened from its tile',
    async () => {
      const tile = tiles().locator('[data-flow-name]').first();
      openedName = await tile.getAttribute('data-flow-name');
      await tile.getByRole('link', { name: openedName }).click();
      await page.waitForURL(/\/flows\//);
      openedId = decodeURIComponent(page.url().split('/flows/')[1]);
      await page.locator('[data-node-name="EMEA"]').waitFor();
    },
  ],
  [
    'it is changed twice: renamed, then a node deleted',
    async () => {
      await page.getByRole('button', { name: openedName }).click();
      await page.getByLabel('Flow name').fill(`${openedName} renamed`);
      await page.getByLabel('Flow name').press('Enter');
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
      await waitForRevision(2);
      await page.locator('.react-flow__node[data-id="emea"]').click();
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await page.locator('.react-flow__node[data-id="emea"]').click();
      await page.keyboard.press('Delete');
      await page.locator('[data-node-name="EMEA"]').waitFor({ state: 'detached' });
      await waitForRevision(3);
    },
  ],
  [
    'History lists both changes',
    async () => {
      await page.getByRole('button', { name: 'History' }).click();
      const panel = page.getByRole('complementary', { name: 'History' });
      const third = panel.getByRole('list', { name: 'Changes in revision 3' });
      await third.waitFor();
      const thirdText = await third.textContent();
      expect(thirdText.includes('node `EMEA` (filter)'), `revision 3: ${thirdText}`);
      const second = await panel.getByRole('list', { name: 'Changes in revision 2' }).textContent();
      expect(second.includes(`name: "${openedName}" → "${openedName} renamed"`), `revision 2: ${second}`);
    },
  ],
  [
    'the first version is restored as a new revision',
    async () => {
      const panel = page.getByRole('complementary', { name: 'History' });
      await panel.getByRole('button', { name: 'Restore revision 1' }).click();
      await page.locator('[data-node-name="EMEA"]').waitFor();
      await page.getByRole('button', { name: openedName, exact: true }).waitFor();
      await panel.getByText('Revision 4', { exact: true }).waitFor();
      const flow = await (await page.request.get(`/api/flows/${encodeURIComponent(openedId)}`)).json();
      expect(
        flow.revision === 4 && flow.name === openedName && flow.nodes.length === 2,
        JSON.stringify(flow).slice(0, 300),
      );
      const history = await (await page.request.get(`/api/flows/${encodeURIComponent(openedId)}/history`)).json();
      expect(history.map((h) => h.revision).join() === '4,3,2,1', `history: ${JSON.stringify(history)}`);
    },
  ],
  ['no console errors', async () => expect(consoleProblems.length === 0, consoleProblems.join('\n'))],
]);

/** Waits until the stored flow has reached `revision` (autosave is asynchronous). */
async function waitForRevision(revision) {
  for (let i = 0; i < 100; i++) {
    const flow = await (await page.request.get(`/api/flows/${encodeURIComponent(openedId)}`)).json();
    if (flow.revision >= revision) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the flow did not reach revision ${revision}`);
}

await browser.close();
process.exit(ok ? 0 : 1);
