// The HTML report as a person sees it, in headless Chromium: the steps are
// there and the changed cells marked, isolation's runs side by side, the
// lasso's cycle framed, nothing wider than a phone, usable by keyboard and
// readable without the script. Skipped, saying how to install Chromium, where
// it is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { chromiumMissing, launchChromium, type HeadlessChromium } from '../../bench/chromium.js';
import { checkedReport, PENDING_SWITCH, SHARED_PAGES, STALE_TLB, type CheckedReport } from './fixtures.js';

const missing = chromiumMissing();
if (missing) console.log(`# browser tests of the HTML report skipped: ${missing}`);

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Evaluates a JavaScript expression in the page (the project is typed without the DOM library). */
async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

const boxOf = (selector: string) => `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`;
const count = (selector: string) => `document.querySelectorAll(${JSON.stringify(selector)}).length`;
const visibleCount = (selector: string) => `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.offsetParent !== null).length`;
const texts = (selector: string) => `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent.trim())`;

describe('the HTML report in Chromium', { skip: missing ?? false }, () => {
  let chromium: HeadlessChromium;
  let dir: string;
  const reports: Record<string, CheckedReport & { url: string }> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'virtcheck-report-'));
    // Chromium starts while the reports are made: its start-up is another process's.
    const launching = launchChromium();
    try {
      const made = await Promise.all([
        checkedReport('stale-tlb', STALE_TLB, ['valid', 'isolation']),
        checkedReport('shared-pages', SHARED_PAGES, ['transparency']),
        checkedReport('pending-switch', PENDING_SWITCH, ['availability']),
      ]);
      for (const report of made) {
        const path = join(dir, `${report.result.config.name}.html`);
        writeFileSync(path, report.html);
        reports[report.result.config.name] = { ...report, url: pathToFileURL(path).href };
      }
    } finally {
      chromium = await launching;
    }
  });

  after(async () => {
    await chromium?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, width = 1280, javaScript = true): Promise<Page> {
    const page = await chromium.browser.newPage();
    await page.setJavaScriptEnabled(javaScript);
    await page.setViewport({ width, height: 900 });
    await page.goto(reports[name]!.url);
    return page;
  }

  it('shows a safety counterexample as its steps, with the cells each step changed marked', async () => {
    const page = await open('stale-tlb');
    const valid = reports['stale-tlb']!.result.verdicts['valid']!;
    assert.equal(valid.length, 10);
    assert.equal(await inPage(page, count('#cx-valid li.step')), valid.length! + 1);
    assert.deepEqual(await inPage(page, texts('#cx-valid li.step h4 code.act')), [
      'chmod', 'hcall(pin(1, rw))', 'pin(1, rw)', 'chmod', 'hcall(new(0, 1))', 'new(0, 1)', 'chmod', 'read(0)', 'ret_ctrl', 'switch(1)',
    ]);
    assert.equal(await inPage(page, count('#cx-valid-t0-s0 .chg')), 0, 'the initial state has nothing changed');
    // read(0) misses: one new line in the cache and one in the TLB, va and ma cells marked.
    assert.equal(await inPage(page, count('#cx-valid-t0-s8 .buffer td.chg')), 4);
    // switch(1): the active OS changed, and the cache line is flushed (struck out).
    assert.deepEqual(await inPage(page, texts('#cx-valid-t0-s10 .cpu .chg dt')), ['Active']);
    assert.equal(await inPage(page, count('#cx-valid-t0-s10 .buffer tr.gone')), 1);
    const [marked, plain] = await inPage<[string, string]>(
      page,
      `[getComputedStyle(document.querySelector('#cx-valid-t0-s8 td.chg')).backgroundColor, getComputedStyle(document.querySelector('#cx-valid-t0-s8 .memory td')).backgroundColor]`,
    );
    assert.notEqual(marked, plain, 'a changed cell looks different');
    const marks = await inPage<number[]>(page, `[...document.querySelectorAll('#cx-valid li.step')].map((step) => step.querySelectorAll('.chg').length)`);
    assert.deepEqual(marks.map((n, k) => k === 0 || n > 0), marks.map(() => true), `every step marks what it changed: ${marks.join(' ')}`);
    await page.close();
  });

  it('steps through a trace with the buttons, and shows every step without the script', async () => {
    const page = await open('stale-tlb');
    const steps = '#cx-valid li.step';
    const next = '#cx-valid .stepper button[data-go="next"]';
    assert.equal(await inPage(page, visibleCount('#cx-valid .stepper')), 1);
    await page.click(next);
    await page.click(next);
    assert.equal(await inPage(page, visibleCount(steps)), 1);
    assert.deepEqual(await inPage(page, `[...document.querySelectorAll('${steps}')].filter((e) => e.offsetParent !== null).map((e) => e.id)`), ['cx-valid-t0-s1']);
    assert.equal(await inPage(page, `document.querySelector('#cx-valid .stepper .position').textContent`), 'Step 2 of 11');
    await page.click('#cx-valid .stepper button[data-go="all"]');
    assert.equal(await inPage(page, visibleCount(steps)), 11);
    await page.close();

    const still = await open('stale-tlb', 1280, false);
    assert.equal(await inPage(still, visibleCount(steps)), 11);
    assert.equal(await inPage(still, visibleCount('.stepper')), 0, 'no buttons that would do nothing');
    await still.close();
  });

  it('puts the two runs of an isolation counterexample side by side, aligned at their ends', async () => {
    const page = await open('stale-tlb');
    const rows = '#cx-isolation-pair .row';
    const rowCount = await inPage<number>(page, count(rows));
    assert.equal(rowCount, 11, 'the longer run has 10 steps');
    const left = await inPage<Box>(page, boxOf(`${rows}:last-child .side.left`));
    const right = await inPage<Box>(page, boxOf(`${rows}:last-child .side.right`));
    assert.ok(Math.abs(left.y - right.y) < 1, 'the two states of a row start at the same height');
    assert.ok(left.x + left.width <= right.x, 'the first run is left of the second');
    assert.ok(left.width > 400 && right.width > 400);
    // The shorter run (one step) starts late: blank cells above it.
    assert.equal(await inPage(page, count(`${rows} .side.left.blank`)), 9);
    assert.deepEqual(await inPage(page, texts(`${rows}:last-child h4 code.act`)), ['switch(1)', 'switch(1)']);
    // What OS 1 observes: the same just before switch(1), only the TLB differs after it.
    assert.equal(await inPage(page, count(`${rows}:nth-last-child(2) .view tr.differs`)), 0);
    assert.deepEqual(await inPage(page, texts(`${rows}:last-child .side.left .view tr.differs th`)), ['TLB']);
    assert.deepEqual(await inPage(page, texts(`${rows}:last-child .side.right .view tr.differs th`)), ['TLB']);
    assert.deepEqual(await inPage(page, texts('#cx-isolation .finding table tr.differs th')), ['TLB (differs)']);
    assert.match(await inPage<string>(page, `document.querySelector('#cx-isolation .finding p').textContent`), /OS 1 can tell the two runs apart/);
    await page.close();
  });

  it('puts a transparency counterexample beside the platform where the OS runs alone', async () => {
    const page = await open('shared-pages');
    const rows = '#cx-transparency-pair .row';
    assert.deepEqual(await inPage(page, texts(`${rows}:last-child .side.left h4 code`)), ['pin(1, rw)', 'err(OutOfMemory)']);
    assert.deepEqual(await inPage(page, texts(`${rows}:last-child .side.right h4 code`)), ['pin(1, rw)', 'ok']);
    assert.equal(await inPage(page, count(`${rows}:first-child .side.left .os`)), 2);
    assert.equal(await inPage(page, count(`${rows}:first-child .side.right .os`)), 1, 'the other OS is erased');
    const left = await inPage<Box>(page, boxOf(`${rows}:last-child .side.left`));
    const right = await inPage<Box>(page, boxOf(`${rows}:last-child .side.right`));
    assert.ok(Math.abs(left.y - right.y) < 1 && left.x + left.width <= right.x);
    assert.ok((await inPage<string[]>(page, texts('#cx-transparency .finding table tr.differs th'))).includes('response (differs)'));
    await page.close();
  });

  it('frames the cycle of each availability lasso', async () => {
    const page = await open('pending-switch');
    const parts = Object.entries(reports['pending-switch']!.result.verdicts['availability']!.parts!).filter(([, p]) => p.cycle !== undefined);
    assert.equal(parts.length, 3);
    for (const [name, part] of parts) {
      const at = `#cx-availability-${name}`;
      assert.equal(await inPage(page, count(`${at} .cycle li.step`)), part.cycle, `${name}: the cycle's steps`);
      assert.equal(await inPage(page, count(`${at} .trace > ol.steps > li.step`)), part.prefix! + 1, `${name}: the prefix's states`);
      assert.equal(await inPage(page, `getComputedStyle(document.querySelector('${at} .cycle')).borderTopStyle`), 'dashed');
      assert.match(await inPage<string>(page, `document.querySelector('${at} .cycle li.closing h4').textContent`), /switch\(0\).*back to state 2/);
    }
    await page.close();
  });

  it('fits a phone: no report is wider than 375 pixels, and the two runs stack', async () => {
    for (const name of Object.keys(reports)) {
      const page = await open(name, 375);
      const [scroll, client] = await inPage<[number, number]>(page, '[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
      assert.ok(scroll <= client, `${name}: ${scroll} px wide in a ${client} px window`);
      if (name === 'stale-tlb') {
        const left = await inPage<Box>(page, boxOf('#cx-isolation-pair .row:last-child .side.left'));
        const right = await inPage<Box>(page, boxOf('#cx-isolation-pair .row:last-child .side.right'));
        assert.ok(left.y + left.height <= right.y, 'the second run below the first');
      }
      await page.close();
    }
  });

  it('can be used from the keyboard: a skip link first, landmarks, focusable buttons', async () => {
    const page = await open('stale-tlb');
    await page.keyboard.press('Tab');
    assert.equal(await inPage(page, 'document.activeElement.getAttribute("href")'), '#main');
    assert.equal(await inPage(page, count('header')), 1);
    assert.equal(await inPage(page, count('nav[aria-label]')), 1);
    assert.equal(await inPage(page, count('main#main')), 1);
    assert.equal(await inPage(page, `[...document.querySelectorAll('button')].every((b) => b.type === 'button' && b.tabIndex === 0)`), true);
    await page.focus('#cx-valid .stepper button[data-go="next"]');
    await page.keyboard.press('Enter');
    assert.equal(await inPage(page, visibleCount('#cx-valid li.step')), 1);
    await page.close();
  });
});
