// The breadth-first engine: level by level from the initial state to the
// fixpoint or a limit. Expansion is delegated (inline or to worker threads);
// the engine alone deduplicates, assigns ids in a fixed order and keeps the
// first finding of each property, so results do not depend on who expanded
// what or when.
import type { Fingerprinter } from '../hash/fingerprint.js';
import { NO_PARENT, StateStore } from '../hash/state-store.js';
import type { Batch, BatchResult } from './batch.js';
import type { FirstFinding, TransitionObserver } from '../props/coordinator.js';
import { Growable } from './growable.js';
import { LevelBuffer } from './level-buffer.js';
import type { LevelSource } from './level-source.js';
import type { VisitedStore } from '../hash/visited-store.js';
import { SpilledSearch, type SpillOptions } from './disk/spilled-search.js';
import type { CheckpointHook, LevelBoundary, Represented } from './boundary.js';

export type StopReason = 'depth' | 'max-states' | 'time-limit' | 'interrupted' | 'memory-limit' | 'failure' | 'violation';

export interface Limits {
  /** Explore states at distance at most this from the initial state. */
  readonly maxDepth?: number;
  readonly maxStates?: number;
  readonly timeLimitMs?: number;
  /** Stop at the first finding of any property. */
  readonly stopOnFirst?: boolean;
  /** Go on to the fixpoint once every property is violated (exact counts), instead of stopping: see `decides`. */
  readonly exhaustive?: boolean;
}

export interface Progress {
  readonly level: number;
  readonly distinct: number;
  readonly generated: number;
  /** States of the current level not yet expanded, plus the next level so far. */
  readonly queue: number;
  readonly elapsedMs: number;
  /** Under symmetry reduction: `distinct` counts stored orbits, `generated` their representatives' successors. */
  readonly orbits?: boolean;
}

/** States per batch, unless the caller says otherwise. */
export const DEFAULT_BATCH_SIZE = 1024;

/** Answers expanded by the coordinator itself, held at most while it waits for the threads, per batch that may be in flight. */
const HELD_HERE_PER_IN_FLIGHT = 4;

/**
 * Whoever expands batches: called in level order, answers may arrive out of
 * order. It leaves the batch's buffers as they are (a thread is sent a copy):
 * the coordinator may take the batch back (`Helping`).
 */
export type BatchExpander = (batch: Batch) => Promise<BatchResult>;

/**
 * The coordinator's share of the expansion, when `expand` hands batches to
 * other threads: it expands the batches they have no room for, and the next
 * ones while the answer it must consume next is not back, so that it is one
 * of the threads that expand rather than one that waits.
 */
export interface Helping {
  /** Expands a batch at once, on the coordinator's own thread. */
  readonly expand: (batch: Batch) => BatchResult;
  /** How many more batches `expand` can take now without one waiting for a thread. */
  readonly room: () => number;
}

export interface EngineOptions {
  readonly limits?: Limits;
  readonly batchSize?: number;
  /** How many batches may be expanding at once. */
  readonly inFlight?: number;
  /** The coordinator's share of the expansion: see `Helping`. */
  readonly help?: Helping;
  readonly onProgress?: (progress: Progress) => void;
  /** Polled between batches; true stops the run (an interruption). */
  readonly interrupted?: () => boolean;
  /** Polled between batches; true stops the run (the memory limit is reached). */
  readonly overMemory?: () => boolean;
  readonly observers?: readonly TransitionObserver[];
  readonly actionCount: number;
  /**
   * Properties whose first findings are all the run has to decide: once each
   * has one, the run stops (as a violation). A first finding is never
   * replaced, so nothing explored later could change a verdict or a
   * counterexample. Absent when something needs the whole graph (liveness).
   */
  readonly decides?: readonly string[];
  /**
   * Properties whose first finding ends the run at once (as a violation),
   * whatever the limits say: the caller will not use this run's answer for
   * them (check.ts reruns under a smaller group).
   */
  readonly abandonOn?: readonly string[];
  /**
   * Under symmetry reduction, the number of states of the orbit of a stored
   * representative (of the initial state: the expander gives the successors'
   * with each batch, `succWeight`); the engine then also counts the states
   * and transitions of the unreduced system (`EngineResult.represented`).
   */
  readonly orbitSize?: (bytes: Uint8Array, start: number, end: number) => number;
  /**
   * A memory budget for the visited set and the queue: at the end of a level
   * where they hold more, both go to disk (src/engine/disk/spilled-search.ts) and
   * the run goes on with the same ids, levels and findings. Observers then
   * get no resolved targets (UNRESOLVED): none that reads them may run. Not
   * with checkpoints, which save the store and the level from memory.
   */
  readonly spill?: SpillOptions;
  /** Makes level boundaries points where the run can be saved (src/engine/boundary.ts). */
  readonly checkpoint?: CheckpointHook;
  /** Carries on a run saved at a level boundary, instead of starting from `initial`. */
  readonly resumeFrom?: LevelBoundary;
}

