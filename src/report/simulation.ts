// What a simulation reports: its result as JSON, and as text (verdicts, the
// counterexamples as `check` prints them, then the walks' figures).
import { formatAction, type ActionKind } from '../state/actions.js';
import type { Config } from '../state/config.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Verdict } from '../props/verdict.js';
import type { Model } from '../spec/model.js';
import { verdictKind } from '../props/property.js';
import { PROPERTIES } from '../props/registry.js';
import { verdictJson, type VerdictJson } from './result.js';
import { counterexampleLines } from './summary.js';
import { formatCount } from './units.js';
import { DISTINCT_ERROR } from '../simulate/distinct.js';
import type { Minimality } from '../simulate/minimality.js';
import type { SimulationOptions, SimulationResult, SimulationVerdict } from '../simulate/simulate.js';

/** A simulation verdict as a check verdict, for what writes and prints counterexamples. */
export function asCheckVerdict(v: SimulationVerdict): Verdict | null {
  return v.status === 'violated' ? { property: v.property, kind: verdictKind(PROPERTIES[v.property]), status: 'violated', counterexample: v.counterexample } : null;
}

export interface SimulationRunInfo {
  readonly configFile: string;
  readonly startedAt: Date;
  readonly workers: number;
}

export interface SimulationJson {
  readonly tool: { readonly name: 'virtcheck'; readonly command: 'simulate' };
  readonly run: Omit<SimulationRunInfo, 'startedAt'> & { readonly startedAt: string; readonly options: Omit<SimulationOptions, 'interrupted'> };
  readonly config: Config;
  readonly outcome: { readonly stoppedBy: SimulationResult['stoppedBy']; readonly exitCode: number };
  readonly verdicts: Record<string, Partial<VerdictJson> & { readonly status: string; readonly simulation?: object }>;
  readonly stats: {
    readonly walks: number;
    readonly steps: number;
    readonly distinctStatesEstimate: number;
    readonly distinctStatesRelativeError: number;
    readonly stepsPerSecond: number;
    readonly walkMs: number;
    readonly shrinkMs: number;
    readonly proofMs: number;
    readonly viewClasses: number;
    readonly viewTableFull: boolean;
    readonly coverage: Record<string, { readonly enabled: number; readonly taken: number }>;
    readonly neverTaken: readonly string[];
  };
}

function coverageOf(model: Model, coverage: Uint32Array) {
  const actions = alphabetOf(model.ctx).actions;
  const byKind: Partial<Record<ActionKind, { enabled: number; taken: number }>> = {};
  const neverTaken: string[] = [];
  actions.forEach((a, ai) => {
    const c = (byKind[a.kind] ??= { enabled: 0, taken: 0 });
    c.enabled += coverage[2 * ai]!;
    c.taken += coverage[2 * ai + 1]!;
    if (coverage[2 * ai + 1] === 0) neverTaken.push(formatAction(a));
  });
  return { byKind: byKind as Record<string, { enabled: number; taken: number }>, neverTaken };
}

export const stepsPerSecond = (r: SimulationResult): number => (r.walkMs > 0 ? Math.round((r.steps * 1000) / r.walkMs) : r.steps);

export function simulationJson(
  model: Model,
  run: SimulationRunInfo,
  options: SimulationJson['run']['options'],
  result: SimulationResult,
  exitCode: number,
  traceFiles: ReadonlyMap<string, readonly string[]>,
): SimulationJson {
  const coverage = coverageOf(model, result.coverage);
  const verdicts = result.verdicts.map((v) => {
    const asCheck = asCheckVerdict(v);
    if (!asCheck || v.status !== 'violated') return [v.property, { status: v.status }];
    const { counterexample: _, ...minimality } = v.minimality as Minimality & { counterexample?: unknown };
    return [
      v.property,
      {
        ...verdictJson(asCheck, traceFiles.get(v.property)),
        simulation: { discovery: v.discovery, shrunkLength: v.shrunkLength, replays: v.replays, minimality },
      },
    ];
  });
  return {
    tool: { name: 'virtcheck', command: 'simulate' },
    run: { ...run, startedAt: run.startedAt.toISOString(), options },
    config: model.ctx.config,
    outcome: { stoppedBy: result.stoppedBy, exitCode },
    verdicts: Object.fromEntries(verdicts),
    stats: {
      walks: result.walks,
      steps: result.steps,
      distinctStatesEstimate: result.distinctEstimate,
      distinctStatesRelativeError: Number(DISTINCT_ERROR.toFixed(4)),
      stepsPerSecond: stepsPerSecond(result),
      walkMs: result.walkMs,
      shrinkMs: result.shrinkMs,
      proofMs: result.proofMs,
      viewClasses: result.viewClasses,
      viewTableFull: result.viewTableFull,
      coverage: coverage.byKind,
      neverTaken: coverage.neverTaken,
    },
  };
}

