// Issue 19: the layout holds at 1024×768 and at 200% zoom (a 1280×800 window at 200% is 640×400 CSS
// pixels at device scale 2): the header's controls are whole and inside the window, the Import
// dialog's heading is visible below the app header, the canvas starts on the first screen, the node
// panel, canvas and results do not paint over each other, the edited node and the node feeding it
// stay in view on what is left of the canvas (not under its zoom controls), and closing the panel
// gives the view back. With EDDY_SCREENSHOTS=<dir> it saves per size the home page, the canvas, the
// canvas while editing (panel and results open) and, when they are stacked below it, the panel and
// the results.
import { join } from 'node:path';
import { launch, runSteps, expect, importFlow, ordersAndEmeaFilter, BASE, signIn } from './lib.mjs';

const SHOTS = process.env.EDDY_SCREENSHOTS;
const { browser, page: apiPage, consoleProblems } = await launch();
const SIZES = [
  { name: '1024x768', viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 },
  { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
];
let flowId;

const overlap = (a, b) =>
  a && b && a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

async function checkSize(size) {
  const context = await browser.newContext({
    viewport: size.viewport,
    deviceScaleFactor: size.deviceScaleFactor,
    baseURL: BASE,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
  try {
    await signIn(page);
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Create a new flow' }).waitFor();
    await page.getByText('Loading flows').waitFor({ state: 'detached' });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `home-${size.name}.png`) });

    await page.getByRole('button', { name: 'Import', exact: true }).first().click();
    const heading = page.getByRole('dialog').filter({ visible: true }).getByRole('heading', { name: 'Import a flow' });
    await heading.waitFor();
    await page.waitForTimeout(300); // the dialog's entrance animation
    // visible: inside the window and on top (not under the app header) where it is drawn
    const onTop = await heading.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const points = [
        [r.left + 4, r.top + r.height / 2],
        [r.left + r.width / 2, r.top + 2],
        [r.left + r.width / 2, r.bottom - 2],
      ];
      return points.every(
        ([x, y]) => y >= 0 && y <= window.innerHeight && el.contains(document.elementFromPoint(x, y)),
      );
    });
    expect(onTop, `${size.name}: the Import dialog's heading is covered or outside the window`);
    await page.keyboard.press('Escape');

    await page.goto(`${BASE}/flows/${encodeURIComponent(flowId)}`);
    await page.locator('[data-node-name="EMEA"][data-status="valid"]').waitFor({ timeout: 30_000 });
    // the palette leaves room: the canvas starts on the first screen with the nodes' height at least
    const canvasTop = await page.locator('.eddy-canvas').evaluate((el) => el.getBoundingClientRect().top);
    expect(
      canvasTop + 96 <= size.viewport.height,
      `${size.name}: the canvas starts ${Math.round(canvasTop)} px down a ${size.viewport.height} px window`,
    );
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `canvas-${size.name}.png`) });
    const viewport = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
    // the view once the canvas has fitted the flow it opened (unchanged over 100 ms)
    let viewBefore = await viewport();
    for (let was = ''; was !== viewBefore;) {
      was = viewBefore;
      await page.waitForTimeout(100);
      viewBefore = await viewport();
    }
    await page.locator('[data-node-name="EMEA"] .eddy-node__status').click();
    await page.getByRole('complementary', { name: /Configure/ }).waitFor();
    await page.getByRole('button', { name: 'Results', exact: true }).click();
    await page.getByRole('region', { name: 'Results' }).waitFor();

    // every control of the header whole and inside the window (the page may scroll down, not sideways)
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('.eddy-header button, .eddy-header a, .eddy-header h1')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return (
            r.left < 0 || r.right > document.documentElement.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1
          );
        })
        .map((el) => el.textContent.trim() || el.getAttribute('aria-label')),
    );
    expect(cut.length === 0, `${size.name}: cut off in the header: ${cut.join(', ')}`);
    const [panel, canvas, results] = await Promise.all([
      page.locator('.eddy-panel').boundingBox(),
      page.locator('.eddy-canvas').boundingBox(),
      page.locator('.eddy-results').boundingBox(),
    ]);
    expect(
      !overlap(panel, canvas) && !overlap(panel, results) && !overlap(canvas, results),
      `${size.name}: panel ${JSON.stringify(panel)}, canvas ${JSON.stringify(canvas)}, results ${JSON.stringify(results)} overlap`,
    );
    // the node being edited and the node feeding it stay in view beside the panel, clear of the
    // canvas's zoom controls
    const controls = await page.locator('.react-flow__controls').boundingBox();
    for (const id of ['emea', 'orders']) {
      const node = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
      const inside =
        node.x >= canvas.x - 1 &&
        node.x + node.width <= canvas.x + canvas.width + 1 &&
        node.y >= canvas.y - 1 &&
        node.y + node.height <= canvas.y + canvas.height + 1;
      expect(
        inside && !overlap(node, controls),
        `${size.name}: node ${id} ${JSON.stringify(node)} is not inside the canvas ${JSON.stringify(canvas)} or lies under the zoom controls ${JSON.stringify(controls)}`,
      );
    }
    if (SHOTS) {
      // stacked (200% zoom): the canvas, the panel and the results one below the other down the page
      const stacked = panel.y > canvas.y;
      if (stacked) await page.locator('.eddy-canvas').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, `editing-${size.name}.png`) });
      for (const [part, box] of [
        ['panel', panel],
        ['results', results],
      ])
        if (box.y + box.height > size.viewport.height) {
          await page.locator(`.eddy-${part}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: join(SHOTS, `${part}-${size.name}.png`) });
        }
    }
    // closing the panel gives back the view the user had before opening it
    await page
      .getByRole('complementary', { name: /Configure/ })
      .getByRole('button', { name: 'Close' })
      .click();
    await page.getByRole('complementary', { name: /Configure/ }).waitFor({ state: 'detached' });
    const viewAfter = await viewport();
    expect(
      viewAfter === viewBefore,
      `${size.name}: the view was ${viewBefore} before the panel opened and is ${viewAfter} after it closed`,
    );
  } finally {
    await context.close();
  }
}

const ok = await runSteps('layout', apiPage, [
  [
    'a flow to look at',
    async () => {
      flowId = await importFlow(
        apiPage,
        {
          format: 'eddy-flow',
          version: 2,
          name: 'Layout e2e',
          nodes: ordersAndEmeaFilter(),
          edges: [{ from: 'orders', to: 'emea' }],
        },
        'Layout e2e',
      );
    },
  ],
  ...SIZES.map((size) => [
    `at ${size.name}: header whole, Import heading visible, panels side by side or stacked`,
    () => checkSize(size),
  ]),
  [
    'no page errors',
    async () => {
      expect(consoleProblems.length === 0, consoleProblems.join('\n'));
    },
  ],
]);

await browser.close();
process.exit(ok ? 0 : 1);
