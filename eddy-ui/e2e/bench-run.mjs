// Benchmark (not a test) of Run → first result in the browser (issue 12, docs/performance.md): against a
// running Eddy (EDDY_URL; EDDY_TOKEN or ./eddy's own token), opens a valid flow (BENCH_FLOW by name, else
// the first valid one: the demo on a fresh ./eddy), then BENCH_RUNS times opens it, clicks Run → Include historical
// and takes, in the page, the time from the click to the first frame that shows an output event; then
// Stop. Prints one JSON line: {"flow": NAME, "firstResultMs": [...]}.
import { launch, pageHelpers } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const { browser, page } = await launch();
const { stopRun } = pageHelpers(page);

const flows = await (await page.request.get('/api/flows')).json();
const flow = flows.find((f) => (process.env.BENCH_FLOW ? f.name === process.env.BENCH_FLOW : f.status === 'valid'));
if (!flow) throw new Error(`no ${process.env.BENCH_FLOW ?? 'valid'} flow at ${process.env.EDDY_URL ?? 'the server'}`);

const firstResultMs = [];
for (let run = 0; run < RUNS; run++) {
  // a freshly opened flow each time: its results view holds nothing of the previous run
  await page.goto(`/flows/${encodeURIComponent(flow.id)}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // Timed in the page (Playwright's own waiting polls in steps that would round every figure up): from
  // the menu item's click to the first frame after an output event row is in the results table.
  await page.evaluate(() => {
    window.__firstResult = undefined;
    const item = [...document.querySelectorAll('[role="menuitem"]')].find((m) =>
      m.textContent.includes('Include historical'),
    );
    item.addEventListener('click', () => (window.__clicked = performance.now()), { capture: true, once: true });
    new MutationObserver((_, observer) => {
      if (!document.querySelector('table[aria-label="Output events"] tbody tr')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__firstResult = performance.now())));
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('menuitem', { name: 'Include historical' }).click();
  await page.waitForFunction(() => window.__firstResult, null, { timeout: 120_000 });
  firstResultMs.push(Math.round(await page.evaluate(() => window.__firstResult - window.__clicked)));
  await stopRun();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
}
console.log(JSON.stringify({ flow: flow.name, firstResultMs }));
await browser.close();