/** A target a spilled run does not resolve while its batch is observed. */
export const UNRESOLVED = -2;

export type { Represented } from './boundary.js';

export interface EngineResult {
  readonly store: VisitedStore;
  /** Distinct states first reached at each depth. */
  readonly levels: number[];
  /** Enabled transitions taken (errors and self-loops included). */
  readonly transitions: number;
  /** True when every reachable state was explored. */
  readonly complete: boolean;
  readonly stoppedBy: StopReason | null;
  /** Every state at depth <= this was expanded and checked. */
  readonly checkedDepth: number;
  readonly findings: ReadonlyMap<string, FirstFinding>;
  /** When the expander failed (stoppedBy 'failure'): its error. The states consumed before are kept. */
  readonly failure?: unknown;
  /** Per action index: enabled, ok, error. */
  readonly coverage: Uint32Array;
  readonly elapsedMs: number;
  /** The most bytes the level buffers (the current level and the next) held at once. */
  readonly frontierPeakBytes: number;
  /** Under symmetry reduction (with `orbitSize`): what the stored orbits stand for. */
  readonly represented?: Represented;
  /** When the run spilled to disk (`spill`): the first depth whose new states were decided on disk. */
  readonly spilledAtDepth?: number;
}

export async function explore(
  initial: Uint8Array,
  fingerprint: Fingerprinter,
  expand: BatchExpander,
  options: EngineOptions,
): Promise<EngineResult> {
  const limits = options.limits ?? {};
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const inFlight = Math.max(1, options.inFlight ?? 1);
  const observers = options.observers ?? [];
  const started = Date.now();
  const resumed = options.resumeFrom;
  let store = resumed?.store ?? new StateStore();
  // Set once the budget is hit: from then on the visited set and the queue are on disk.
  let spilled: SpilledSearch | null = null;
  let spilledAtDepth: number | undefined;
  const levels: number[] = [...(resumed?.counters.levels ?? [])];
  const findings = new Map<string, FirstFinding>(resumed?.findings ?? []);
  const coverage = resumed ? Uint32Array.from(resumed.counters.coverage) : new Uint32Array(options.actionCount * 3);
  const report = (finding: FirstFinding) => {
    if (!findings.has(finding.property)) findings.set(finding.property, finding);
  };
  let transitions = resumed?.counters.transitions ?? 0;
  let frontierPeakBytes = resumed?.counters.frontierPeakBytes ?? 0;
  const { orbitSize } = options;
  const saved = resumed?.counters.represented;
  const represented = orbitSize ? { states: saved?.states ?? 0, transitions: saved?.transitions ?? 0, levels: [...(saved?.levels ?? [])] } : undefined;
  // Orbit sizes of the states of the level being expanded, and of the next (typed: no number kept per state).
  let weights: Growable<Uint32Array> = new Growable(Uint32Array, 1 << 10);
  const weigh = (into: Growable<Uint32Array>, size: number) => {
    if (!represented) return;
    into.push(size);
    represented.states += size;
  };
  let stoppedBy: StopReason | null = null;
  let failure: unknown;
  let checkedDepth = resumed?.counters.checkedDepth ?? -1;
  // A new state was seen that the depth bound (beyondBound) or the state limit (overLimit) kept out.
  const keptOut = { beyondBound: false, overLimit: false };

  const firstLevel = resumed?.level ?? new LevelBuffer();
  let current: LevelSource = firstLevel;
  if (resumed) {
    for (const w of resumed.weights ?? []) weights.push(w);
  } else {
    fingerprint.hash(initial);
    store.add(fingerprint.hi, fingerprint.lo, NO_PARENT);
    firstLevel.push(initial, 0, initial.length);
    if (orbitSize) weigh(weights, orbitSize(initial, 0, initial.length));
  }
  // With checkpoints, a stop signal waits for the next level boundary (and its save).
  const polled = options.checkpoint ? { overMemory: options.overMemory } : options;

  // Batches handed out and not yet consumed: the current level's and, once
  // every batch of it is out, the next level's, each as soon as the whole
  // batch is known, so that no thread idles while a level ends. Batches, their
  // boundaries and the order they are consumed in (id order) are the same
  // whenever they are handed out.
  let pending: Promise<BatchResult>[] = [];
  let launched = 0;
  // Answers handed out to `expand` and not yet consumed.
  let outstanding = 0;
  // Helping: the answers that are back, and those expanded here (back at once, not outstanding), until consumed.
  const answered = new Set<Promise<BatchResult>>();
  const doneHere = new Set<Promise<BatchResult>>();
  // Helping: the batches handed out to `expand` whose answers are not yet consumed, by answer.
  const handedOut = new Map<Promise<BatchResult>, Batch>();
  const { help } = options;
  const expandedHere = (batch: Batch): Promise<BatchResult> => {
    let answer: Promise<BatchResult>;
    try {
      answer = Promise.resolve(help!.expand(batch));
    } catch (error) {
      answer = Promise.reject(error);
      // Consumed in order, or never when the run stops first.
      answer.catch(() => {});
    }
    answered.add(answer);
    doneHere.add(answer);
    return answer;
  };
  for (let depth = resumed?.depth ?? 0; current.count > 0 && stoppedBy === null; depth++) {
    const level = current;
    const firstId = (spilled?.size ?? store.size) - level.count;
    levels.push(level.count);
    if (represented) represented.levels.push(weights.filled().reduce((sum, w) => sum + w, 0));
    const nextWeights = new Growable(Uint32Array, 1 << 10);
    // States at the depth bound are expanded (checked) but their new successors are not kept.
    const atBound = limits.maxDepth !== undefined && depth >= limits.maxDepth;
    const next = new LevelBuffer();
    const nextFirstId = firstId + level.count;
    const nextPending: Promise<BatchResult>[] = [];
    let nextLaunched = 0;
    const batches = Math.ceil(level.count / batchSize);
    const launch = (from: LevelSource, fromFirstId: number, b: number, here: boolean): Promise<BatchResult> => {
      const start = b * batchSize;
      const batch = { firstId: fromFirstId + start, ...from.slice(start, Math.min(from.count, start + batchSize)) };
      if (here) return expandedHere(batch);
      outstanding++;
      const answer = expand(batch);
      if (help) {
        handedOut.set(answer, batch);
        const back = () => answered.add(answer);
        answer.then(back, back);
      }
      return answer;
    };
    /** Hands out the next batch whose states are all known (this level's, then the next's), if any. */
    const launchNext = (here: boolean): boolean => {
      if (launched < batches) {
        pending[launched] = launch(level, firstId, launched, here);
        launched++;
        return true;
      }
      if (!options.checkpoint && (nextLaunched + 1) * batchSize <= next.count) {
        nextPending[nextLaunched] = launch(next, nextFirstId, nextLaunched, here);
        nextLaunched++;
        return true;
      }
      return false;
    };
    const launchMore = () => {
      while (outstanding < inFlight && (!help || help.room() > 0) && launchNext(false));
    };
    /**
     * Until the answer to consume next is back: expands the next batches
     * here, with a turn of the event loop before each (answers come in on
     * it, and make room for more batches on the threads). Their answers wait
     * to be consumed: at most HELD_HERE_PER_IN_FLIGHT per batch in flight.
     */
    const helpUntilAnswered = async (b: number) => {
      for (;;) {
        await turn();
        launchMore();
        if (answered.has(pending[b]!) || doneHere.size >= HELD_HERE_PER_IN_FLIGHT * inFlight) return;
        if (!launchNext(true) && !takeBack(b)) return;
      }
    };
    /**
     * With nothing left to hand out (a level's end), the coordinator takes
     * back the last batch handed out whose answer is not back, and expands
     * it itself (from its bytes, which it still has) rather than wait; the
     * threads reach it last, so it is the least likely to be expanded twice.
     * The thread's answer, if it comes, is dropped.
     */
    const takeBack = (b: number): boolean => {
      for (const [answers, from] of [[nextPending, 0], [pending, b]] as const) {
        for (let x = answers.length - 1; x >= from; x--) {
          const answer = answers[x]!;
          const batch = handedOut.get(answer);
          if (batch === undefined || answered.has(answer)) continue;
          handedOut.delete(answer);
          outstanding--;
          answer.then(() => answered.delete(answer), () => answered.delete(answer));
          answers[x] = expandedHere(batch);
          return true;
        }
      }
      return false;
    };
    launchMore();

    let levelDone = true;
    for (let b = 0; b < batches; b++) {
      let result: BatchResult;
      try {
        if (help && b >= launched) {
          // No thread has it: expanded here, after a turn of the event loop (timers, signals).
          await turn();
          launchNext(true);
        } else if (help && !answered.has(pending[b]!)) {
          await helpUntilAnswered(b);
        }
        result = await pending[b]!;
      } catch (error) {
        // A failed expansion ends the run like a limit: what was consumed so far stays a valid partial result.
        failure = error;
        stoppedBy = 'failure';
        levelDone = false;
        break;
      }
      answered.delete(pending[b]!);
      handedOut.delete(pending[b]!);
      if (!doneHere.delete(pending[b]!)) outstanding--;
      delete pending[b];
      launchMore();
      const batchFirst = firstId + b * batchSize;
      let targets: Int32Array;
      if (spilled) {
        targets = new Int32Array(result.succAction.length).fill(UNRESOLVED);
        spilled.consume(result, batchFirst, { atBound, maxStates: limits.maxStates }, orbitSize !== undefined);
        keptOut.overLimit ||= spilled.overLimit;
      } else {
        targets = decideInMemory(result, batchFirst, store, next, { atBound, maxStates: limits.maxStates }, keptOut, represented ? (w) => weigh(nextWeights, w) : null);
      }
      frontierPeakBytes = Math.max(frontierPeakBytes, level.bytes + next.bytes);
      transitions += result.succAction.length;
      if (represented) {
        for (let k = 0; k < result.count; k++) represented.transitions += weights.array[b * batchSize + k]! * (result.succStart[k + 1]! - result.succStart[k]!);
      }
      for (let i = 0; i < coverage.length; i++) coverage[i]! += result.coverage[i]!;
      for (const f of result.findings) {
        report({ property: f.property, stateId: batchFirst + f.state, depth, action: f.action, detail: f.detail });
      }
      for (const observer of observers) observer.onBatch(batchFirst, depth, result, targets, report);
      options.onProgress?.({
        level: depth,
        distinct: spilled?.size ?? store.size,
        generated: 1 + transitions,
        queue: Math.max(0, level.count - (b + 1) * batchSize) + next.count,
        elapsedMs: Date.now() - started,
        ...(options.orbitSize ? { orbits: true } : {}),
      });
      stoppedBy = stopReason(limits, findings.size, keptOut.overLimit, started, polled);
      if (stoppedBy === null && !limits.exhaustive && decided(options.decides, findings)) stoppedBy = 'violation';
      if (stoppedBy === null && options.abandonOn?.some((p) => findings.has(p))) stoppedBy = 'violation';
      if (stoppedBy !== null) {
        levelDone = b + 1 === batches;
        break;
      }
      // This batch's new states may have completed a batch of the next level.
      launchMore();
    }
    if (stoppedBy !== null) {
      // What is still out is not consumed, but it must end before the run does.
      await Promise.allSettled([...pending, ...nextPending].filter(Boolean));
    }
    // A spilled level's merges decide its new states: they must be done before the run ends, or goes on.
    const spilledEnd = spilled?.endLevel({ atBound, maxStates: limits.maxStates });
    keptOut.beyondBound ||= spilled?.beyondBound === true;
    if (levelDone) checkedDepth = depth;
    if (atBound) {
      if (stoppedBy === null && keptOut.beyondBound) stoppedBy = 'depth';
      break;
    }
    if (spilledEnd) {
      // A run that stops here reads no more of it.
      if (stoppedBy !== null) spilledEnd.level?.discard();
      current = spilledEnd.level ?? next;
      weights = spilledEnd.weights;
      if (represented) represented.states += spilledEnd.weightSum;
    } else {
      current = next;
      weights = nextWeights;
    }
    if (!spilled && options.spill && stoppedBy === null && store.bytes + next.bytes > options.spill.budgetBytes) {
      spilled = SpilledSearch.fromStore(store, options.spill);
      spilledAtDepth = depth + 2;
      store = new StateStore(16);
    }
    pending = nextPending;
    launched = nextLaunched;
    // A level boundary with a level left: saved when due, or when a stop signal came, which then stops the run here.
    // (Never with a spill: check() refuses the two together, the checkpoint being written from memory.)
    if (options.checkpoint && !spilled && stoppedBy === null && current.count > 0) {
      const interrupted = options.interrupted?.() ?? false;
      if (interrupted || options.checkpoint.due()) {
        const counters = { levels, transitions, coverage, checkedDepth, frontierPeakBytes, ...(represented ? { represented } : {}) };
        options.checkpoint.save({ depth: depth + 1, store, level: current as LevelBuffer, ...(orbitSize ? { weights: weights.filled() } : {}), counters, findings });
      }
      if (interrupted) stoppedBy = 'interrupted';
    }
  }
  spilled?.store.seal();
  return {
    store: spilled?.store ?? store,
    levels,
    transitions,
    complete: stoppedBy === null,
    stoppedBy,
    checkedDepth,
    findings,
    ...(stoppedBy === 'failure' ? { failure } : {}),
    coverage,
    elapsedMs: Date.now() - started,
    frontierPeakBytes,
    ...(represented ? { represented } : {}),
    ...(spilledAtDepth !== undefined ? { spilledAtDepth } : {}),
  };
}

