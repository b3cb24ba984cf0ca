// `virtcheck estimate`: a short breadth-first run of a configuration, then an
// estimate of the whole state count, time and memory of a full check,
// extrapolated from the sizes of the levels it completed. Memory is estimated
// twice: the visited set's (from its layout) and the whole process's: the
// resident memory the second half of the sample added, per state it stored
// (the first half pays for start-up), over what the process held at the end.
import { modelOf } from '../spec/model.js';
import { StateStore } from '../hash/state-store.js';
import { check } from '../check/check.js';
import { estimateFromRun, type SizeEstimate } from '../check/estimate.js';
import type { PropertyName } from '../props/property.js';
import { formatCount, symmetryLines } from '../report/summary.js';
import { formatBytes, formatDuration, roughCount } from '../report/units.js';
import { EXIT } from './exit-codes.js';
import { loadConfig } from './load.js';

export interface EstimateCommandOptions {
  readonly properties: readonly PropertyName[];
  readonly symmetry: boolean;
  readonly budgetSeconds: number;
  readonly maxStates?: number;
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
    /** Resident memory the second half of the sample added to the process, per state; absent for a sample too small to tell. */
    readonly processBytesPerState?: number;
  };
  readonly estimate: SizeEstimate;
  /** Seconds, visited-set bytes and the whole process's resident bytes of a full run, for the estimate and its range. */
  readonly fullRun?: {
    readonly seconds: readonly [number, number, number];
    readonly storeBytes: readonly [number, number, number];
    readonly processBytes?: readonly [number, number, number];
  };
  readonly violatedInSample: readonly string[];
}

export async function runEstimate(configFile: string, options: EstimateCommandOptions): Promise<number> {
  const model = modelOf(loadConfig(configFile));
  const growth: { states: number; rss: number }[] = [];
  const result = await check(model, {
    properties: options.properties,
    symmetry: options.symmetry,
    limits: { timeLimitMs: options.budgetSeconds * 1000, maxStates: options.maxStates },
    onProgress: (p) => growth.push({ states: p.distinct, rss: process.memoryUsage.rss() }),
  });
  const { engine } = result;
  const explored = engine.store.size;
  // When a limit stopped the run, the last level listed was being expanded: it is complete, the next is partial.
  const levels = engine.levels;
  const estimate = estimateFromRun(engine);
  const perState = processBytesPerState(growth, bytesPerStateOf(engine.store.bytes, explored));
  const seconds = engine.elapsedMs / 1000;
  const rate = explored / Math.max(seconds, 1e-3);
  const bytesPerState = bytesPerStateOf(engine.store.bytes, explored);
  const triple = (f: (n: number) => number, e: SizeEstimate) =>
    e.kind === 'extrapolated' ? ([f(e.states), f(e.low), f(e.high)] as const) : undefined;
  const secondsOf = triple((n) => Number((n / rate).toFixed(1)), estimate);
  const bytesOf = triple((n) => StateStore.bytesFor(Math.round(n)), estimate);
  const end = growth.at(-1);
  const processOf = perState === null || !end ? undefined : triple((n) => Math.round(end.rss + perState * Math.max(0, n - end.states)), estimate);
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
      ...(perState === null ? {} : { processBytesPerState: Math.round(perState) }),
    },
    estimate,
    ...(secondsOf && bytesOf ? { fullRun: { seconds: secondsOf, storeBytes: bytesOf, ...(processOf ? { processBytes: processOf } : {}) } } : {}),
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
      if (processOf) {
        const [p, pLow, pHigh] = processOf.map(formatBytes);
        lines.push(`  memory: about ${p} in all (${pLow} to ${pHigh}), of which the visited set about ${b} (${bLow} to ${bHigh})`);
      } else {
        lines.push(`  memory: the visited set about ${b} (${bLow} to ${bHigh}); the sample is too small to tell the whole process's (--budget)`);
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

/** Fewer states than this in the sample's second half and the process's growth is noise. */
const MIN_GROWTH_STATES = 10_000;

/** The resident memory the second half of the sample added per state, at least the visited set's; null when too few states tell. */
function processBytesPerState(growth: readonly { states: number; rss: number }[], floor: number): number | null {
  const end = growth.at(-1);
  if (!end) return null;
  const half = growth.find((g) => g.states >= end.states / 2)!;
  if (end.states - half.states < MIN_GROWTH_STATES) return null;
  return Math.max(floor, (end.rss - half.rss) / (end.states - half.states));
}
