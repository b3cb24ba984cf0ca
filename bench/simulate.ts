// Simulation benchmark: `virtcheck simulate` on the configuration beyond
// exhaustive search (configs/three-os-no-tlb-flush-huge.json, flushTlbOnSwitch
// false, more than 10^9 states by `virtcheck estimate`) with several seeds,
// each run timed whole (walks, shrinking, minimality search). Each must find
// the valid, isolation and transparency violations and return counterexamples
// as short as the shortest that `check` finds for the same bug on the small
// configuration (configs/no-tlb-flush.json), proved minimal.
//   npm run bench:simulate [-- --seeds 1,2,3 --workers 2]
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../src/cli/load.js';
import { check } from '../src/check/check.js';
import { counterexampleOf } from '../src/props/verdict.js';
import type { PropertyName } from '../src/props/property.js';
import { writeAll } from '../src/report/files.js';
import { loadModel, REAL_STEP } from '../src/workers/model-source.js';
import type { SimulationJson } from '../src/report/simulation.js';
import { markdownTable, machine } from './report.js';

const HUGE = 'configs/three-os-no-tlb-flush-huge.json';
const SMALL = 'configs/no-tlb-flush.json';
const PROPERTIES: PropertyName[] = ['valid', 'isolation', 'transparency'];
const TIME_LIMIT_S = 60;
const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1,2,3' }, workers: { type: 'string', default: '2' } } });
const seeds = values.seeds.split(',').map(Number);
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const execFileAsync = promisify(execFile);

/** The shortest counterexample of each property on the small configuration, by breadth-first search. */
async function shortestOnSmall(): Promise<Record<string, number>> {
  const model = await loadModel({ config: loadConfig(SMALL), step: REAL_STEP });
  const lengths: Record<string, number> = {};
  for (const property of PROPERTIES) {
    const { verdicts } = await check(model, { properties: [property], limits: { stopOnFirst: true } });
    lengths[property] = counterexampleOf(verdicts[0]!)!.length;
  }
  return lengths;
}

async function simulateHuge(seed: number): Promise<{ seconds: number; json: SimulationJson }> {
  const args = [main, 'simulate', HUGE, '--props', PROPERTIES.join(','), '--seed', String(seed), '--time-limit', String(TIME_LIMIT_S), '--workers', values.workers, '--json', '--no-write'];
  const started = performance.now();
  // Exit code 12: violations found.
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 1 << 26 }).catch((e: { code?: number; stdout?: string }) => {
    if (e.code !== 12) throw e;
    return { stdout: e.stdout! };
  });
  return { seconds: (performance.now() - started) / 1000, json: JSON.parse(stdout) as SimulationJson };
}

const shortest = await shortestOnSmall();
const runs = [];
for (const seed of seeds) {
  const { seconds, json } = await simulateHuge(seed);
  const verdicts = Object.fromEntries(
    PROPERTIES.map((p) => {
      const v = json.verdicts[p] as { status: string; length?: number; simulation?: { discovery: { walk: number; length: number }; minimality: { status: string } } };
      return [p, { status: v.status, length: v.length, foundAt: v.simulation?.discovery, minimality: v.simulation?.minimality.status }];
    }),
  );
  runs.push({ seed, seconds: Number(seconds.toFixed(1)), load: Number(loadavg()[0]!.toFixed(1)), stats: json.stats, verdicts });
  for (const p of PROPERTIES) {
    assert.equal(verdicts[p]!.status, 'violated', `seed ${seed}: ${p} not found`);
    assert.equal(verdicts[p]!.length, shortest[p], `seed ${seed}: ${p} of another length than the small configuration's shortest`);
    assert.ok(['proved', 'shorter'].includes(verdicts[p]!.minimality!), `seed ${seed}: ${p} not proved minimal`);
  }
  assert.ok(seconds < TIME_LIMIT_S, `seed ${seed}: ${seconds.toFixed(1)} s`);
}

const table = markdownTable(
  ['seed', 'walks', 'steps', 'found at (walk: length) valid / isolation / transparency', 'lengths', 'minimal', 'whole run (s)', 'load'],
  runs.map((r) => [
    r.seed,
    r.stats.walks,
    r.stats.steps,
    PROPERTIES.map((p) => `${r.verdicts[p]!.foundAt!.walk}: ${r.verdicts[p]!.foundAt!.length}`).join(' / '),
    PROPERTIES.map((p) => r.verdicts[p]!.length).join(' / '),
    PROPERTIES.map((p) => r.verdicts[p]!.minimality).join(' / '),
    r.seconds,
    r.load,
  ]),
);
writeAll('results', [{ name: 'bench-simulate.json', content: `${JSON.stringify({ machine: machine(), config: HUGE, shortestOnSmall: shortest, runs }, null, 2)}\n` }]);
console.log(`shortest on ${SMALL}: ${PROPERTIES.map((p) => `${p} ${shortest[p]}`).join(', ')}\n`);
console.log(table);
