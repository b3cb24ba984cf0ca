// Transition-graph benchmark: what availability costs. The graph it keeps
// (bytes per transition, the target being at most 12), the most scratch space
// its analysis holds at once, and its time: exploration alone (no property)
// against a check of availability (exploration keeping the graph, then the
// analysis), in the same run, as wall-clock and as CPU seconds (the CPU
// figures hold up better on a shared machine).
//   npm run bench:graph
import { readFileSync } from 'node:fs';
import { parseConfigText } from '../src/state/config.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/explore/check.js';
import { writeAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const CONFIGS = ['configs/default.json', 'configs/keep-failed-hypercall.json', 'configs/switch-with-pending-hypercall.json', 'configs/bench-large.json'];

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
async function timed(...args: Parameters<typeof check>) {
  const before = process.cpuUsage();
  const result = await check(...args);
  const used = process.cpuUsage(before);
  return { result, cpuSeconds: seconds((used.user + used.system) / 1000) };
}

const rows: Row[] = [];
for (const file of CONFIGS) {
  const ctx = makeContext(parseConfigText(readFileSync(file, 'utf8')));
  const { result: alone, cpuSeconds: cpuSecondsAlone } = await timed({ ctx, step }, { properties: [] });
  const { result: withGraph, cpuSeconds: cpuSecondsAvailability } = await timed({ ctx, step }, { properties: ['availability'] });
  const verdict = withGraph.verdicts[0]!;
  const stats = verdict.stats!;
  const failing = verdict.parts!.filter((p) => p.status === 'violated').map((p) => p.name);
  rows.push({
    config: ctx.config.name,
    distinctStates: withGraph.engine.store.size,
    transitions: withGraph.engine.transitions,
    graphBytes: stats.graphBytes!,
    graphBytesPerTransition: stats.graphBytesPerTransition!,
    analysisBytesPerTransition: Number((stats.analysisBytes! / stats.graphTransitions!).toFixed(2)),
    exploreSecondsAlone: seconds(alone.engine.elapsedMs),
    exploreSecondsWithGraph: seconds(withGraph.engine.elapsedMs),
    analysisSeconds: seconds(stats.analysisMs!),
    cpuSecondsAlone,
    cpuSecondsAvailability,
    verdict: failing.length === 0 ? verdict.status : `fails ${failing.join(', ')}`,
  });
  console.error(`${ctx.config.name}: ${stats.graphBytesPerTransition} bytes per transition, analysis ${seconds(stats.analysisMs!)} s`);
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
const result = { benchmark: 'graph', command: 'npm run bench:graph', machine: machine(), rows };
writeAll('results', [
  { name: 'bench-graph.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-graph.md', content: `${table}\n` },
]);
console.log(table);
