// Transition-graph benchmark: what availability costs. The graph it keeps
// (bytes per transition, the target being at most 12), the most scratch space
// its analysis holds at once, and its time: exploration alone (no property)
// against a check of availability (exploration keeping the graph, then the
// analysis), alternating in one run, best of three, as wall-clock and as CPU
// seconds.
//   npm run bench:graph
import { modelOf } from '../src/spec/model.js';
import { loadConfig } from '../src/cli/load.js';
import { check, type CheckResult } from '../src/check/check.js';
import type { Model } from '../src/spec/model.js';
import type { PropertyName } from '../src/props/property.js';
import { writeAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const CONFIGS = ['configs/default.json', 'configs/keep-failed-hypercall.json', 'configs/switch-with-pending-hypercall.json', 'configs/bench-large.json'];
const ROUNDS = 3;

interface Row {
  config: string;
  distinctStates: number;
  transitions: number;
  graphBytes: number;
  graphBytesPerTransition: number;
  analysisBytesPerTransition: number;
  exploreSecondsAlone: number;
  exploreSecondsWithGraph: number;
  analysisSeconds: number;
  cpuSecondsAlone: number;
  cpuSecondsAvailability: number;
  verdict: string;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

/** A check, and the CPU seconds it took (user and system). */
async function timed(model: Model, properties: PropertyName[]): Promise<{ result: CheckResult; cpuSeconds: number }> {
  const before = process.cpuUsage();
  const result = await check(model, { properties });
  const used = process.cpuUsage(before);
  return { result, cpuSeconds: seconds((used.user + used.system) / 1000) };
}

const rows: Row[] = [];
for (const file of CONFIGS) {
  const model = modelOf(loadConfig(file));
  const best = { alone: Infinity, withGraph: Infinity, analysis: Infinity, cpuAlone: Infinity, cpuAvailability: Infinity };
  let last: CheckResult | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const alone = await timed(model, []);
    const withGraph = await timed(model, ['availability']);
    last = withGraph.result;
    best.alone = Math.min(best.alone, seconds(alone.result.engine.elapsedMs));
    best.withGraph = Math.min(best.withGraph, seconds(withGraph.result.engine.elapsedMs));
    best.analysis = Math.min(best.analysis, seconds(withGraph.result.verdicts[0]!.stats!.analysisMs!));
    best.cpuAlone = Math.min(best.cpuAlone, alone.cpuSeconds);
    best.cpuAvailability = Math.min(best.cpuAvailability, withGraph.cpuSeconds);
  }
  const verdict = last!.verdicts[0]!;
  const stats = verdict.stats!;
  const failing = verdict.parts!.filter((p) => p.status === 'violated').map((p) => p.name);
  rows.push({
    config: model.ctx.config.name,
    distinctStates: last!.engine.store.size,
    transitions: last!.engine.transitions,
    graphBytes: stats.graphBytes!,
    graphBytesPerTransition: stats.graphBytesPerTransition!,
    analysisBytesPerTransition: Number((stats.analysisBytes! / stats.graphTransitions!).toFixed(2)),
    exploreSecondsAlone: best.alone,
    exploreSecondsWithGraph: best.withGraph,
    analysisSeconds: best.analysis,
    cpuSecondsAlone: best.cpuAlone,
    cpuSecondsAvailability: best.cpuAvailability,
    verdict: failing.length === 0 ? verdict.status : `fails ${failing.join(', ')}`,
  });
  console.error(`${model.ctx.config.name}: ${stats.graphBytesPerTransition} bytes per transition, analysis ${best.analysis} s`);
}

const table = markdownTable(
  [
    'configuration',
    'states',
    'transitions',
    'graph bytes/transition',
    'analysis scratch bytes/transition',
    'explore s (alone)',
    'explore s (availability)',
    'analysis s',
    'CPU s (alone)',
    'CPU s (availability)',
  ],
  rows.map((r) => [
    r.config,
    r.distinctStates,
    r.transitions,
    r.graphBytesPerTransition,
    r.analysisBytesPerTransition,
    r.exploreSecondsAlone,
    r.exploreSecondsWithGraph,
    r.analysisSeconds,
    r.cpuSecondsAlone,
    r.cpuSecondsAvailability,
  ]),
);
const result = { benchmark: 'graph', command: 'npm run bench:graph', rounds: ROUNDS, machine: machine(), rows };
writeAll('results', [
  { name: 'bench-graph.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-graph.md', content: `${table}\n` },
]);
console.log(table);
