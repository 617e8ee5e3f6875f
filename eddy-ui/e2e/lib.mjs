// A small harness for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), named steps run in order, a screenshot on failure, and a "N passed, N failed" line.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');

export const BASE = (process.env.EDDY_URL ?? 'http://localhost:8080').replace(/\/$/, '');
export const KAFKA = process.env.EDDY_KAFKA ?? 'localhost:9092';

// The server's access token (docs/security.md): EDDY_TOKEN, else the one of `./eddy`'s default data
// directory at the repository root. The browser signs in once with it, as the start-up line's URL does.
const DEFAULT_TOKEN_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.eddy', 'access-token');
export const TOKEN =
  process.env.EDDY_TOKEN ?? (existsSync(DEFAULT_TOKEN_FILE) ? readFileSync(DEFAULT_TOKEN_FILE, 'utf8').trim() : '');

/** Signs the page's browser context in: the session cookie is kept by the context (page.request shares it). */
export async function signIn(page) {
  if (TOKEN) await page.goto(`${BASE}/?token=${encodeURIComponent(TOKEN)}`);
}

/** The header the web app sends; direct API calls that change something without a JSON body need it. */
export const APP_HEADERS = { 'X-Eddy-Request': 'app' };

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    baseURL: BASE,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 20_000));
  const consoleProblems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // A new Kafka node first lists the topics of its default cluster: the server's Kafka, or
    // localhost:9092 when GET /api/environment fails; that request may be refused (502) before the
    // test types the address.
    if (KAFKA !== 'localhost:9092' && m.location().url.endsWith('/api/kafka/topics') && /status of 502/.test(m.text()))
      return;
    consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
  await signIn(page);
  return { browser, context, page, consoleProblems };
}

/** With EDDY_SCREENSHOTS=<dir>, the scripts save the views docs/ there. */
export const SHOTS = process.env.EDDY_SCREENSHOTS;

/** What the scripts find and wait for on the app's pages, for one `page`. */
export function pageHelpers(page) {
  return {
    /** the node panel that is open */
    panel: () => page.getByRole('complementary', { name: /Configure/ }),
    /** a node on the canvas, by its id */
    canvasNode: (id) => page.locator(`.react-flow__node[data-id="${id}"]`),
    /** waits until the node named `name` shows `status` (valid, error, unconfigured) */
    waitForStatus: (name, status, timeout = 30_000) =>
      page.locator(`[data-node-name="${name}"][data-status="${status}"]`).waitFor({ timeout }),
    /** Stop in the header, then waits until the run says it stopped */
    stopRun: async () => {
      await page.getByRole('button', { name: 'Stop' }).click();
      await page
        .getByTestId('run-status')
        .filter({ hasText: /Stopped|Finished/ })
        .waitFor({ timeout: 30_000 });
    },
    /** saves the page as `file` in EDDY_SCREENSHOTS, when that is set */
    shot: async (file) => {
      if (SHOTS) await page.screenshot({ path: join(SHOTS, file) });
    },
    /** from now on records every announcement of the live region in window.__announced, in order */
    recordAnnouncements: () =>
      page.evaluate(() => {
        window.__announced = [];
        const region = document.querySelector('[data-testid="live-region"]');
        new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      }),
  };
}

/**
 * Building a flow on the canvas with the mouse, as a user does: add nodes from the palette, connect
 * them, open their panels, and configure event sources from a recent message of a topic.
 */
