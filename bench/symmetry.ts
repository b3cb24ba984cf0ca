// Symmetry reduction on every shipped configuration: the verdicts (and
// counterexample lengths) with and without it must be the same; the states
// and time it saves.
//   npm run bench:symmetry
// writes results/symmetry.json and results/symmetry.md.
import { readdirSync } from 'node:fs';
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check, type CheckResult } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';
import { replaceAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const PROPERTIES: PropertyName[] = ['valid', 'conformance'];

function verdictsOf(result: CheckResult): string {
  return result.verdicts.map((v) => `${v.property} ${v.status}${v.status === 'violated' ? ` (${v.counterexample.length})` : ''}`).join(', ');
}

interface Side {
  readonly states: number;
  readonly depth: number;
  readonly seconds: number;
  readonly verdicts: string;
}

function sideOf(result: CheckResult): Side {
  const { engine } = result;
  return {
    states: engine.store.size,
    depth: engine.levels.length - 1,
    seconds: Number((engine.elapsedMs / 1000).toFixed(2)),
    verdicts: verdictsOf(result),
  };
}

const rows = [];
for (const file of readdirSync('configs').filter((f) => f.endsWith('.json')).sort()) {
  const ctx = makeContext(loadConfig(`configs/${file}`));
  const model = { ctx, step };
  const without = await check(model, { properties: PROPERTIES, limits: { exhaustive: true } });
  const reduced = await check(model, { properties: PROPERTIES, symmetry: true, limits: { exhaustive: true } });
  const row = {
    config: ctx.config.name,
    group: reduced.symmetry.group ?? null,
    applied: reduced.symmetry.applied,
    without: sideOf(without),
    with: sideOf(reduced),
    sameVerdicts: verdictsOf(without) === verdictsOf(reduced),
  };
  rows.push(row);
  console.error(`${row.config}: ${row.without.states} states, ${row.with.states} orbits, same verdicts: ${row.sameVerdicts}`);
}

const table = markdownTable(
  ['configuration', 'verdicts (counterexample length)', 'same with symmetry', 'states', 's', 'orbits', 's', 'reduction', 'depth', 'depth (orbits)'],
  rows.map((r) => [
    r.config,
    r.without.verdicts,
    r.sameVerdicts ? 'yes' : 'NO',
    r.without.states,
    r.without.seconds,
    r.applied ? r.with.states : 'not applied',
    r.with.seconds,
    `${(r.without.states / r.with.states).toFixed(2)}x`,
    r.without.depth,
    r.with.depth,
  ]),
);
const result = { benchmark: 'symmetry', command: 'npm run bench:symmetry', machine: machine(), properties: PROPERTIES, rows };
replaceAll('results', [
  { name: 'symmetry.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'symmetry.md', content: `${table}\n` },
]);
console.log(table);
if (rows.some((r) => !r.sameVerdicts)) process.exitCode = 1;
