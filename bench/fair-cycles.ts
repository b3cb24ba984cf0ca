// Fair-cycle benchmark: the lassos of availability on three untrusted OSes
// that may be switched away from a pending hypercall (about 1.8 million
// states), with the default memory budget for the shortest-cycle search and
// with 16 KiB (enough for some searches, not all: the greedy walk answers the
// others), one check of each, in turn: each sub-property's prefix and cycle, whether the
// cycle is proved shortest (and the bound otherwise), and the analysis's time
// and scratch space.
//   npm run bench:fair-cycles
import { modelOf } from '../src/spec/model.js';
import { loadConfig } from '../src/cli/load.js';
import { check } from '../src/check/check.js';
import { CYCLE_SEARCH_BYTES } from '../src/liveness/lasso.js';
import { writeAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const CONFIG = 'configs/three-os-switch-with-pending.json';
const BUDGETS = [CYCLE_SEARCH_BYTES, 16 * 1024];

interface Row {
  budgetBytes: number;
  part: string;
  prefix: number;
  cycle: number;
  cycleMinimal: boolean;
  cycleAtLeast: number;
  analysisSeconds: number;
  analysisMiB: number;
}

const model = modelOf(loadConfig(CONFIG));
const rows: Row[] = [];
let states = 0;
for (const budget of BUDGETS) {
  const result = await check(model, { properties: ['availability'], cycleSearchBytes: budget });
  states = result.engine.store.size;
  const verdict = result.verdicts[0]!;
  const stats = verdict.stats!;
  for (const part of verdict.parts!) {
    if (!part.lasso) continue;
    rows.push({
      budgetBytes: budget,
      part: part.name,
      ...part.lasso,
      analysisSeconds: Number((stats.analysisMs! / 1000).toFixed(2)),
      analysisMiB: Math.round(stats.analysisBytes! / 2 ** 20),
    });
  }
  console.error(`budget ${budget}: analysis ${stats.analysisMs} ms`);
}

const table = markdownTable(
  ['search budget (bytes)', 'sub-property', 'prefix', 'cycle', 'proved shortest', 'no fair cycle shorter than', 'analysis s', 'analysis scratch MiB'],
  rows.map((r) => [r.budgetBytes, r.part, r.prefix, r.cycle, r.cycleMinimal ? 'yes' : 'no', r.cycleAtLeast, r.analysisSeconds, r.analysisMiB]),
);
const report = { benchmark: 'fair-cycles', command: 'npm run bench:fair-cycles', config: CONFIG, states, machine: machine(), rows };
writeAll('results', [
  { name: 'bench-fair-cycles.json', content: `${JSON.stringify(report, null, 2)}\n` },
  { name: 'bench-fair-cycles.md', content: `${table}\n` },
]);
console.log(table);
