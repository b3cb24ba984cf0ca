// How good `virtcheck estimate` is: full runs of configurations whose counts
// thereby become known (every shipped configuration and some variants of the
// default, without and with symmetry reduction), then the estimate a sample
// of 5, 10, 25 and 50% of each run would give. A sample stopped after n
// states has seen exactly the complete levels within n states and part of the
// next, so it is taken from the full run's level sizes.
//   npm run bench:estimate
// writes results/estimate.json and results/estimate.md.
import { readdirSync } from 'node:fs';
import { parseConfig, type Config } from '../src/state/config.js';
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/check/check.js';
import { estimateSize } from '../src/check/estimate.js';
import { writeAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const SHARES = [0.05, 0.1, 0.25, 0.5];
/** Smaller runs are left out: a handful of levels says little either way. */
const MIN_STATES = 1000;

const variants: Record<string, Record<string, unknown>> = {
  'default, 1 virtual address': { virtualAddresses: 1 },
  'default, 3 virtual addresses': { virtualAddresses: 3 },
  'default, 3 values': { values: 3 },
  'default, cache of 2': { cache: { size: 2 } },
  'default, TLB of 2': { tlb: { size: 2 } },
};
const configs: { name: string; config: Config }[] = [
  ...readdirSync('configs')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), config: loadConfig(`configs/${f}`) })),
  ...Object.entries(variants).map(([name, v]) => ({ name, config: parseConfig({ oses: [{}, {}], ...v }) })),
];

interface Trial {
  readonly run: string;
  readonly states: number;
  readonly share: number;
  readonly kind: string;
  readonly estimate?: number;
  readonly low?: number;
  readonly high?: number;
  /** The whole range lies below the true count. */
  readonly below?: boolean;
}

const trials: Trial[] = [];
for (const { name, config } of configs) {
  for (const symmetry of [false, true]) {
    const { engine, symmetry: plan } = await check({ ctx: makeContext(config), step }, { properties: ['valid'], symmetry });
    if (symmetry && !plan.applied) continue;
    const run = `${name}${symmetry ? ' (orbits)' : ''}`;
    const levels = engine.levels;
    const states = engine.store.size;
    console.error(`${run}: ${states}`);
    if (states < MIN_STATES) continue;
    for (const share of SHARES) {
      const budget = Math.floor(share * states);
      let complete = 0;
      let seen = 0;
      while (complete < levels.length && seen + levels[complete]! <= budget) seen += levels[complete++]!;
      const e = estimateSize(levels.slice(0, complete), budget - seen, false);
      trials.push(
        e.kind === 'extrapolated'
          ? { run, states, share, kind: e.kind, estimate: e.states, low: e.low, high: e.high, below: e.high < states }
          : { run, states, share, kind: e.kind },
      );
    }
  }
}

const factorOf = (t: Trial) => Math.max(t.estimate! / t.states, t.states / t.estimate!);
const summary = SHARES.map((share) => {
  const of = trials.filter((t) => t.share === share);
  const extrapolated = of.filter((t) => t.kind === 'extrapolated');
  const factors = extrapolated.map(factorOf).sort((a, b) => a - b);
  return {
    share,
    runs: of.length,
    lowerBoundOnly: of.length - extrapolated.length,
    inRange: extrapolated.filter((t) => t.low! <= t.states && t.states <= t.high!).length,
    within2x: factors.filter((f) => f <= 2).length,
    within3x: factors.filter((f) => f <= 3).length,
    within10x: factors.filter((f) => f <= 10).length,
    medianFactor: Number((factors[Math.floor(factors.length / 2)] ?? NaN).toFixed(2)),
    worstFactor: Number((factors.at(-1) ?? NaN).toFixed(2)),
    rangeBelow: extrapolated.filter((t) => t.below).length,
  };
});

const table = markdownTable(
  ['sample (share of the run)', 'runs', 'true count in the range', 'estimate within 2x', 'within 3x', 'within 10x', 'median factor', 'worst factor', 'range below the count'],
  summary.map((s) => [
    `${s.share * 100}%`,
    s.runs,
    `${s.inRange} / ${s.runs - s.lowerBoundOnly}`,
    s.within2x,
    s.within3x,
    s.within10x,
    s.medianFactor,
    s.worstFactor,
    s.rangeBelow,
  ]),
);
const result = { benchmark: 'estimate', command: 'npm run bench:estimate', machine: machine(), summary, trials };
writeAll('results', [
  { name: 'estimate.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'estimate.md', content: `${table}\n` },
]);
console.log(table);