export function canvasHelpers(page) {
  const { panel, waitForStatus } = pageHelpers(page);
  async function closePanel() {
    if (await panel().count()) await panel().getByRole('button', { name: 'Close' }).click();
  }
  /**
   * Where on the pane to drop a palette item for its node to land where a drop at (`x`, `y`) lands on
   * a canvas that was never moved (100%, not panned), whatever the view is now; null when that spot
   * is out of view. The fit view before a connection, and the view moving to keep an edited node
   * beside its panel, would otherwise decide where nodes land, on top of each other at times.
   */
  async function dropPoint(x, y) {
    await page.locator('.react-flow__pane').waitFor();
    // after the frames in which a closing panel gives the view back
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    return page.evaluate(
      ([x, y]) => {
        const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
        const controls = document.querySelector('.react-flow__controls').getBoundingClientRect();
        const view = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
        // FlowEditor puts a dropped node's corner 90 × 30 screen pixels up and left of the drop
        const at = { x: view.e + (x - 90) * view.a + 90, y: view.f + (y - 30) * view.a + 30 };
        const onControls =
          at.x >= controls.left - pane.left - 4 &&
          at.x <= controls.right - pane.left + 4 &&
          at.y >= controls.top - pane.top - 4 &&
          at.y <= controls.bottom - pane.top + 4;
        const inPane =
          at.x >= 4 && at.x <= pane.width - 4 && at.y >= 4 && at.y <= Math.min(pane.height, innerHeight - pane.top) - 4;
        return inPane && !onControls ? at : null;
      },
      [x, y],
    );
  }
  /** Drops a node from the palette, names it, and returns its id; its panel is open. */
  async function add(type, name, x, y) {
    await closePanel();
    let at = await dropPoint(x, y);
    if (!at) {
      await page.locator('.react-flow__controls-fitview').click();
      at = await dropPoint(x, y);
    }
    for (let i = 0; !at && i < 4; i++) {
      await page.locator('.react-flow__controls-zoomout').click();
      at = await dropPoint(x, y);
    }
    expect(at, `(${x}, ${y}) of the canvas does not come into view`);
    const before = await page.locator('.react-flow__node').count();
    await page.locator(`[data-node-type="${type}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length > n, before);
    const id = await page.locator('.react-flow__node').last().getAttribute('data-id');
    await panel().getByLabel('Node name').fill(name);
    await page.locator(`[data-node-name="${name}"]`).waitFor();
    return id;
  }
  return {
    closePanel,
    add,
    /** Drags a connection from the output of `from` to the input `port` of `to`. */
    async connect(from, to, port = 'in') {
      await closePanel();
      // Editing a node scrolls it into view beside its panel, which can leave others off screen.
      await page.locator('.react-flow__controls-fitview').click();
      const edges = await page.locator('.react-flow__edge').count();
      await page
        .locator(`.react-flow__handle[data-nodeid="${from}"][data-handleid="out"]`)
        .dragTo(page.locator(`.react-flow__handle[data-nodeid="${to}"][data-handleid="${port}"]`));
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length > n, edges);
    },
    /**
     * Connects with the keyboard, as e2e/keyboard-tab.mjs proves a user can: Enter on the output
     * handle of the node named `from`, then on the input handle named `to` ("Connect to NAME", or
     * "Connect to the PORT input of NAME"). Unlike a drag it does not depend on where the nodes are.
     */
    async connectWithKeys(from, to) {
      await closePanel();
      const edges = await page.locator('.react-flow__edge').count();
      await page.getByRole('button', { name: `Connect from ${from}`, exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: to, exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length > n, edges);
    },
    async open(id) {
      await closePanel();
      await page.locator(`.react-flow__node[data-id="${id}"]`).click();
      await panel().waitFor();
    },
    /** Adds an event source on `topic` of EDDY_KAFKA, structured from a recent message; its id. */
    async source(name, topic, eventTime, x, y) {
      const id = await add('source', name, x, y);
      await panel().getByLabel('Bootstrap server 1', { exact: true }).fill(KAFKA);
      await panel().getByRole('option', { name: topic, exact: true }).click();
      await panel().getByRole('button', { name: 'Use a recent message from the topic' }).click();
      await panel().getByLabel(`Type of ${eventTime}`, { exact: true }).waitFor();
      await panel().getByLabel('Event time property').selectOption(eventTime);
      await waitForStatus(name, 'valid', 60_000);
      return id;
    },
    async duration(label, value, unit) {
      await panel().getByLabel(`${label} value`).fill(String(value));
      await panel().getByLabel(`${label} unit`).selectOption(unit);
    },
  };
}

/** Runs the steps in order; a failed step stops the ones after it (they build on it). */
export async function runSteps(name, page, steps) {
  mkdirSync(OUT, { recursive: true });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [title, fn] of steps) {
    if (failed) {
      skipped++;
      console.log(`  - ${title} (skipped)`);
      continue;
    }
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `  ✗ ${title}\n    ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 6)
          .join('\n    ')}`,
      );
      const file = join(OUT, `${name}-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.log(`    screenshot: ${file}`);
    }
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0;
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Imports a flow document through the API under `name`; answers the new flow's id. */
export async function importFlow(page, flow, name) {
  const res = await page.request.post('/api/flows/import?name=' + encodeURIComponent(name), { data: flow });
  expect(res.status() === 201, `import answered ${res.status()}: ${await res.text()}`);
  const [created] = await res.json();
  return created.id;
}

