// Thread benchmark: the speedup over the first thread count given (by
// default from 1 to 2 threads, `--workers`: the main thread and n - 1 worker
// threads) on the large configuration, each count measured several times, in
// rotating order, in one run; the best and the median of each are compared
// (the best is the run the machine's other load disturbed least). The CPU
// time of the whole process shows what the run cost beyond the threads' own
// expansion. The in-thread checker (`check()`, no event-loop turns) is
// measured once for reference, and two in-thread checks at once give the
// machine's own ceiling for two. Every run must find the same counts and
// verdicts.
// The speedup is also given for the second half of each run (from the batch
// that found half of the states to the end), once every thread is loaded and
// its code compiled: what a longer run tends to.
// Another configuration (`--config`, with `--symmetry` to reduce by it)
// shows how the speedup grows with the run's length, each thread's fixed
// start-up cost (loading, compiling its code) being shared by more states.
//   npm run bench:workers [-- --repeat 5] [--props valid] [--config configs/x.json] [--symmetry] [1 2 4 8 16]
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../src/cli/load.js';
import { check, type CheckResult } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';
import { replaceAll } from '../src/report/files.js';
import { checkOnWorkers } from '../src/check/parallel-check.js';
import { loadModel, REAL_STEP, type ModelSource } from '../src/workers/model-source.js';
import { markdownTable, machine } from './report.js';
import type { SoloCheckOutput } from './solo-check.js';

