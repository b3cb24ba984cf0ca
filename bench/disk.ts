// A run spilled to disk against the same run in memory: `virtcheck check` on
// bench-large, first in memory to learn what its visited set and queue peak
// at, then alternating, in one run so that both see the same machine, in
// memory and with --spill-budget a tenth of that peak. Each run is its own
// process (peak RSS is per process, every thread included). The time ratio
// (spilled / in memory) is per pair, and its largest is the figure.
//   npm run bench:disk -- [--repeat 2] [--share 0.1] [-- <check arguments>]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBytes } from '../src/report/units.js';
import { machine, markdownTable } from './report.js';
import { measuredCheck } from './measured-check.js';

const { values, positionals } = parseArgs({
  options: { repeat: { type: 'string', default: '2' }, share: { type: 'string', default: '0.1' } },
  allowPositionals: true,
});
const checkArgs = positionals.length > 0 ? positionals : ['configs/bench-large.json', '--props', 'valid', '--no-symmetry', '--workers', '2'];
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface Measured {
  readonly distinct: number;
  readonly verdicts: string;
  readonly seconds: number;
  readonly peakRss: number;
  /** What the visited set and the queue held at most in memory. */
  readonly dataPeak: number;
  readonly spilledAtDepth?: number;
  /** States of the depths decided on disk. */
  readonly onDisk: number;
}

async function measure(extra: string[]): Promise<Measured> {
  const work = mkdtempSync(join(tmpdir(), 'virtcheck-bench-disk-'));
  try {
    const run = await measuredCheck<{
      stats: { distinctStates: number; levels: number[]; memory: { storeBytes: number; frontierPeakBytes: number; spilledAtDepth?: number } };
      verdicts: Record<string, { status: string }>;
    }>(main, [...checkArgs, '--work-dir', work, ...extra]);
    const { stats } = run.json;
    const { memory } = stats;
    return {
      distinct: stats.distinctStates,
      verdicts: run.verdicts,
      seconds: run.seconds,
      peakRss: run.peakRss,
      dataPeak: memory.storeBytes + memory.frontierPeakBytes,
      ...(memory.spilledAtDepth !== undefined ? { spilledAtDepth: memory.spilledAtDepth } : {}),
      onDisk: stats.levels.slice(memory.spilledAtDepth ?? Infinity).reduce((a, b) => a + b, 0),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const first = await measure([]);
const budget = Math.floor(first.dataPeak * Number(values.share));
console.error(`in memory: visited set and queue at most ${formatBytes(first.dataPeak)}; spill budget ${formatBytes(budget)}`);
const rows: (string | number)[][] = [];
const ratios: number[] = [];
for (let r = 0; r < Number(values.repeat); r++) {
  const memory = await measure([]);
  const spilled = await measure(['--spill-budget', String(budget)]);
  if (spilled.distinct !== memory.distinct || spilled.verdicts !== memory.verdicts) throw new Error('the spilled run disagrees with the in-memory run');
  if (spilled.spilledAtDepth === undefined) throw new Error('the run with a budget did not spill');
  ratios.push(spilled.seconds / memory.seconds);
  for (const [name, m] of [
    ['in memory', memory],
    [`spilled (budget ${formatBytes(budget)}, from depth ${spilled.spilledAtDepth})`, spilled],
  ] as const) {
    rows.push([name, m.distinct, m.onDisk, m.seconds.toFixed(1), (m.peakRss / 2 ** 20).toFixed(0), loadavg()[0]!.toFixed(1)]);
    console.error(rows.at(-1)!.join('  '));
  }
}
ratios.sort((a, b) => a - b);
const m = machine();
console.log(`virtcheck check ${checkArgs.join(' ')}; ${m.cpus} x ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}\n`);
console.log(markdownTable(['run', 'distinct states', 'states decided on disk', 'seconds', 'peak RSS (MiB)', 'load (1 min)'], rows));
console.log(`\ntime ratio, spilled / in memory, per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')} (at most ${ratios.at(-1)!.toFixed(2)})`);
