// Benchmark (not a test) of the home page at size, run by io.eddy.server.catalogue.CatalogueBenchmark
// against a server holding many flows (EDDY_URL): the time from navigation to the first tile, and
// per keystroke of a search the time from the key press to the tiles answering the text typed so far.
// Prints one JSON line: {"firstTileMs": [...], "keystrokeMs": [...], "tilesInDom": N}.
import { launch } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORD = process.env.BENCH_WORD ?? 'orders 42';
const { browser, page } = await launch();
const firstTileMs = [];
const keystrokeMs = [];
let tilesInDom = 0;

// one warm-up load (the browser's cache of the app's files, as for a returning user)
await page.goto('/');
await page.locator('[data-flow-name]').first().waitFor({ timeout: 120_000 });

// the first tile's time is taken in the page too: from the navigation's start (performance's time
// origin) to the first frame after a tile is in the DOM
await page.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-flow-name]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (window.__firstTile = performance.now())));
  }).observe(document, { childList: true, subtree: true });
});

for (let run = 0; run < RUNS; run++) {
  await page.goto('about:blank');
  await page.goto('/');
  const firstTile = await page.waitForFunction(() => window.__firstTile, null, { timeout: 120_000 });
  firstTileMs.push(Math.round(await firstTile.jsonValue()));
  tilesInDom = await page.locator('[data-flow-name]').count();

  const search = page.getByRole('searchbox', { name: 'Search flows' });
  await search.click();
  // Times are taken in the page (Playwright's own waiting polls at 20, 50, 100, 100, 500 ms steps,
  // which would round every figure up to its next step): the key's keydown, and the first frame
  // after the list says it answers the text typed so far.
  await page.evaluate(() => {
    window.__keys = [];
    window.__answers = [];
    document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
    const list = document.querySelector('ul[aria-label="Flows"]');
    new MutationObserver(() => {
      const q = (list.getAttribute('data-query') ?? '').trim();
      requestAnimationFrame(() => setTimeout(() => window.__answers.push({ q, at: performance.now() })));
    }).observe(list, { attributes: true, attributeFilter: ['data-query'] });
  });
  let typed = '';
  for (const [i, key] of [...WORD].entries()) {
    typed += key;
    await page.keyboard.type(key);
    const ms = await page.waitForFunction(
      ([i, expected]) => {
        const pressed = window.__keys[i];
        const answer = window.__answers.find((a) => a.q === expected && a.at > pressed);
        return answer ? answer.at - pressed : null;
      },
      [i, typed.trim()],
      { timeout: 60_000 },
    );
    keystrokeMs.push(Math.round(await ms.jsonValue()));
  }
}

console.log(JSON.stringify({ firstTileMs, keystrokeMs, tilesInDom }));
await browser.close();