/** A demo order, the sample message of the e2e flows' event source. */
const SAMPLE_ORDER = {
  id: '0f6e2c1a-6f1b-4c57-9a39-1d2a3b4c5d6e',
  customer: 'Ada Lovelace',
  customerid: 'c1e6a8f0-0000-4000-8000-000000000001',
  description: 'XL Stonewashed Bootcut Jeans',
  price: 39.99,
  quantity: 2,
  region: 'EMEA',
  ordertime: '2023-05-21 14:47:20.742',
};

/**
 * The first nodes of the e2e flows: an event source on the demo topic ORDERS.NEW of the server's
 * broker (ordertime as event time) and a filter keeping EMEA orders after it.
 */
export function ordersAndEmeaFilter() {
  return [
    {
      id: 'orders',
      type: 'source',
      name: 'Orders',
      position: { x: 80, y: 120 },
      config: {
        kafka: { bootstrapServers: [KAFKA], topic: 'ORDERS.NEW' },
        format: 'json',
        sample: JSON.stringify(SAMPLE_ORDER),
        properties: [
          { name: 'id', type: 'STRING' },
          { name: 'customer', type: 'STRING' },
          { name: 'customerid', type: 'STRING' },
          { name: 'description', type: 'STRING' },
          { name: 'price', type: 'DOUBLE' },
          { name: 'quantity', type: 'INTEGER' },
          { name: 'region', type: 'STRING' },
          { name: 'ordertime', type: 'TIMESTAMP' },
        ],
        eventTime: { property: 'ordertime' },
        eventTimeDelay: { value: 5, unit: 'SECOND' },
      },
    },
    {
      id: 'emea',
      type: 'filter',
      name: 'EMEA',
      position: { x: 360, y: 120 },
      config: { expression: "region = 'EMEA'" },
    },
  ];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now; throws listing every serious
 * or critical violation with the elements concerned. `where` names the view in the message.
 */
export async function expectNoSeriousA11yViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined')))
    await page.addScriptTag({
      path: join(dirname(fileURLToPath(import.meta.url)), '../node_modules/axe-core/axe.min.js'),
    });
  // axe reads colours as they are painted: a button just enabled is still fading from its disabled
  // grey during Carbon's transition, so transitions are turned off and only settled colours are judged
  // (only while axe runs: the app's own transition handlers must still see their transitions end)
  const violations = await page.evaluate(async () => {
    const style = document.createElement('style');
    style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.head.appendChild(style);
    const result = await window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .finally(() => style.remove());
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => `${n.target.join(' ')} ${n.html} (${n.failureSummary?.replace(/\s+/g, ' ')})`)
            .slice(0, 5)
            .join(', ')}`,
      );
  });
  if (violations.length && process.env.AXE_REPORT_ONLY)
    console.log(`axe on ${where}:\n      ${violations.join('\n      ')}`);
  else if (violations.length) throw new Error(`axe on ${where}:\n      ${violations.join('\n      ')}`);
}
