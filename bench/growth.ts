// Growth benchmark: how the state space grows with each parameter of a
// configuration, the others at the default configuration's values, each run
// to the fixpoint under a time limit, without and with symmetry reduction.
// Each run is a process of its own (bench/growth-run.ts), so that its peak
// memory is its own. A run the time limit stops is recorded as stopped, with
// the states it had stored as a lower bound, never as a count.
//   npm run bench:growth [-- --time-limit <seconds per run>]
// writes results/growth.json, results/growth.md and bench/plots/states-vs-*.svg.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceAll } from '../src/report/files.js';
import type { GrowthRunOutput } from './growth-run.js';
import { markdownTable, machine } from './report.js';
import { linePlot, shortNumber, type Series } from './svg-plot.js';

type Settings = Record<'oses' | 'virtualAddresses' | 'physicalAddresses' | 'machinePages' | 'values' | 'cache' | 'tlb', number>;

/** The default configuration (configs/default.json). */
const DEFAULTS: Settings = { oses: 2, virtualAddresses: 2, physicalAddresses: 2, machinePages: 4, values: 2, cache: 1, tlb: 1 };

interface Parameter {
  readonly key: keyof Settings;
  readonly label: string;
  readonly values: readonly number[];
  /** Settings for a value of this parameter, the others at their defaults. */
  readonly settings: (value: number) => Settings;
}

const vary = (key: keyof Settings) => (value: number) => ({ ...DEFAULTS, [key]: value });

const PARAMETERS: readonly Parameter[] = [
  // Two machine pages per OS, as in the default: with a fixed number of pages
  // a third OS would get a single page (its page table) and do nothing.
  { key: 'oses', label: 'OSes (two machine pages each)', values: [1, 2, 3], settings: (n) => ({ ...DEFAULTS, oses: n, machinePages: 2 * n }) },
  { key: 'virtualAddresses', label: 'virtual addresses', values: [1, 2, 3], settings: vary('virtualAddresses') },
  { key: 'physicalAddresses', label: 'physical addresses', values: [1, 2, 3], settings: vary('physicalAddresses') },
  { key: 'machinePages', label: 'machine pages', values: [2, 3, 4, 5, 6], settings: vary('machinePages') },
  { key: 'values', label: 'data values', values: [1, 2, 3], settings: vary('values') },
  { key: 'cache', label: 'cache size', values: [0, 1, 2], settings: vary('cache') },
  { key: 'tlb', label: 'TLB size', values: [0, 1, 2], settings: vary('tlb') },
];

function configOf(s: Settings): Record<string, unknown> {
  return {
    oses: Array.from({ length: s.oses }, () => ({ trusted: false })),
    virtualAddresses: s.virtualAddresses,
    physicalAddresses: s.physicalAddresses,
    machinePages: s.machinePages,
    values: s.values,
    cache: { size: s.cache, policy: 'lru' },
    tlb: { size: s.tlb, policy: 'lru' },
  };
}

function timeLimitSeconds(): number {
  const at = process.argv.indexOf('--time-limit');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 90;
  if (!Number.isFinite(value) || value <= 0) throw new Error('--time-limit takes a number of seconds');
  return value;
}

const runner = fileURLToPath(new URL('./growth-run.js', import.meta.url));

function runOnce(settings: Settings, symmetry: boolean, limitSeconds: number): GrowthRunOutput {
  const input = JSON.stringify({ config: configOf(settings), symmetry, timeLimitMs: limitSeconds * 1000 });
  // The engine stops itself at the limit; the kill is only a safety net.
  const run = spawnSync(process.execPath, [runner, input], { encoding: 'utf8', timeout: (limitSeconds + 120) * 1000 });
  if (run.status !== 0) throw new Error(`growth run failed (${JSON.stringify(settings)}, symmetry ${symmetry}): ${run.stderr || run.signal}`);
  return JSON.parse(run.stdout) as GrowthRunOutput;
}

