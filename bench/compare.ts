// Throughput of this build against a baseline build (a copy of another
// build's dist folder), in one run: in-thread checks, each in a process of its
// own, alternating baseline and this build (which goes first alternates too),
// so that both see the same machine. Prints each pair's ratio, the median
// ratio and the ratio of the best runs (those the machine's other load
// disturbed least), of states per second and of states per CPU second (on a
// machine shared with other jobs, wall-clock time moves with their load and
// CPU time much less); both must find the same count.
// `--symmetry` and `--max-states N` are passed on to both checks.
//   npm run bench:compare -- --baseline results/base-dist [--repeat 3] [--symmetry] [--max-states N] configs/bench-large.json valid
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { markdownTable } from './report.js';
import type { SoloCheckOutput } from './solo-check.js';

const { values, positionals } = parseArgs({
  options: { baseline: { type: 'string' }, repeat: { type: 'string', default: '3' }, symmetry: { type: 'boolean', default: false }, 'max-states': { type: 'string' } },
  allowPositionals: true,
});
if (!values.baseline || positionals.length !== 2) throw new Error('usage: compare --baseline <dist copy> [--repeat n] [--symmetry] [--max-states n] <config> <properties>');
const [config, properties] = positionals as [string, string];
const execFileAsync = promisify(execFile);
const thisBuild = fileURLToPath(new URL('./solo-check.js', import.meta.url));
const baseline = `${values.baseline}/bench/solo-check.js`;

async function solo(runner: string): Promise<SoloCheckOutput> {
  const options = [...(values.symmetry ? ['--symmetry'] : []), ...(values['max-states'] ? ['--max-states', values['max-states']] : [])];
  const { stdout } = await execFileAsync(process.execPath, [runner, ...options, config, properties]);
  return JSON.parse(stdout) as SoloCheckOutput;
}

const rate = (r: SoloCheckOutput) => r.distinctStates / r.seconds;
const cpuRate = (r: SoloCheckOutput) => r.distinctStates / r.cpuSeconds;
const rows: (string | number)[][] = [];
const ratios: number[] = [];
const cpuRatios: number[] = [];
const runs: { before: SoloCheckOutput; after: SoloCheckOutput }[] = [];
for (let r = 0; r < Number(values.repeat); r++) {
  // Which build goes first alternates, so that a load that drifts within a pair favours neither.
  let before: SoloCheckOutput;
  let after: SoloCheckOutput;
  if (r % 2 === 0) {
    before = await solo(baseline);
    after = await solo(thisBuild);
  } else {
    after = await solo(thisBuild);
    before = await solo(baseline);
  }
  assert.equal(after.distinctStates, before.distinctStates, 'the two builds found different counts');
  runs.push({ before, after });
  ratios.push(rate(after) / rate(before));
  cpuRatios.push(cpuRate(after) / cpuRate(before));
  rows.push([
    r + 1,
    Math.round(rate(before)),
    Math.round(rate(after)),
    ratios.at(-1)!.toFixed(2),
    Math.round(cpuRate(before)),
    Math.round(cpuRate(after)),
    cpuRatios.at(-1)!.toFixed(2),
    loadavg()[0]!.toFixed(1),
  ]);
  console.error(rows.at(-1)!.join('  '));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reduced = values.symmetry ? ', under symmetry reduction (states: orbits)' : '';
const limited = values['max-states'] ? `, at most ${values['max-states']} states` : '';
console.log(`${config} ${properties}, in-thread${reduced}${limited}, ${values.baseline} against this build\n`);
console.log(
  markdownTable(
    ['pair', 'baseline states/s', 'this build states/s', 'ratio', 'baseline states/CPU s', 'this build states/CPU s', 'CPU ratio', 'load (1 min)'],
    rows,
  ),
);
// The best run of each build is the one the machine's other load disturbed least.
const bestRatio = (of: (r: SoloCheckOutput) => number) => Math.max(...runs.map((run) => of(run.after))) / Math.max(...runs.map((run) => of(run.before)));
console.log(`\nmedian ratio ${median(ratios).toFixed(2)}; of states per CPU second ${median(cpuRatios).toFixed(2)}`);
console.log(`best against best: ${bestRatio(rate).toFixed(2)} of states per second, ${bestRatio(cpuRate).toFixed(2)} per CPU second`);
