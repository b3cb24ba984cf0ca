// The README's picture of a report: checks isolation on
// configs/no-tlb-flush.json with the CLI (--html), opens the report in
// headless Chromium, steps the two runs to their last row (the states OS 1
// tells apart) and photographs the isolation counterexample.
// Usage: npm run screenshot:report [-- <output.png>]  (default docs/report-isolation.png)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumMissing, launchChromium } from './chromium.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const output = resolve(process.argv[2] ?? join(root, 'docs/report-isolation.png'));

const missing = chromiumMissing();
if (missing) {
  console.error(missing);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'virtcheck-screenshot-'));
try {
  const main = join(root, 'dist/src/cli/main.js');
  const config = join(root, 'configs/no-tlb-flush.json');
  const run = spawnSync(process.execPath, [main, 'check', config, '--props', 'isolation', '--html', '--out', dir], { encoding: 'utf8' });
  if (run.status !== 12) throw new Error(`expected an isolation violation (exit 12), got ${run.status}: ${run.stderr}`);
  const report = readdirSync(dir).find((f) => f.endsWith('.html'))!;
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(pathToFileURL(join(dir, report)).href);
    // Step to the last aligned row: the two states OS 1 cannot tell apart are the row above it.
    const rows = (await page.evaluate('document.querySelectorAll("#cx-isolation-pair .row").length')) as number;
    for (let k = 0; k < rows; k++) await page.click('#cx-isolation-pair .stepper button[data-go="next"]');
    const article = await page.$('#cx-isolation');
    await article!.screenshot({ path: output });
    console.log(`${output}: the isolation counterexample of ${report}`);
  } finally {
    await chromium.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