interface Row {
  readonly settings: Settings;
  readonly without: GrowthRunOutput;
  readonly with: GrowthRunOutput;
}

const limit = timeLimitSeconds();
const rows = new Map<string, Row>();
const started = Date.now();
for (const parameter of PARAMETERS) {
  for (const value of parameter.values) {
    const settings = parameter.settings(value);
    const key = JSON.stringify(settings);
    if (rows.has(key)) continue;
    const row = { settings, without: runOnce(settings, false, limit), with: runOnce(settings, true, limit) };
    rows.set(key, row);
    console.error(`${key}: ${describe(row.without)} states, ${describe(row.with)} orbits`);
  }
}
const totalSeconds = Math.round((Date.now() - started) / 1000);

function describe(run: GrowthRunOutput): string {
  return run.complete ? run.distinctStates!.toLocaleString('en-US') : `>= ${run.exploredStates.toLocaleString('en-US')} (time limit)`;
}

const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(0));
const cell = (run: GrowthRunOutput, figure: (r: GrowthRunOutput) => number | null) => (run.complete ? (figure(run) ?? '') : '-');

const tableRows: (string | number)[][] = [];
for (const parameter of PARAMETERS) {
  for (const value of parameter.values) {
    const row = rows.get(JSON.stringify(parameter.settings(value)))!;
    tableRows.push([
      parameter.key,
      value,
      row.without.complete ? row.without.distinctStates! : `≥ ${shortNumber(row.without.exploredStates)} (time limit)`,
      cell(row.without, (r) => r.transitions),
      cell(row.without, (r) => r.diameter),
      row.without.seconds,
      mib(row.without.peakRssBytes),
      row.with.complete ? row.with.distinctStates! : `≥ ${shortNumber(row.with.exploredStates)} (time limit)`,
      cell(row.with, (r) => r.diameter),
      row.with.seconds,
      mib(row.with.peakRssBytes),
      row.without.complete && row.with.complete ? `${(row.without.distinctStates! / row.with.distinctStates!).toFixed(2)}x` : '-',
    ]);
  }
}
const table = markdownTable(
  ['varied', 'value', 'states', 'transitions', 'diameter', 's', 'peak MiB', 'orbits (symmetry)', 'diameter', 's', 'peak MiB', 'reduction'],
  tableRows,
);

const plotsDir = fileURLToPath(new URL('../../bench/plots/', import.meta.url));
mkdirSync(plotsDir, { recursive: true });
const plots = PARAMETERS.map((parameter) => {
  const pointsOf = (mode: 'without' | 'with'): Series['points'] =>
    parameter.values.map((value) => {
      const run = rows.get(JSON.stringify(parameter.settings(value)))![mode];
      return { x: value, y: run.complete ? run.distinctStates! : run.exploredStates, lowerBound: !run.complete };
    });
  const series: Series[] = [
    { name: 'distinct states', points: pointsOf('without') },
    { name: 'orbits (symmetry)', points: pointsOf('with') },
  ];
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  // A log scale where the counts span more than a factor of ten (the exponential growths).
  const logY = Math.max(...ys) / Math.max(1, Math.min(...ys)) > 10;
  const svg = linePlot({ title: `States against ${parameter.label}`, xLabel: parameter.label, yLabel: 'states to the fixpoint', series, logY });
  return { name: `states-vs-${parameter.key}.svg`, content: svg };
});
replaceAll(plotsDir, plots);

const result = {
  benchmark: 'growth',
  command: 'npm run bench:growth',
  machine: machine(),
  properties: ['valid'],
  timeLimitSecondsPerRun: limit,
  totalSeconds,
  defaults: DEFAULTS,
  parameters: PARAMETERS.map((p) => ({ key: p.key, label: p.label, values: p.values })),
  runs: [...rows.values()],
};
replaceAll('results', [
  { name: 'growth.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'growth.md', content: `${table}\n` },
]);
console.log(table);
console.log(`\n${rows.size * 2} runs in ${totalSeconds} s; plots in bench/plots/`);
