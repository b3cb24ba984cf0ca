// Peak resident memory of `virtcheck check`, per stored state: a build under
// test against a baseline build (a copy of another build's dist folder),
// alternating, in one run, so that both see the same machine. Each run is its
// own process (peak RSS is per process), with every thread in it.
//   npm run bench:memory -- [--baseline results/base-dist] [--repeat 2] -- <check arguments>
//   e.g. npm run bench:memory -- --baseline results/base-dist -- configs/three-os-large.json --props valid --symmetry --time-limit 60
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadavg } from 'node:os';
import { markdownTable } from './report.js';

const { values, positionals } = parseArgs({
  options: { baseline: { type: 'string' }, repeat: { type: 'string', default: '2' } },
  allowPositionals: true,
});
const checkArgs = positionals;
const builds: [string, string][] = [['this build', fileURLToPath(new URL('../src/cli/main.js', import.meta.url))]];
if (values.baseline) builds.unshift(['baseline', `${values.baseline}/src/cli/main.js`]);
const reporter = fileURLToPath(new URL('./peak-rss.js', import.meta.url));
const execFileAsync = promisify(execFile);

interface Measured {
  readonly distinct: number;
  readonly peakRss: number;
  readonly seconds: number;
  readonly verdicts: string;
}

async function measure(main: string): Promise<Measured> {
  const started = Date.now();
  const args = ['--import', reporter, main, 'check', ...checkArgs, '--json', '--no-write'];
  const { stdout, stderr } = await execFileAsync(process.execPath, args, { maxBuffer: 1 << 28 }).catch((e: { stdout: string; stderr: string }) => e);
  const json = JSON.parse(stdout) as { stats: { distinctStates: number }; verdicts: Record<string, { status: string }> };
  const peak = /peak-rss-bytes (\d+)/.exec(stderr);
  if (!peak) throw new Error(`no peak RSS reported: ${stderr}`);
  return {
    distinct: json.stats.distinctStates,
    peakRss: Number(peak[1]),
    seconds: (Date.now() - started) / 1000,
    verdicts: Object.entries(json.verdicts).map(([p, v]) => `${p}:${v.status}`).join(' '),
  };
}

const rows: (string | number)[][] = [];
for (let r = 0; r < Number(values.repeat); r++) {
  for (const [name, main] of builds) {
    const m = await measure(main);
    rows.push([name, m.distinct, (m.peakRss / 2 ** 20).toFixed(0), (m.peakRss / m.distinct).toFixed(1), m.seconds.toFixed(1), m.verdicts, loadavg()[0]!.toFixed(1)]);
    console.error(rows.at(-1)!.join('  '));
  }
}
console.log(`virtcheck check ${checkArgs.join(' ')}\n`);
console.log(markdownTable(['build', 'distinct states', 'peak RSS (MiB)', 'bytes per state', 'seconds', 'verdicts', 'load (1 min)'], rows));
