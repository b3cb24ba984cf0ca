// The HTML report without a browser: escaping, self-containment, the reading
// of result files, and what it recomputes about the observing OS agreeing
// with the checker's own verdicts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { html } from '../../src/report/html/markup.js';
import { renderReport } from '../../src/report/html/report.js';
import { configurationSection } from '../../src/report/html/overview.js';
import { parseResultJson, ResultFormatError } from '../../src/report/html/result-input.js';
import { ReportInputError, replayed } from '../../src/report/html/replayed.js';
import { isolationPair, transparencyFinding } from '../../src/report/html/observer.js';
import { parseItf, type ItfTrace } from '../../src/trace/itf.js';
import { itfString } from '../../src/trace/itf-value.js';
import type { OutputFile } from '../../src/report/files.js';
import { checkedReport, SHARED_PAGES, STALE_TLB } from './fixtures.js';

const tracesOf = (files: readonly OutputFile[]) => new Map<string, ItfTrace>(files.map((f) => [f.name, parseItf(JSON.parse(f.content))]));

describe('HTML report', () => {
  it('escapes what it interpolates', () => {
    const hostile = `<img src=x onerror="alert('x')">&`;
    assert.equal(html`<p title="${hostile}">${hostile}</p>`.markup, '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>');
  });

  it('is one self-contained page: no markup from the configuration, nothing loaded from elsewhere', async () => {
    const report = await checkedReport('stale-tlb', { ...STALE_TLB, description: '<script>alert(1)</script>' }, ['valid']);
    assert.ok(!report.html.includes('<script>alert(1)'));
    assert.ok(report.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.deepEqual(report.html.match(/<(link|img|iframe|object)\b/g), null);
    assert.deepEqual(report.html.match(/\b(src|href)="(?!#)[^"]*"/g), null, 'every link stays in the page');
    assert.match(report.html, /Content-Security-Policy" content="default-src 'none'/);
    assert.equal(report.html.match(/<script>/g)?.length, 1);
  });

  it('says so when every property holds, with no counterexample section', async () => {
    const report = await checkedReport('shared-pages', SHARED_PAGES, ['valid']);
    assert.equal(report.result.verdicts['valid']!.status, 'holds');
    assert.match(report.html, /Every checked property holds \(1 checked, every reachable state explored\)\./);
    assert.ok(!report.html.includes('id="counterexamples"'));
    assert.equal(report.html.match(/<rect class="bar"/g)?.length, report.result.stats.levels.length, 'one bar per level');
  });

  it('says how many threads expanded states', async () => {
    const { result } = await checkedReport('shared-pages', SHARED_PAGES, ['valid']);
    assert.match(String(configurationSection(result)), /threads that expanded<\/th><td>1: the main thread alone</);
    assert.match(String(configurationSection({ ...result, run: { ...result.run, workers: 3 } })), /threads that expanded<\/th><td>3: the main thread and 2 worker threads</);
  });

  it('says which subgroup reduced the run, and when a second run gave the verdicts', async () => {
    const { result } = await checkedReport('shared-pages', SHARED_PAGES, ['valid']);
    const applied = { requested: true, applied: true, group: { osPermutations: 1, valuePermutations: 2, subgroup: 'stabiliser' as const } };
    const rerun = { reason: 'isolation was violated under the images subgroup, where a counterexample need not be shortest', orbits: 12, seconds: 0.5 };
    const section = (symmetry: typeof result.run.symmetry) => String(configurationSection({ ...result, run: { ...result.run, symmetry } }));
    assert.match(section(applied), /symmetry reduction<\/th><td>applied \(stabiliser subgroup\)</);
    assert.match(section({ ...applied, rerun }), /applied \(stabiliser subgroup\), in a second run: isolation was violated under the images subgroup/);
  });

  it('reads back a result file, and names what is wrong with a bad one', async () => {
    const report = await checkedReport('stale-tlb', STALE_TLB, ['valid']);
    const json = JSON.parse(JSON.stringify(report.result));
    assert.deepEqual(parseResultJson(json), report.result);
    const broken = (change: (j: any) => void) => {
      const copy = JSON.parse(JSON.stringify(report.result));
      change(copy);
      return () => parseResultJson(copy);
    };
    assert.throws(broken((j) => (j.tool.name = 'tlc')), (e: Error) => e instanceof ResultFormatError && /"tool.name" is not "virtcheck"/.test(e.message));
    assert.throws(broken((j) => delete j.stats.levels), /"stats.levels" should be an array, not undefined/);
    assert.throws(broken((j) => (j.config.virtualAddresses = 0)), /its configuration is invalid: .*virtualAddresses/);
    assert.throws(broken((j) => (j.verdicts.valid = 3)), /the verdict of "valid" has no status/);
    assert.throws(() => parseResultJson([]), /"tool.name" is missing/);
  });

  it('refuses a trace that does not replay, naming it', async () => {
    const report = await checkedReport('stale-tlb', STALE_TLB, ['valid']);
    const traces = tracesOf(report.traces);
    const [name, trace] = [...traces][0]!;
    const states = trace.states.map((s, i) => (i === 8 ? { ...s, values: new Map([...s.values, ['response', itfString('ok(0, hit)')]]) } : s));
    traces.set(name, { ...trace, states });
    assert.throws(
      () => renderReport({ result: report.result, traces, model: report.model }),
      (e: Error) => e instanceof ReportInputError && e.message === `trace ${name} does not replay at state 8: read(0) answers ok(null, miss), the trace says ok(0, hit)`,
    );
    traces.delete(name);
    assert.throws(() => renderReport({ result: report.result, traces, model: report.model }), new RegExp(`names the trace ${name.replace(/\./g, '\\.')}, which was not given`));
  });

  it('finds the OS that tells the two isolation runs apart, as the checker did', async () => {
    const report = await checkedReport('stale-tlb', STALE_TLB, ['isolation']);
    const verdict = report.result.verdicts['isolation']!;
    const traces = tracesOf(report.traces);
    const [first, second] = verdict.traces!.map((f) => replayed(report.model, f, traces.get(f)!).frames);
    const found = isolationPair(report.model, first!, second!, verdict.action!)!;
    assert.equal(found.os, 1);
    assert.deepEqual(found.differences, ["OS 1's TLB is empty in the first run and [0->foreign] in the second"]);
    assert.ok(verdict.violation!.endsWith(`after switch(1) ${found.differences[0]}`));
  });

  it('finds the OS for which the platform and its single-OS platform part ways, as the checker did', async () => {
    const report = await checkedReport('shared-pages', SHARED_PAGES, ['transparency']);
    const verdict = report.result.verdicts['transparency']!;
    assert.equal(verdict.violation, 'OS 1 alone: pin(1, rw) answers ok, the platform answers err(OutOfMemory)');
    const frames = replayed(report.model, verdict.trace!, tracesOf(report.traces).get(verdict.trace!)!).frames;
    const found = transparencyFinding(report.model, frames)!;
    assert.equal(found.os, 1);
    assert.deepEqual(found.responses, ['err(OutOfMemory)', 'ok']);
    assert.equal(found.alone?.action, 'pin(1, rw)');
    assert.equal(found.erased.length, frames.length);
    assert.ok(found.erased.every((s) => s.oss.size === 1 && s.oss.has(1)));
  });
});
