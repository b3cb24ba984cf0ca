// Symmetry reduction on every shipped configuration and on three-OS
// configurations, for every property group: the verdicts (with counterexample
// lengths) and the reachable states with and without it must be the same; the
// orbits stored, seconds and peak memory of each side. Each run is a process
// of its own (peak memory is process.resourceUsage().maxRSS); the two sides of
// a row run one after the other.
//   npm run bench:symmetry [-- --quick] [-- --availability]
// (--quick: the three-OS rows only; --availability: availability alone, decided
// on the quotient graph under reduction) writes results/symmetry.json and
// results/symmetry.md (symmetry-availability.* with --availability); fails if
// a verdict, a counterexample length or a count differs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PropertyName } from '../src/props/property.js';
import { replaceAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';
import type { SymmetryRunInput, SymmetryRunOutput } from './symmetry-run.js';
import { NOT_BENCHED, THREE_OS } from './symmetry-configs.js';

const quick = process.argv.includes('--quick');
const availability = process.argv.includes('--availability');

/**
 * Property groups: the local ones (reduced by the images of the initial
 * state), isolation and transparency (by its stabiliser); with
 * --availability, availability alone (by the images, on the quotient graph).
 */
const GROUPS: readonly (readonly PropertyName[])[] = availability ? [['availability']] : [['valid', 'conformance'], ['isolation', 'transparency']];

/** Too large for the unreduced isolation and availability runs on this machine. */
const LOCAL_ONLY = new Set(['bench-large.json']);

const runner = fileURLToPath(new URL('./symmetry-run.js', import.meta.url));
function runOnce(input: SymmetryRunInput): SymmetryRunOutput {
  const run = spawnSync(process.execPath, [runner, JSON.stringify(input)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`symmetry run failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as SymmetryRunOutput;
}

const cases: { name: string; input: Omit<SymmetryRunInput, 'properties' | 'symmetry'>; groups: readonly (readonly PropertyName[])[] }[] = [
  ...(quick
    ? []
    : readdirSync('configs')
        .filter((f) => f.endsWith('.json') && NOT_BENCHED[f.replace(/\.json$/, '')] === undefined)
        .sort()
        .filter((f) => !(availability && LOCAL_ONLY.has(f)))
        .map((f) => ({ name: f.replace(/\.json$/, ''), input: { file: `configs/${f}` }, groups: LOCAL_ONLY.has(f) ? GROUPS.slice(0, 1) : GROUPS }))),
  ...Object.entries(THREE_OS).map(([name, config]) => ({ name, input: { config }, groups: GROUPS })),
];

const rows = [];
for (const { name, input, groups } of cases) {
  for (const properties of groups) {
    const without = runOnce({ ...input, properties, symmetry: false });
    const reduced = runOnce({ ...input, properties, symmetry: true });
    const row = { config: name, properties, without, with: reduced, same: without.verdicts === reduced.verdicts && without.states === reduced.states };
    rows.push(row);
    console.error(`${name} [${properties.join(',')}]: ${without.states} states, ${reduced.stored} stored, same: ${row.same}`);
  }
}

const table = markdownTable(
  ['configuration', 'properties', 'verdicts (counterexample length)', 'same', 'states', 's', 'peak MiB', 'group', 'orbits', 's', 'peak MiB', 'reduction'],
  rows.map((r) => [
    r.config,
    r.properties.join(', '),
    r.without.verdicts,
    r.same ? 'yes' : 'NO',
    r.without.states,
    r.without.seconds,
    r.without.peakRssMiB,
    r.with.applied ? r.with.group! : `not applied: ${r.with.reason}`,
    r.with.applied ? r.with.stored : '-',
    r.with.seconds,
    r.with.peakRssMiB,
    r.with.applied ? `${(r.without.states / r.with.stored).toFixed(2)}x` : '-',
  ]),
);
const flags = [...(quick ? ['--quick'] : []), ...(availability ? ['--availability'] : [])];
const result = { benchmark: 'symmetry', command: `npm run bench:symmetry${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`, machine: machine(), rows };
const file = availability ? 'symmetry-availability' : 'symmetry';
replaceAll('results', [
  { name: `${file}.json`, content: `${JSON.stringify(result, null, 2)}\n` },
  { name: `${file}.md`, content: `${table}\n` },
]);
console.log(table);
if (rows.some((r) => !r.same)) process.exitCode = 1;
