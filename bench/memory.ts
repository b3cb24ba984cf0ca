// Peak resident memory of `virtcheck check`, per stored state: a build under
// test against a baseline build (a copy of another build's dist folder),
// alternating, in one run, so that both see the same machine. Each run is its
// own process (peak RSS is per process), with every thread in it.
//   npm run bench:memory -- [--baseline results/base-dist] [--repeat 2] -- <check arguments>
//   e.g. npm run bench:memory -- --baseline results/base-dist -- configs/three-os-large.json --props valid --symmetry --time-limit 60
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { markdownTable } from './report.js';
import { measuredCheck } from './measured-check.js';

const { values, positionals } = parseArgs({
  options: { baseline: { type: 'string' }, repeat: { type: 'string', default: '2' } },
  allowPositionals: true,
});
const checkArgs = positionals;
const builds: [string, string][] = [['this build', fileURLToPath(new URL('../src/cli/main.js', import.meta.url))]];
if (values.baseline) builds.unshift(['baseline', `${values.baseline}/src/cli/main.js`]);

async function measure(main: string) {
  const run = await measuredCheck<{ stats: { distinctStates: number }; verdicts: Record<string, { status: string }> }>(main, checkArgs);
  return { ...run, distinct: run.json.stats.distinctStates };
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
