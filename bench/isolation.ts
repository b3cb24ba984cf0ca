// The cost of isolation and transparency: the same configuration checked with
// valid states only and with isolation and transparency too, in one run,
// alternating, the best of three each.
//   npm run bench:isolation
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';
import { writeAll } from '../src/report/files.js';
import { machine, markdownTable } from './report.js';

const FILE = 'configs/default.json';
const RUNS: Record<string, PropertyName[]> = {
  'valid': ['valid'],
  'valid+isolation+transparency': ['valid', 'isolation', 'transparency'],
};
const REPEAT = 3;

const ctx = makeContext(loadConfig(FILE));
const best: Record<string, number> = {};
for (let round = 0; round < REPEAT; round++) {
  for (const [name, properties] of Object.entries(RUNS)) {
    const { engine } = await check({ ctx, step }, { properties });
    best[name] = Math.min(best[name] ?? Infinity, engine.elapsedMs);
  }
}
const base = best['valid']!;
const rows = Object.keys(RUNS).map((name) => ({ properties: name, milliseconds: best[name]!, ratio: Number((best[name]! / base).toFixed(2)) }));
const table = markdownTable(
  ['properties', 'best of 3 (ms)', 'ratio to valid only'],
  rows.map((r) => [r.properties, r.milliseconds, r.ratio]),
);
const result = { benchmark: 'isolation', command: 'npm run bench:isolation', config: FILE, machine: machine(), rows };
writeAll('results', [
  { name: 'bench-isolation.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-isolation.md', content: `${table}\n` },
]);
console.log(table);