/** How minimal the counterexample is, in words. */
export function minimalityText(m: Minimality, shrunkLength: number): string {
  switch (m.status) {
    case 'proved':
      return m.depth < 0 ? 'minimal (the initial state)' : `minimal, proved to depth ${m.depth}`;
    case 'shorter':
      return `shrunk to ${shrunkLength}; breadth-first search to depth ${m.depth} found a shorter one, the shortest`;
    case 'not-proved':
      return `not proved minimal: ${m.reason}`;
  }
}

export function verdictLineOf(v: SimulationVerdict, walks: number): string {
  const name = v.property.padEnd(13);
  switch (v.status) {
    case 'not-checked':
      return `  ${name} not checked by simulation (${verdictKind(PROPERTIES[v.property])})`;
    case 'not-found':
      return `  ${name} no violation found in ${formatCount(walks)} walks (not a proof that it holds)`;
    case 'violated': {
      const shrunk = v.minimality.status === 'shorter' ? '' : `shrunk to ${v.shrunkLength}, `;
      return (
        `  ${name} VIOLATED (counterexample of ${v.counterexample.length} steps: found on walk ${v.discovery.walk} at ${v.discovery.length}, ` +
        `${shrunk}${minimalityText(v.minimality, v.shrunkLength)})`
      );
    }
  }
}

export function simulationLines(json: SimulationJson, result: SimulationResult, traceFiles: ReadonlyMap<string, readonly string[]>): string[] {
  const { stats, run } = json;
  const lines = [
    `virtcheck simulate: ${run.configFile} (${json.config.name}), seed ${run.options.seed}`,
    ...result.verdicts.map((v) => verdictLineOf(v, result.walks)),
    '',
  ];
  for (const v of result.verdicts) {
    if (v.status !== 'violated') continue;
    lines.push(...counterexampleLines(v.property, v.counterexample, traceFiles.get(v.property) ?? []), '');
  }
  lines.push(
    `${formatCount(stats.walks)} walks of up to ${run.options.walkLength} actions, ${formatCount(stats.steps)} steps in ${(stats.walkMs / 1000).toFixed(2)} s ` +
      `(${formatCount(stats.stepsPerSecond)} steps/s, ${run.workers} threads); stopped: ${result.stoppedBy}`,
    `distinct states seen: about ${formatCount(stats.distinctStatesEstimate)} (HyperLogLog estimate, standard error ${(stats.distinctStatesRelativeError * 100).toFixed(1)}%)`,
    `step consistency: ${formatCount(stats.viewClasses)} view classes kept${stats.viewTableFull ? ' (table full: later classes not compared)' : ''}`,
    `shrinking ${(stats.shrinkMs / 1000).toFixed(2)} s, minimality search ${(stats.proofMs / 1000).toFixed(2)} s`,
    'coverage (enabled at a visited state / taken):',
    ...Object.entries(stats.coverage).map(([kind, c]) => `  ${kind.padEnd(9)} ${formatCount(c.enabled).padStart(12)} ${formatCount(c.taken).padStart(12)}`),
  );
  if (stats.neverTaken.length > 0) lines.push(`never taken: ${stats.neverTaken.join(', ')}`);
  return lines;
}
