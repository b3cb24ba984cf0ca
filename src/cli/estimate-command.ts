// `virtcheck estimate`: a short breadth-first run of a configuration, then an
// estimate of the whole state count, time and memory of a full check,
// extrapolated from the sizes of the levels it completed. The sample is the
// run check would make (same threads, symmetry and properties); peak memory is
// predicted as what the sample's peak held beyond its visited set, level
// buffers and transition graph (threads, heaps, answers in flight: about
// constant), plus the visited set of the estimated count, the graph grown in
// proportion, and the larger of the level buffers (grown in proportion) and
// what the liveness analysis adds after the exploration: its scratch space
// and the flat copy of the graph it reads (whose chunks may not be freed
// yet). The analysis's time is not predicted.
import { StateStore } from '../hash/state-store.js';
import { checkOnWorkers } from '../check/parallel-check.js';
import { REAL_STEP } from '../workers/model-source.js';
import { estimateFromRun, type SizeEstimate } from '../check/estimate.js';
import type { PropertyName } from '../props/property.js';
import { PROPERTIES } from '../props/registry.js';
import { livenessScratchBytes } from '../liveness/verdict.js';
import { symmetryLines } from '../report/summary.js';
import { formatBytes, formatCount, formatDuration, roughCount } from '../report/units.js';
import { EXIT } from './exit-codes.js';
import { loadConfig } from './load.js';

export interface EstimateCommandOptions {
  readonly properties: readonly PropertyName[];
  readonly symmetry: boolean;
  readonly budgetSeconds: number;
  readonly maxStates?: number;
  readonly workers: number;
  readonly json: boolean;
}

export interface EstimateJson {
  readonly configFile: string;
  readonly properties: readonly string[];
  readonly symmetry: { readonly requested: boolean; readonly applied: boolean; readonly reason?: string };
  readonly sample: {
    readonly seconds: number;
    readonly states: number;
    readonly completeLevels: number;
    readonly levels: readonly number[];
    readonly statesPerSecond: number;
    readonly bytesPerState: number;
    /** The sample's peak resident memory (process-wide, every thread), and the most its level buffers held. */
    readonly peakRssBytes: number;
    readonly frontierPeakBytes: number;
  };
  readonly estimate: SizeEstimate;
  /**
   * Seconds (of the exploration), visited-set bytes and peak resident memory
   * of a full run, for the estimate and its range; with a liveness property,
   * the bytes of its graph and of its analysis's scratch space too.
   */
  readonly fullRun?: {
    readonly seconds: readonly [number, number, number];
    readonly storeBytes: readonly [number, number, number];
    readonly peakRssBytes: readonly [number, number, number];
    readonly graphBytes?: readonly [number, number, number];
    readonly analysisBytes?: readonly [number, number, number];
  };
  readonly violatedInSample: readonly string[];
}

