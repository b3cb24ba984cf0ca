// The engine's whole state at a level boundary (every state of a level
// consumed, none of the next handed out), which is what a checkpoint saves
// and a resumed run starts from, and the hook through which the engine offers
// it. The observers' state is the caller's to save alongside (it gave them).
import type { StateStore } from '../hash/state-store.js';
import type { FirstFinding } from '../props/coordinator.js';
import type { LevelBuffer } from './level-buffer.js';

/** What the stored representatives stand for: states and transitions of the unreduced system. */
export interface Represented {
  /** Reachable states: the sizes of the stored orbits. */
  readonly states: number;
  /** Enabled transitions of those states: each representative's, times its orbit's size. */
  readonly transitions: number;
  /** States per depth (each orbit at its representative's depth). */
  readonly levels: number[];
}

/** What the engine has counted so far. */
export interface EngineCounters {
  /** States first reached at each depth before `LevelBoundary.depth`. */
  readonly levels: readonly number[];
  readonly transitions: number;
  readonly coverage: Uint32Array;
  readonly checkedDepth: number;
  readonly frontierPeakBytes: number;
  /** Under symmetry reduction; `states` includes the level about to be expanded, `levels` does not. */
  readonly represented?: Represented;
}

export interface LevelBoundary {
  /** The depth of the level about to be expanded. */
  readonly depth: number;
  /** Every state stored so far: the levels before, and the one about to be expanded (the last `level.count` ids). */
  readonly store: StateStore;
  /** The states at `depth`, none sliced yet. */
  readonly level: LevelBuffer;
  /** Under symmetry reduction: the orbit size of each state of `level`. */
  readonly weights?: Uint32Array;
  readonly counters: EngineCounters;
  readonly findings: ReadonlyMap<string, FirstFinding>;
}

/**
 * Given to the engine, it makes every level boundary a point where the run
 * can be saved: no batch of a level is handed out before the previous level
 * is consumed, and a stop signal is honoured at the next boundary, after a
 * save, instead of at the next batch.
 */
export interface CheckpointHook {
  /** Polled at each boundary with a level left to expand: whether to save now. */
  due(): boolean;
  save(boundary: LevelBoundary): void;
}
