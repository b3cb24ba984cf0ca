// A simulation: random walks from the initial state, checked along the way,
// the first violating walk of each property (in walk order) shrunk, and the
// shrunk counterexample proved minimal by a bounded breadth-first check when
// its budget allows. Walks are run by whoever `runWalks` hands them to (this
// thread or worker threads) and consumed in walk order, one at a time, so the
// result depends on the seed and the options, not on the number of threads.
import { createFingerprinter } from '../hash/fingerprint.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Counterexample } from '../props/verdict.js';
import type { Model } from '../spec/model.js';
import { findingCounterexample } from '../props/counterexample.js';
import { stepConsistencyCounterexample } from '../props/step-consistency.js';
import { verdictKind, type PropertyName } from '../props/property.js';
import { PROPERTIES } from '../props/registry.js';
import { DistinctEstimate } from './distinct.js';
import { proveMinimal, type BoundedCheck, type Minimality } from './minimality.js';
import { PairOracle, replayActions, TraceOracle } from './oracle.js';
import { shrinkPair, shrinkTrace } from './shrink.js';
import { ViewClassTable, type PairFinding } from './view-table.js';
import { walkActions, type WalkFinding, type WalkResult } from './walk.js';

/** A run of consecutive walks, the unit of work of a thread. */
export interface WalkTask {
  readonly seed: number;
  readonly first: number;
  readonly count: number;
  readonly length: number;
  readonly properties: readonly PropertyName[];
}

export type WalkRunner = (task: WalkTask) => Promise<WalkResult[]>;

/** The properties simulation checks: the safety properties (liveness needs whole cycles, which walks do not show). */
export const SIMULATED = (p: PropertyName): boolean => verdictKind(PROPERTIES[p]) === 'safety';

export interface SimulationOptions {
  readonly properties: readonly PropertyName[];
  readonly seed: number;
  /** Actions per walk. */
  readonly walkLength: number;
  /** Walks at most (the run stops earlier once every property is violated). */
  readonly walks: number;
  readonly timeLimitMs?: number;
  /** States the minimality check may store. */
  readonly proofStates: number;
  /** View classes per OS the step-consistency table keeps. */
  readonly viewClasses: number;
  /** Walks per task, and tasks out at once. */
  readonly walksPerTask: number;
  readonly inFlight: number;
  readonly interrupted?: () => boolean;
}

/** Where a violation was first seen and how long its counterexample was there. */
export interface Discovery {
  readonly walk: number;
  readonly length: number;
}

export type SimulationVerdict =
  | { readonly property: PropertyName; readonly status: 'violated'; readonly discovery: Discovery; readonly shrunkLength: number; readonly replays: number; readonly minimality: Minimality; readonly counterexample: Counterexample }
  | { readonly property: PropertyName; readonly status: 'not-found' | 'not-checked' };

export interface SimulationResult {
  readonly verdicts: readonly SimulationVerdict[];
  readonly walks: number;
  readonly steps: number;
  readonly distinctEstimate: number;
  /** Per action index: times enabled at a visited state, and times taken. */
  readonly coverage: Uint32Array;
  readonly viewClasses: number;
  readonly viewTableFull: boolean;
  readonly walkMs: number;
  readonly shrinkMs: number;
  readonly proofMs: number;
  readonly stoppedBy: 'all-violated' | 'walks' | 'time-limit' | 'interrupted';
}

type Found = { readonly kind: 'trace'; readonly walk: WalkResult; readonly finding: WalkFinding } | { readonly kind: 'pair'; readonly pair: PairFinding };

const lengthOf = (found: Found): number =>
  found.kind === 'pair' ? Math.max(found.pair.first.step, found.pair.second.step) + 1 : found.finding.step + (found.finding.action < 0 ? 0 : 1);

