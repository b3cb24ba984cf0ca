// What the engine hands a property's coordinator part (the part that compares
// states with each other or keeps the whole graph): declared here, below the
// engine, so that a property never imports the engine.
import type { Checkpointable } from '../hash/snapshot.js';

/** The first finding of a property, in breadth-first order: at a state, or at one of its transitions. */
export interface FirstFinding {
  readonly property: string;
  readonly stateId: number;
  readonly depth: number;
  /** -1 for a state finding. */
  readonly action: number;
  readonly detail: string;
  /** A second state involved (a property that compares two states). */
  readonly related?: number;
  /** The OS the finding is about, for per-OS properties. */
  readonly os?: number;
  /**
   * Under symmetry reduction, for a finding about states of orbits: the
   * index of the group element (src/hash/symmetry-group.ts, groupElements)
   * that maps the representative `stateId` (and `related`) to the state meant.
   */
  readonly element?: number;
  readonly relatedElement?: number;
}

/** What an observer reads of an expanded batch (the engine's BatchResult). */
export interface ObservedBatch {
  readonly count: number;
  /** Successors of state k are entries succStart[k] .. succStart[k+1]-1, in alphabet order. */
  readonly succStart: Uint32Array;
  readonly succAction: Uint16Array;
  /** What each property's local analysis measured, by property name. */
  readonly analyses: Record<string, Uint32Array>;
}

/**
 * The coordinator side of a property: sees every expanded batch, in id order,
 * with its successors resolved to ids, and reports what it finds. One that
 * keeps what it saw saves it into checkpoints (`Checkpointable`); a run with
 * checkpoints refuses an observer that cannot.
 */
export interface TransitionObserver extends Partial<Checkpointable> {
  /**
   * `targets[j]` is the id of successor j of the batch, or -1 for a new state
   * the depth bound or the state limit kept out.
   */
  onBatch(firstId: number, depth: number, result: ObservedBatch, targets: Int32Array, report: (finding: FirstFinding) => void): void;
}
