// The machine-readable result of a check: verdicts, statistics and the run's
// parameters, as one JSON object.
import { formatAction, type ActionKind } from '../state/actions.js';
import type { Config } from '../state/config.js';
import { alphabetOf } from '../spec/alphabet.js';
import { formatResponse } from '../spec/response.js';
import { counterexampleOf, type CheckResult, type PartVerdict, type SymmetryPlan, type Verdict } from '../check/check.js';
import type { Limits, StopReason } from '../engine/engine.js';
import type { Model } from '../spec/model.js';
import type { ItfJson } from '../trace/itf.js';
import { VERSION } from './version.js';

const TOOL = { name: 'virtcheck', version: VERSION } as const;

export interface RunInfo {
  readonly configFile: string;
  readonly startedAt: Date;
  readonly workers: number;
  readonly limits: Limits;
}

export interface VerdictJson {
  readonly status: Verdict['status'];
  readonly kind: Verdict['kind'];
  readonly upToDepth?: number;
  readonly length?: number;
  readonly violation?: string;
  readonly action?: string;
  readonly response?: string | null;
  /** The counterexample's ITF file, relative to the result file (the first, when it has several). */
  readonly trace?: string;
  /** Every ITF file of the counterexample, when it has more than one trace. */
  readonly traces?: readonly string[];
  /** The counterexample's traces themselves, when no file was written (`--no-write`). */
  readonly itf?: readonly ItfJson[];
  /** A property made of sub-properties: the verdict of each, by name. */
  readonly parts?: Record<string, PartJson>;
  readonly stats?: Readonly<Record<string, number>>;
}

export interface PartJson {
  readonly status: Verdict['status'];
  readonly length?: number;
  /** For a lasso: actions before the cycle, and on it (the closing one included). */
  readonly prefix?: number;
  readonly cycle?: number;
  /** Whether the cycle is proved the shortest fair cycle from the prefix's last state; when not, no fair cycle is shorter than `cycleAtLeast`. */
  readonly cycleMinimal?: boolean;
  readonly cycleAtLeast?: number;
  readonly violation?: string;
  readonly trace?: string;
}

export interface Coverage {
  readonly enabled: number;
  readonly ok: number;
  readonly err: number;
}

export interface ResultJson {
  readonly tool: typeof TOOL;
  readonly run: {
    readonly configFile: string;
    readonly startedAt: string;
    readonly workers: number;
    readonly properties: readonly string[];
    readonly limits: Limits;
    readonly symmetry: SymmetryPlan;
  };
  readonly config: Config;
  readonly outcome: {
    readonly complete: boolean;
    readonly stoppedBy: StopReason | null;
    readonly exitCode: number;
    /** When the run stopped early: in which phase ('exploring', or 'analysing <property>' once exploration was complete). */
    readonly stoppedIn?: string;
    /** What failed, when stoppedBy is 'failure'; why, when it is 'memory-limit'. */
    readonly reason?: string;
  };
  readonly verdicts: Record<string, VerdictJson>;
  readonly stats: {
    /** Reachable states of the model; under symmetry reduction, the sizes of the stored orbits. */
    readonly distinctStates: number;
    /** Under symmetry reduction: the stored representatives, their transitions and levels. */
    readonly orbits?: number;
    readonly orbitTransitions?: number;
    readonly orbitLevels?: readonly number[];
    readonly generatedStates: number;
    readonly transitions: number;
    readonly depth: number;
    readonly levels: readonly number[];
    readonly durationMs: number;
    readonly statesPerSecond: number;
    readonly collisionProbability: number;
    readonly memory: {
      /** The visited set alone, and per state stored. */
      readonly storeBytes: number;
      readonly bytesPerState: number;
      /** The most the level buffers (a level being expanded and the next) held at once. */
      readonly frontierPeakBytes: number;
      readonly heapUsedBytes: number;
      readonly rssBytes: number;
      /** The whole process (threads included): its peak resident set, and that per state stored. */
      readonly peakRssBytes: number;
      readonly processBytesPerState: number;
    };
    readonly coverage: Record<string, Coverage>;
    readonly neverEnabled: readonly string[];
  };
}

/** TLC's optimistic estimate of a fingerprint collision: n (g - n) / 2^64. */
export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}

/**
 * Coverage by action kind; `actionOrbits` (under symmetry reduction) groups
 * the actions the group maps to each other: one enabled at a representative
 * has every image enabled at a state of its orbit.
 */
function coverageByKind(model: Model, counts: Uint32Array, actionOrbits?: readonly (readonly number[])[]): { byKind: Record<string, Coverage>; neverEnabled: string[] } {
  const actions = alphabetOf(model.ctx).actions;
  const byKind: Partial<Record<ActionKind, { enabled: number; ok: number; err: number }>> = {};
  const neverEnabled: string[] = [];
  actions.forEach((action, i) => {
    const entry = (byKind[action.kind] ??= { enabled: 0, ok: 0, err: 0 });
    entry.enabled += counts[i * 3]!;
    entry.ok += counts[i * 3 + 1]!;
    entry.err += counts[i * 3 + 2]!;
    const images = actionOrbits?.[i] ?? [i];
    if (images.every((j) => counts[j * 3] === 0)) neverEnabled.push(formatAction(action));
  });
  return { byKind, neverEnabled };
}