export async function simulate(model: Model, runWalks: WalkRunner, check: BoundedCheck, options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const wanted = options.properties.filter(SIMULATED);
  const found = new Map<PropertyName, Found>();
  const table = wanted.includes('isolation') ? new ViewClassTable(model.ctx, options.viewClasses) : null;
  const distinct = new DistinctEstimate();
  const coverage = new Uint32Array(alphabetOf(model.ctx).actions.length * 2);
  let steps = 0;
  let walks = 0;

  const consume = (walk: WalkResult) => {
    walks++;
    steps += walk.actions.length;
    distinct.addAll(walk.fingerprints);
    for (let i = 0; i < coverage.length; i++) coverage[i]! += walk.coverage[i]!;
    const isolationOpen = !found.has('isolation');
    for (const finding of walk.findings) {
      if (!found.has(finding.property)) found.set(finding.property, { kind: 'trace', walk, finding });
    }
    const pair = table && walk.isolation && isolationOpen ? table.offer(walk.walk, walk.isolation) : null;
    if (pair) {
      // A locally-respects finding of this same walk competes with the pair: the shorter is kept.
      const local = found.get('isolation');
      const candidate: Found = { kind: 'pair', pair };
      if (!local || lengthOf(candidate) < lengthOf(local)) found.set('isolation', candidate);
    }
  };
  const stop = (): SimulationResult['stoppedBy'] | null => {
    if (wanted.every((p) => found.has(p))) return 'all-violated';
    if (options.interrupted?.()) return 'interrupted';
    if (options.timeLimitMs !== undefined && Date.now() - started >= options.timeLimitMs) return 'time-limit';
    return null;
  };

  // Tasks are handed out in walk order and consumed in walk order, walk by walk.
  const pending: Promise<WalkResult[]>[] = [];
  let next = 0;
  const launch = () => {
    while (pending.length < options.inFlight && next < options.walks) {
      const count = Math.min(options.walksPerTask, options.walks - next);
      pending.push(runWalks({ seed: options.seed, first: next, count, length: options.walkLength, properties: wanted.filter((p) => !found.has(p)) }));
      next += count;
    }
  };
  let reason: SimulationResult['stoppedBy'] | null = wanted.length === 0 ? 'all-violated' : null;
  launch();
  try {
    while (reason === null && pending.length > 0) {
      const results = await pending.shift()!;
      for (const walk of results) {
        consume(walk);
        reason = stop();
        if (reason !== null) break;
      }
      if (reason === null) launch();
    }
  } finally {
    // Walks still out are not consumed, but they must end before the run does.
    await Promise.allSettled(pending);
  }
  const stoppedBy = reason ?? 'walks';
  const walkMs = Date.now() - started;

  const fingerprint = await createFingerprinter();
  let shrinkMs = 0;
  let proofMs = 0;
  const verdicts: SimulationVerdict[] = [];
  for (const property of options.properties) {
    if (!SIMULATED(property)) {
      verdicts.push({ property, status: 'not-checked' });
      continue;
    }
    const f = found.get(property);
    if (!f) {
      verdicts.push({ property, status: 'not-found' });
      continue;
    }
    const shrinkStart = Date.now();
    const shrunk = f.kind === 'trace' ? shrunkTrace(model, property, f, fingerprint) : shrunkPair(model, options.seed, f.pair, fingerprint);
    const proofStart = Date.now();
    shrinkMs += proofStart - shrinkStart;
    const minimality = await proveMinimal(check, property, shrunk.counterexample.length, options.proofStates);
    proofMs += Date.now() - proofStart;
    verdicts.push({
      property,
      status: 'violated',
      discovery: { walk: f.kind === 'trace' ? f.walk.walk : f.pair.second.walk, length: lengthOf(f) },
      shrunkLength: shrunk.counterexample.length,
      replays: shrunk.replays,
      minimality,
      counterexample: minimality.status === 'shorter' ? minimality.counterexample : shrunk.counterexample,
    });
  }
  return {
    verdicts,
    walks,
    steps,
    distinctEstimate: distinct.value,
    coverage,
    viewClasses: table?.size ?? 0,
    viewTableFull: table?.full ?? false,
    walkMs,
    shrinkMs,
    proofMs,
    stoppedBy,
  };
}

interface Shrunk {
  readonly counterexample: Counterexample;
  readonly replays: number;
}

function shrunkTrace(model: Model, property: PropertyName, f: Found & { kind: 'trace' }, fingerprint: Awaited<ReturnType<typeof createFingerprinter>>): Shrunk {
  const oracle = new TraceOracle(model, property, fingerprint);
  const { actions, violation, replays } = shrinkTrace(model, oracle, [...f.walk.actions.subarray(0, f.finding.step)]);
  const trace = replayActions(model, actions)!;
  const counterexample = findingCounterexample(
    { model, trace: () => trace },
    { property, stateId: 0, depth: violation.step, action: violation.action, detail: violation.detail },
  );
  return { counterexample, replays };
}

function shrunkPair(model: Model, seed: number, pair: PairFinding, fingerprint: Awaited<ReturnType<typeof createFingerprinter>>): Shrunk {
  const actionsOf = (place: { walk: number; step: number }) => walkActions(model, seed, place.walk, place.step);
  const shrunk = shrinkPair(model, new PairOracle(model, fingerprint), actionsOf(pair.first), actionsOf(pair.second));
  const traces = [replayActions(model, shrunk.first)!, replayActions(model, shrunk.second)!];
  const counterexample = stepConsistencyCounterexample(
    { model, trace: (id) => traces[id]! },
    { property: 'isolation', stateId: 1, related: 0, os: shrunk.conflict.os, depth: 0, action: shrunk.conflict.action, detail: 'step consistency' },
  );
  return { counterexample, replays: shrunk.replays };
}