export async function runEstimate(configFile: string, options: EstimateCommandOptions): Promise<number> {
  const result = await checkOnWorkers(
    { config: loadConfig(configFile), step: REAL_STEP },
    {
      workers: options.workers,
      properties: options.properties,
      symmetry: options.symmetry,
      limits: { timeLimitMs: options.budgetSeconds * 1000, maxStates: options.maxStates },
    },
  );
  const { engine, model } = result;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const explored = engine.store.size;
  // When a limit stopped the run, the last level listed was being expanded: it is complete, the next is partial.
  const levels = engine.levels;
  const estimate = estimateFromRun(engine);
  const seconds = engine.elapsedMs / 1000;
  const rate = explored / Math.max(seconds, 1e-3);
  const bytesPerState = bytesPerStateOf(engine.store.bytes, explored);
  const triple = (f: (n: number) => number, e: SizeEstimate) =>
    e.kind === 'extrapolated' ? ([f(e.states), f(e.low), f(e.high)] as const) : undefined;
  const secondsOf = triple((n) => Number((n / rate).toFixed(1)), estimate);
  const bytesOf = triple((n) => StateStore.bytesFor(Math.round(n)), estimate);
  // The liveness properties' graphs grow with the states; their analyses come after the exploration.
  const graphs = options.properties.flatMap((name) => {
    const property = PROPERTIES[name];
    const stats = result.verdicts.find((v) => v.property === name)?.stats;
    if (property.kind !== 'liveness' || !stats) return [];
    const declared = property.declaration(model.ctx);
    const perState = stats.graphTransitions! / Math.max(1, stats.graphStates!);
    const scratch = (n: number) => livenessScratchBytes(declared, model.ctx.n, n, n * perState, result.symmetry.applied);
    return [{ name, bytes: stats.graphBytes!, scratch }];
  });
  const sampleGraphBytes = graphs.reduce((sum, g) => sum + g.bytes, 0);
  const graphBytesOf = (n: number) => Math.round((sampleGraphBytes / Math.max(1, explored)) * n);
  const analysisBytesOf = (n: number) => Math.max(0, ...graphs.map((g) => Math.round(g.scratch(n))));
  const fixedRss = Math.max(0, peakRss - engine.store.bytes - engine.frontierPeakBytes - sampleGraphBytes);
  const frontierPerState = engine.frontierPeakBytes / Math.max(1, explored);
  // During the analysis: its scratch space and the flat copy of the graph (none without a liveness property).
  const analysisPhaseOf = (n: number) => analysisBytesOf(n) + graphBytesOf(n);
  const rssOf = triple((n) => Math.round(fixedRss + StateStore.bytesFor(Math.round(n)) + graphBytesOf(n) + Math.max(frontierPerState * n, analysisPhaseOf(n))), estimate);
  const livenessBytes = graphs.length > 0 ? { graphBytes: triple(graphBytesOf, estimate)!, analysisBytes: triple(analysisBytesOf, estimate)! } : {};
  const json: EstimateJson = {
    configFile,
    properties: options.properties,
    symmetry: result.symmetry,
    sample: {
      seconds: Number(seconds.toFixed(2)),
      states: explored,
      completeLevels: levels.length,
      levels,
      statesPerSecond: Math.round(rate),
      bytesPerState: Number(bytesPerState.toFixed(1)),
      peakRssBytes: peakRss,
      frontierPeakBytes: engine.frontierPeakBytes,
    },
    estimate,
    ...(secondsOf && bytesOf && rssOf ? { fullRun: { seconds: secondsOf, storeBytes: bytesOf, peakRssBytes: rssOf, ...livenessBytes } } : {}),
    violatedInSample: result.verdicts.filter((v) => v.status === 'violated').map((v) => v.property),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  const what = result.symmetry.applied ? 'orbits' : 'distinct states';
  const lines = [
    `virtcheck estimate: ${configFile} (${model.ctx.config.name}), properties ${options.properties.join(',')}`,
    ...symmetryLines(result.symmetry),
    `sample: ${seconds.toFixed(1)} s of breadth-first search, ${formatCount(explored)} ${what} (${formatCount(Math.round(rate))}/s), ${levels.length} levels`,
  ];
  switch (estimate.kind) {
    case 'exact':
      lines.push(`exact: ${formatCount(estimate.states)} ${what}, depth ${levels.length - 1} (the sample reached the fixpoint)`);
      break;
    case 'lower-bound':
      lines.push(`estimate: at least ${formatCount(estimate.atLeast)} ${what} (explored); ${estimate.reason}`, '  give it a larger budget (--budget)');
      break;
    case 'extrapolated': {
      const [t, tLow, tHigh] = secondsOf!.map(formatDuration);
      const [b, bLow, bHigh] = bytesOf!.map(formatBytes);
      lines.push(
        `estimate: about ${roughCount(estimate.states)} ${what}, likely between ${roughCount(estimate.low)} and ${roughCount(estimate.high)}` +
          ` (at least ${formatCount(estimate.atLeast)}: explored)`,
        `  a full run: about ${t} (${tLow} to ${tHigh}) at the sample's rate`,
      );
      const [r, rLow, rHigh] = rssOf!.map(formatBytes);
      lines.push(`  memory: peak resident about ${r} (${rLow} to ${rHigh}), of which the visited set about ${b} (${bLow} to ${bHigh})`);
      if (graphs.length > 0) {
        const [g, a] = [graphBytesOf(estimate.states), analysisBytesOf(estimate.states)].map(formatBytes);
        lines.push(
          `  and, for ${graphs.map((g) => g.name).join(', ')}, the transition graph about ${g} (twice while the analysis copies it) and the analysis after the exploration about ${a};`,
          '  the time is the exploration\'s: the analysis is not timed',
        );
      }
      lines.push(
        '  an extrapolation of the level sizes, not a count: from a small share of the run it can fall short',
        '  by an order of magnitude (docs/checker.md); a larger --budget narrows it, only a full run counts',
      );
      break;
    }
  }
  if (json.violatedInSample.length > 0) lines.push(`violated within the sample: ${json.violatedInSample.join(', ')} (\`virtcheck check\` shows the counterexample)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function bytesPerStateOf(bytes: number, states: number): number {
  return bytes / Math.max(1, states);
}