function lassoJson(lasso: NonNullable<PartVerdict['lasso']>): Partial<PartJson> {
  const { prefix, cycle, cycleMinimal, cycleAtLeast } = lasso;
  return cycleMinimal ? { prefix, cycle, cycleMinimal } : { prefix, cycle, cycleMinimal, cycleAtLeast };
}

function partsJson(verdict: Verdict, traceFiles: readonly string[]): Record<string, PartJson> {
  const labels = counterexampleOf(verdict)?.traces.map((t) => t.label) ?? [];
  return Object.fromEntries(
    verdict.parts!.map((p) => {
      const file = traceFiles[labels.indexOf(p.name)];
      const part: PartJson = {
        status: p.status,
        ...(p.length === undefined ? {} : { length: p.length }),
        ...(p.lasso ? lassoJson(p.lasso) : {}),
        ...(p.detail === undefined ? {} : { violation: p.detail }),
        ...(file === undefined ? {} : { trace: file }),
      };
      return [p.name, part];
    }),
  );
}

export function verdictJson(verdict: Verdict, traceFiles: readonly string[] = [], itf: readonly ItfJson[] = []): VerdictJson {
  const c = counterexampleOf(verdict);
  const upToDepth = verdict.status === 'inconclusive' ? verdict.upToDepth : undefined;
  return {
    status: verdict.status,
    kind: verdict.kind,
    ...(upToDepth === undefined ? {} : { upToDepth }),
    ...(c
      ? {
          length: c.length,
          violation: c.detail,
          ...(c.action
            ? { action: formatAction(c.action.action), response: c.action.outcome ? formatResponse(c.action.outcome.response) : null }
            : {}),
          ...(traceFiles.length > 0 ? { trace: traceFiles[0] } : {}),
          ...(traceFiles.length > 1 ? { traces: traceFiles } : {}),
          ...(itf.length > 0 ? { itf } : {}),
        }
      : {}),
    ...(verdict.parts ? { parts: partsJson(verdict, traceFiles) } : {}),
    ...(verdict.stats ? { stats: verdict.stats } : {}),
  };
}

/** The counterexamples: as the names of the files written, or (none written) the traces themselves. */
export type CounterexampleJson =
  | { readonly written: true; readonly files: ReadonlyMap<string, readonly string[]> }
  | { readonly written: false; readonly traces: ReadonlyMap<string, readonly ItfJson[]> };

/** What stopped the run (exploration or, once it was complete, an analysis), with its reason when there is one. */
export function outcomeOf(result: CheckResult): { complete: boolean; stoppedBy: StopReason | null; stoppedIn?: string } {
  if (result.engine.stoppedBy !== null) return { complete: false, stoppedBy: result.engine.stoppedBy, stoppedIn: 'exploring' };
  for (const v of result.verdicts) {
    if (v.status === 'inconclusive' && v.analysisStoppedBy) return { complete: false, stoppedBy: v.analysisStoppedBy, stoppedIn: `analysing ${v.property}` };
  }
  return { complete: true, stoppedBy: null };
}

export function resultJson(
  model: Model,
  run: RunInfo,
  result: CheckResult,
  exit: { readonly code: number; readonly reason?: string },
  counterexamples: CounterexampleJson,
): ResultJson {
  const { engine } = result;
  const stored = engine.store.size;
  const { represented } = engine;
  const distinct = represented?.states ?? stored;
  const transitions = represented?.transitions ?? engine.transitions;
  const generated = 1 + transitions;
  const coverage = coverageByKind(model, engine.coverage, result.actionOrbits);
  const memory = process.memoryUsage();
  const peakRss = Math.max(memory.rss, process.resourceUsage().maxRSS * 1024);
  return {
    tool: TOOL,
    run: {
      configFile: run.configFile,
      startedAt: run.startedAt.toISOString(),
      workers: run.workers,
      properties: result.verdicts.map((v) => v.property),
      limits: run.limits,
      symmetry: result.symmetry,
    },
    config: model.ctx.config,
    outcome: { ...outcomeOf(result), exitCode: exit.code, ...(exit.reason === undefined ? {} : { reason: exit.reason }) },
    verdicts: Object.fromEntries(
      result.verdicts.map((v) => [
        v.property,
        counterexamples.written
          ? verdictJson(v, counterexamples.files.get(v.property))
          : verdictJson(v, [], counterexamples.traces.get(v.property)),
      ]),
    ),
    stats: {
      distinctStates: distinct,
      ...(represented ? { orbits: stored, orbitTransitions: engine.transitions, orbitLevels: engine.levels } : {}),
      generatedStates: generated,
      transitions,
      depth: engine.levels.length - 1,
      levels: represented?.levels ?? engine.levels,
      durationMs: engine.elapsedMs,
      // What the store holds and the fingerprints computed: orbits under symmetry reduction.
      statesPerSecond: engine.elapsedMs > 0 ? Math.round((stored * 1000) / engine.elapsedMs) : stored,
      collisionProbability: collisionProbability(stored, 1 + engine.transitions),
      memory: {
        storeBytes: engine.store.bytes,
        bytesPerState: Number((engine.store.bytes / stored).toFixed(2)),
        frontierPeakBytes: engine.frontierPeakBytes,
        heapUsedBytes: memory.heapUsed,
        rssBytes: memory.rss,
        peakRssBytes: peakRss,
        processBytesPerState: Math.round(peakRss / stored),
      },
      coverage: coverage.byKind,
      neverEnabled: coverage.neverEnabled,
    },
  };
}
