// Progress a person can follow, on a terminal of any width and in a log; and
// the memory limit's size parsing and measure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { progressReporter } from '../../src/cli/progress.js';
import { MemoryWatch, overLimit, parseSize } from '../../src/cli/memory-limit.js';

function fakeStream(isTTY: boolean, columns = 40) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => writes.push(s) > 0 } };
}

const PROGRESS = { level: 12, distinct: 1_234_567, generated: 9_876_543, queue: 45_678, elapsedMs: 61_000 };

describe('progress', () => {
  it('on a terminal: one line rewritten in place, cut to the width, with phase, elapsed time and memory', async () => {
    const { writes, stream } = fakeStream(true, 40);
    const progress = progressReporter(stream, { intervalMs: 5, rss: () => 3 * 2 ** 30 });
    progress.phase('exploring');
    progress.update(PROGRESS);
    await sleep(30);
    progress.phase('analysing availability');
    progress.done();
    assert.ok(writes.length >= 3);
    const lines = writes.slice(0, -1);
    for (const w of lines) {
      assert.match(w, /^\r[^\n]*\x1b\[K$/);
      assert.ok(w.length - '\r\x1b[K'.length <= 39, `${JSON.stringify(w)} is wider than the terminal`);
    }
    assert.match(lines[0]!, /^\rexploring \| \d+ s, memory 3 GiB \| level 1/);
    assert.match(lines.at(-1)!, /^\ranalysing availability \| \d+ s, memory 3/);
    assert.equal(writes.at(-1), '\r\x1b[K', 'the line is cleared at the end');
    const wide = fakeStream(true, 200);
    const full = progressReporter(wide.stream, { intervalMs: 5, rss: () => 3 * 2 ** 30 });
    full.phase('exploring');
    full.update(PROGRESS);
    await sleep(30);
    full.done();
    assert.match(wide.writes[0]!, /^\rexploring \| \d+ s, memory 3 GiB \| level 12, 1,234,567 distinct, 9,876,543 generated, [\d,]+ states\/s, queue 45,678\x1b\[K$/);
  });

  it('under symmetry reduction, counts orbits and says so', async () => {
    const { writes, stream } = fakeStream(true, 200);
    const progress = progressReporter(stream, { intervalMs: 5, rss: () => 3 * 2 ** 30 });
    progress.phase('exploring');
    progress.update({ ...PROGRESS, orbits: true });
    await sleep(30);
    progress.done();
    assert.match(writes[0]!, /level 12, 1,234,567 orbits, 9,876,543 generated, [\d,]+ orbits\/s, queue 45,678/);
  });

  it('elsewhere: whole lines at the interval, a line per later phase, nothing for a short run', async () => {
    const { writes, stream } = fakeStream(false);
    const progress = progressReporter(stream, { intervalMs: 10, rss: () => 2 ** 20 });
    progress.phase('exploring');
    progress.update(PROGRESS);
    await sleep(45);
    progress.phase('writing results');
    progress.done();
    assert.ok(writes.length >= 2);
    for (const w of writes) assert.match(w, /^virtcheck: progress: [a-z ]+ \| \d+ s, memory 1 MiB \| level 12, .*\n$/);
    assert.match(writes.at(-1)!, /^virtcheck: progress: writing results/);
    const quiet = fakeStream(false);
    const short = progressReporter(quiet.stream);
    short.phase('exploring');
    short.phase('writing results');
    short.done();
    assert.deepEqual(quiet.writes, []);
  });
});

describe('memory limit', () => {
  it('parses sizes', () => {
    assert.equal(parseSize('512M'), 512 * 2 ** 20);
    assert.equal(parseSize('4G'), 4 * 2 ** 30);
    assert.equal(parseSize('1.5g'), 1.5 * 2 ** 30);
    assert.equal(parseSize('64KiB'), 64 * 1024);
    for (const bad of ['', 'lots', '-1G', '0', '4X']) assert.equal(parseSize(bad), null, bad);
  });

  it('is measured on the resident set, and on the heap against its ceiling', () => {
    const heap = { heapUsedBytes: 10, heapLimitBytes: 1000 };
    assert.equal(overLimit({ rssBytes: 99, ...heap }, 100), null);
    assert.match(overLimit({ rssBytes: 100, ...heap }, 100)!, /resident memory 100 B reached the limit of 100 B/);
    assert.match(overLimit({ rssBytes: 1, heapUsedBytes: 950, heapLimitBytes: 1000 }, 100)!, /JavaScript heap/);
    let rss = 0;
    const watch = new MemoryWatch(100, () => ({ rssBytes: (rss += 40), ...heap }));
    assert.deepEqual([watch.exceeded(), watch.exceeded(), watch.exceeded()], [false, false, true]);
    assert.match(watch.reason!, /120 B/);
  });

  it('samples at most once per interval, and stays exceeded', () => {
    const heap = { heapUsedBytes: 10, heapLimitBytes: 1000 };
    let rss = 0;
    let clock = 0;
    const watch = new MemoryWatch(100, () => ({ rssBytes: (rss += 60), ...heap }), 20, () => clock);
    assert.equal(watch.exceeded(), false);
    clock = 19;
    assert.equal(watch.exceeded(), false);
    assert.equal(rss, 60, 'no sample within the interval');
    clock = 20;
    assert.equal(watch.exceeded(), true);
    clock = 21;
    assert.equal(watch.exceeded(), true);
    assert.equal(rss, 120, 'no sample once over the limit');
  });
});
