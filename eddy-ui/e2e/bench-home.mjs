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

for (let run = 0; run < RUNS; run++) {
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto('/');
  await page.locator('[data-flow-name]').first().waitFor({ timeout: 120_000 });
  firstTileMs.push(Date.now() - started);
  tilesInDom = await page.locator('[data-flow-name]').count();

  const search = page.getByRole('searchbox', { name: 'Search flows' });
  await search.click();
  let typed = '';
  for (const key of WORD) {
    typed += key;
    const t0 = Date.now();
    await page.keyboard.type(key);
    const expected = typed.trim();
    await page.locator(`ul[aria-label="Flows"][data-query="${expected}"]`).waitFor({ timeout: 60_000 });
    keystrokeMs.push(Date.now() - t0);
  }
}

console.log(JSON.stringify({ firstTileMs, keystrokeMs, tilesInDom }));
await browser.close();
