// Worker-thread benchmark: the speedup from 1 to 2 worker threads on the large
// configuration, each measured several times, alternating, in one run (the
// median of each is compared). The in-thread checker (no worker threads) is
// measured once for reference. Every run must find the same counts and verdicts.
//   npm run bench:workers [-- --repeat 3]
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parseConfigText } from '../src/state/config.js';
import { check, type CheckResult } from '../src/explore/check.js';
import type { PropertyName } from '../src/props/property.js';
import { writeAll } from '../src/report/files.js';
import { checkOnWorkers } from '../src/workers/parallel-check.js';
import { loadModel, REAL_STEP, type ModelSource } from '../src/workers/model-source.js';
import { markdownTable, machine } from './report.js';

const CONFIG = 'configs/bench-large.json';
const PROPERTY_SETS: PropertyName[][] = [['valid', 'conformance'], ['valid']];
const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Number(values.repeat);

interface Run {
  readonly workers: number | 'in-thread';
  readonly seconds: number;
  /** One-minute load average of the machine when the run ended. */
  readonly load: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const outcomeOf = (r: CheckResult) => ({
  distinct: r.engine.store.size,
  generated: 1 + r.engine.transitions,
  verdicts: r.verdicts.map((v) => `${v.property}:${v.status}`),
});

const source: ModelSource = { config: parseConfigText(readFileSync(CONFIG, 'utf8')), step: REAL_STEP };
const rows = [];
for (const properties of PROPERTY_SETS) {
  const runs: Run[] = [];
  const inThread = await check(await loadModel(source), { properties });
  const expected = outcomeOf(inThread);
  runs.push({ workers: 'in-thread', seconds: inThread.engine.elapsedMs / 1000, load: loadavg()[0]! });
  for (let r = 0; r < repeat; r++) {
    // Alternating which goes first evens out a machine whose load drifts.
    for (const workers of r % 2 === 0 ? [1, 2] : [2, 1]) {
      const result = await checkOnWorkers(source, { properties, workers });
      assert.deepEqual(outcomeOf(result), expected, `${workers} workers found something else`);
      runs.push({ workers, seconds: result.engine.elapsedMs / 1000, load: loadavg()[0]! });
      console.error(`${properties.join('+')}, ${workers} worker(s): ${(result.engine.elapsedMs / 1000).toFixed(2)} s`);
    }
  }
  const one = median(runs.filter((x) => x.workers === 1).map((x) => x.seconds));
  const two = median(runs.filter((x) => x.workers === 2).map((x) => x.seconds));
  rows.push({
    properties: properties.join('+'),
    distinctStates: expected.distinct,
    inThreadSeconds: Number(runs[0]!.seconds.toFixed(2)),
    oneWorkerSeconds: Number(one.toFixed(2)),
    twoWorkersSeconds: Number(two.toFixed(2)),
    speedup: Number((one / two).toFixed(2)),
    maxLoad: Number(Math.max(...runs.map((x) => x.load)).toFixed(1)),
    runs,
  });
}

const table = markdownTable(
  ['properties', 'distinct states', 'in-thread s', '1 worker s', '2 workers s', 'speedup 1 -> 2', 'load average (max)'],
  rows.map((r) => [r.properties, r.distinctStates, r.inThreadSeconds, r.oneWorkerSeconds, r.twoWorkersSeconds, `${r.speedup}x`, r.maxLoad]),
);
const result = { benchmark: 'workers', command: `npm run bench:workers -- --repeat ${repeat}`, config: CONFIG, machine: machine(), rows };
writeAll('results', [
  { name: 'bench-workers.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-workers.md', content: `${table}\n` },
]);
console.log(table);