const { values, positionals } = parseArgs({
  options: { repeat: { type: 'string', default: '5' }, props: { type: 'string' }, config: { type: 'string', default: 'configs/bench-large.json' }, symmetry: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const CONFIG = values.config;
const symmetry = values.symmetry;
// Both sets by default; `--props` measures one.
const PROPERTY_SETS: PropertyName[][] = values.props ? [values.props.split(',') as PropertyName[]] : [['valid', 'conformance'], ['valid']];
const repeat = Number(values.repeat);
const counts = positionals.length > 0 ? positionals.map(Number) : [1, 2];
if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`thread counts must be positive integers: ${positionals.join(' ')}`);

interface Run {
  readonly workers: number | 'in-thread';
  readonly seconds: number;
  /** Seconds from the batch that found half of the run's states to the end. */
  readonly secondHalfSeconds: number;
  /** CPU time of the process (every thread) during the run. */
  readonly cpuSeconds: number;
  /** One-minute load average of the machine when the run ended. */
  readonly load: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return Number(((used.user + used.system) / 1e6).toFixed(2));
};
const round = (x: number) => Number(x.toFixed(2));
const outcomeOf = (r: CheckResult) => ({
  distinct: r.engine.store.size,
  generated: 1 + r.engine.transitions,
  verdicts: r.verdicts.map((v) => `${v.property}:${v.status}`),
});

const soloRunner = fileURLToPath(new URL('./solo-check.js', import.meta.url));
const execFileAsync = promisify(execFile);
async function solo(properties: PropertyName[]): Promise<SoloCheckOutput> {
  const { stdout } = await execFileAsync(process.execPath, [soloRunner, ...(symmetry ? ['--symmetry'] : []), CONFIG, properties.join(',')]);
  return JSON.parse(stdout) as SoloCheckOutput;
}

/** Seconds of one solo check alone, and until both of two started together end. */
async function ceilingRound(properties: PropertyName[], distinct: number): Promise<{ alone: number; pair: number }> {
  const alone = await solo(properties);
  const pair = await Promise.all([solo(properties), solo(properties)]);
  for (const run of [alone, ...pair]) assert.equal(run.distinctStates, distinct, 'a solo check found another count');
  return { alone: alone.seconds, pair: Math.max(...pair.map((run) => run.seconds)) };
}

const source: ModelSource = { config: loadConfig(CONFIG), step: REAL_STEP };
const rows = [];
for (const properties of PROPERTY_SETS) {
  const runs: Run[] = [];
  const model = await loadModel(source);
  const inThreadCpu = process.cpuUsage();
  const inThread = await check(model, { properties, symmetry });
  const expected = outcomeOf(inThread);
  runs.push({ workers: 'in-thread', seconds: inThread.engine.elapsedMs / 1000, secondHalfSeconds: NaN, cpuSeconds: cpuSince(inThreadCpu), load: loadavg()[0]! });
  for (let r = 0; r < repeat; r++) {
    // Rotating which goes first evens out a machine whose load drifts.
    for (const workers of [...counts.slice(r % counts.length), ...counts.slice(0, r % counts.length)]) {
      const cpu = process.cpuUsage();
      const found: { ms: number; distinct: number }[] = [];
      const result = await checkOnWorkers(source, { properties, workers, symmetry, onProgress: (p) => found.push({ ms: p.elapsedMs, distinct: p.distinct }) });
      assert.deepEqual(outcomeOf(result), expected, `${workers} threads found something else`);
      const half = found.find((p) => 2 * p.distinct >= expected.distinct)!.ms;
      runs.push({ workers, seconds: result.engine.elapsedMs / 1000, secondHalfSeconds: (result.engine.elapsedMs - half) / 1000, cpuSeconds: cpuSince(cpu), load: loadavg()[0]! });
      console.error(`${properties.join('+')}, ${workers} thread(s): ${(result.engine.elapsedMs / 1000).toFixed(2)} s`);
    }
  }
  const ceilings = [];
  for (let r = 0; r < Math.ceil(repeat / 2); r++) {
    const c = await ceilingRound(properties, expected.distinct);
    ceilings.push({ ...c, speedup: round((2 * c.alone) / c.pair) });
    console.error(`${properties.join('+')}, ceiling: one check alone ${c.alone.toFixed(2)} s, two at once ${c.pair.toFixed(2)} s`);
  }
  const of = (workers: number, what: 'seconds' | 'secondHalfSeconds' | 'cpuSeconds') => runs.filter((x) => x.workers === workers).map((x) => x[what]);
  const base = counts[0]!;
  const perCount = counts.map((workers) => ({
    workers,
    bestSeconds: round(Math.min(...of(workers, 'seconds'))),
    medianSeconds: round(median(of(workers, 'seconds'))),
    medianCpuSeconds: median(of(workers, 'cpuSeconds')),
    speedupOfBest: round(Math.min(...of(base, 'seconds')) / Math.min(...of(workers, 'seconds'))),
    speedupOfMedian: round(median(of(base, 'seconds')) / median(of(workers, 'seconds'))),
    secondHalfSpeedupOfMedian: round(median(of(base, 'secondHalfSeconds')) / median(of(workers, 'secondHalfSeconds'))),
  }));
  rows.push({
    properties: properties.join('+'),
    distinctStates: expected.distinct,
    inThreadSeconds: round(runs[0]!.seconds),
    threads: perCount,
    ceilingOfBest: Math.max(...ceilings.map((c) => c.speedup)),
    ceilingOfMedian: median(ceilings.map((c) => c.speedup)),
    maxLoad: round(Math.max(...runs.map((x) => x.load))),
    runs,
    ceilings,
  });
}

const table = markdownTable(
  ['properties', 'in-thread s', 'threads', 's (best / median)', `speedup over ${counts[0]} (best / median)`, 'second half: speedup (median)', 'CPU s (median)', 'ceiling: 2 checks at once (best / median)', 'load average (max)'],
  rows.flatMap((r) =>
    r.threads.map((t) => [
      r.properties,
      r.inThreadSeconds,
      t.workers,
      `${t.bestSeconds} / ${t.medianSeconds}`,
      `${t.speedupOfBest}x / ${t.speedupOfMedian}x`,
      `${t.secondHalfSpeedupOfMedian}x`,
      t.medianCpuSeconds,
      `${r.ceilingOfBest}x / ${r.ceilingOfMedian}x`,
      r.maxLoad,
    ]),
  ),
);
const result = { benchmark: 'workers', command: `npm run bench:workers -- --repeat ${repeat}${values.props ? ` --props ${values.props}` : ''}${CONFIG === 'configs/bench-large.json' ? '' : ` --config ${CONFIG}`}${symmetry ? ' --symmetry' : ''} ${counts.join(' ')}`, config: CONFIG, machine: machine(), rows };
replaceAll('results', [
  { name: 'bench-workers.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-workers.md', content: `${table}\n` },
]);
console.log(table);
