// Start-up benchmark: the wall time of short `virtcheck` invocations (the
// help, `describe`, a check of a few levels), each run N times in a fresh
// process. Given another build's main.js (`--against`), the two builds run
// alternately, A then B, so that a change in the machine's load falls on both.
//   npm run bench:startup [-- --runs 20 --against /elsewhere/dist/src/cli/main.js]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { replaceAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, against: { type: 'string' } } });
const runs = Number(values.runs);
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const builds: [string, string][] = [['this build', main], ...(values.against ? [['against', values.against] as [string, string]] : [])];

// Each with the exit code it must give: a run that fails is not a start-up.
const INVOCATIONS: { name: string; args: string[]; exitCode: number }[] = [
  { name: '--help', args: ['--help'], exitCode: 0 },
  { name: 'describe', args: ['describe', 'configs/default.json'], exitCode: 0 },
  { name: 'check --depth 3', args: ['check', 'configs/default.json', '--props', 'valid', '--depth', '3', '--workers', '1', '--no-write'], exitCode: 152 },
];

function timed(script: string, args: string[], exitCode: number): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== exitCode) throw new Error(`${script} ${args.join(' ')}: exit ${run.status}, not ${exitCode}\n${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const rows = [];
const loads = [loadavg()[0]!];
for (const { name, args, exitCode } of INVOCATIONS) {
  const times = builds.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) builds.forEach(([, script], b) => times[b]!.push(timed(script, args, exitCode)));
  loads.push(loadavg()[0]!);
  builds.forEach(([build], b) => rows.push({ invocation: name, build, medianMs: Math.round(median(times[b]!)), meanMs: Math.round(mean(times[b]!)) }));
  if (builds.length === 2) rows.push({ invocation: name, build: 'ratio this / against', medianMs: Number((median(times[0]!) / median(times[1]!)).toFixed(2)), meanMs: Number((mean(times[0]!) / mean(times[1]!)).toFixed(2)) });
}

replaceAll('results', [{ name: 'bench-startup.json', content: `${JSON.stringify({ machine: machine(), runs, against: values.against, loads, rows }, null, 2)}\n` }]);
console.log(`${runs} runs of each, alternating builds; load average ${loads.map((l) => l.toFixed(1)).join(' -> ')}\n`);
console.log(markdownTable(['invocation', 'build', 'median (ms)', 'mean (ms)'], rows.map((r) => [r.invocation, r.build, r.medianMs, r.meanMs])));