/**
 * Decides a batch's successors against the visited set, in batch order: a
 * new one gets the next id, its bytes go to the next level and its orbit
 * size to `weigh`. Returns each successor's id: the state's own for a
 * self-loop, negative for a new one that the depth bound or the state limit
 * kept out (noted in `keptOut`). The coordinator's hot loop, in a function of
 * its own so that V8 optimises it by call count, apart from the engine's
 * control.
 */
function decideInMemory(
  result: BatchResult,
  batchFirst: number,
  store: StateStore,
  next: LevelBuffer,
  keep: { readonly atBound: boolean; readonly maxStates: number | undefined },
  keptOut: { beyondBound: boolean; overLimit: boolean },
  weigh: ((size: number) => void) | null,
): Int32Array {
  const targets = new Int32Array(result.succAction.length);
  const { succStart, succEnd, succHi, succLo, succBytes, succWeight } = result;
  const { atBound, maxStates } = keep;
  for (let k = 0; k < result.count; k++) {
    const id = batchFirst + k;
    const to = succStart[k + 1]!;
    for (let j = succStart[k]!; j < to; j++) {
      const start = j === 0 ? 0 : succEnd[j - 1]!;
      const end = succEnd[j]!;
      if (start === end) {
        targets[j] = id;
        continue;
      }
      const hi = succHi[j]!;
      const lo = succLo[j]!;
      const full = maxStates !== undefined && store.size >= maxStates;
      if (atBound || full) {
        const known = store.find(hi, lo);
        if (known < 0) {
          if (atBound) keptOut.beyondBound = true;
          else keptOut.overLimit = true;
        }
        targets[j] = known;
        continue;
      }
      const added = store.add(hi, lo, id);
      if (added >= 0) {
        next.push(succBytes, start, end);
        weigh?.(succWeight[j]!);
        targets[j] = added;
      } else {
        targets[j] = -added - 1;
      }
    }
  }
  return targets;
}

/** A turn of the event loop: answers from other threads, timers and signals are served. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Every property to decide has its first finding. */
function decided(properties: readonly string[] | undefined, findings: ReadonlyMap<string, FirstFinding>): boolean {
  return properties !== undefined && properties.length > 0 && properties.every((p) => findings.has(p));
}

function stopReason(
  limits: Limits,
  findingCount: number,
  overLimit: boolean,
  started: number,
  options: Pick<EngineOptions, 'interrupted' | 'overMemory'>,
): StopReason | null {
  if (options.interrupted?.()) return 'interrupted';
  if (options.overMemory?.()) return 'memory-limit';
  if (limits.stopOnFirst && findingCount > 0) return 'violation';
  if (overLimit) return 'max-states';
  if (limits.timeLimitMs !== undefined && Date.now() - started >= limits.timeLimitMs) return 'time-limit';
  return null;
}
