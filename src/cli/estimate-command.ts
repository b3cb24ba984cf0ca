// `virtcheck estimate`: a short breadth-first run of a configuration, then an
// estimate of the whole state count, time and memory of a full check,
// extrapolated from the sizes of the levels it completed.
import { modelOf } from '../spec/model.js';
import { StateStore } from '../hash/state-store.js';
import { check } from '../check/check.js';
import { estimateSize, type SizeEstimate } from '../check/estimate.js';
import type { PropertyName } from '../props/property.js';
import { formatCount, symmetryLines } from '../report/summary.js';
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
  };
  readonly estimate: SizeEstimate;
  /** Seconds and visited-set bytes of a full run at the sample's rate, for the estimate and its range. */
  readonly fullRun?: { readonly seconds: readonly [number, number, number]; readonly storeBytes: readonly [number, number, number] };
  readonly violatedInSample: readonly string[];
}

/** 1.4M, 230k: enough digits for an estimate. */
function rough(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(2))}G`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(2))}M`;
  if (n >= 1e4) return `${Number((n / 1e3).toPrecision(2))}k`;
  return formatCount(Math.round(n));
}

function mebibytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  return `${mib < 10 ? Number(mib.toPrecision(2)) : rough(mib)} MiB`;
}

function duration(seconds: number): string {
  if (seconds < 100) return `${Number(seconds.toPrecision(2))} s`;
  if (seconds < 6000) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toPrecision(2))} h`;
}

export async function runEstimate(configFile: string, options: EstimateCommandOptions): Promise<number> {
  const model = modelOf(loadConfig(configFile));
  const result = await check(model, {
    properties: options.properties,
    symmetry: options.symmetry,
    limits: { timeLimitMs: options.budgetSeconds * 1000, maxStates: options.maxStates },
  });
  const { engine } = result;
  const explored = engine.store.size;
  // When a limit stopped the run, the last level listed was being expanded: it is complete, the next is partial.
  const levels = engine.levels;
  const partial = explored - levels.reduce((a, b) => a + b, 0);
  const estimate = estimateSize(levels, partial, engine.complete);
  const seconds = engine.elapsedMs / 1000;
  const rate = explored / Math.max(seconds, 1e-3);
  const bytesPerState = engine.store.bytes / explored;
  const triple = (f: (n: number) => number, e: SizeEstimate) =>
    e.kind === 'extrapolated' ? ([f(e.states), f(e.low), f(e.high)] as const) : undefined;
  const secondsOf = triple((n) => Number((n / rate).toFixed(1)), estimate);
  const bytesOf = triple((n) => StateStore.bytesFor(Math.round(n)), estimate);
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
    },
    estimate,
    ...(secondsOf && bytesOf ? { fullRun: { seconds: secondsOf, storeBytes: bytesOf } } : {}),
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
      const [t, tLow, tHigh] = secondsOf!;
      const [b, bLow, bHigh] = bytesOf!.map(mebibytes);
      lines.push(
        `estimate: about ${rough(estimate.states)} ${what}, likely between ${rough(estimate.low)} and ${rough(estimate.high)}` +
          ` (at least ${formatCount(estimate.atLeast)}: explored)`,
        `  a full run: about ${duration(t)} (${duration(tLow)} to ${duration(tHigh)}) at the sample's rate; visited set about ${b} (${bLow} to ${bHigh})`,
      );
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
