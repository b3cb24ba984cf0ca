// Shrinking a counterexample by delta debugging, as fast-check shrinks its
// inputs. First the walk's loops go (a stretch from a state back to the same
// state: the rest of the trace replays unchanged). Then chunks of actions are
// removed, halving the chunk size down to single actions, then pairs of
// actions apart, two consecutive actions are replaced by one, then each
// action is replaced by a simpler one of the same
// kind (one earlier in the alphabet: smaller addresses and values, lower OS
// numbers), and all again until nothing more is accepted. A candidate is accepted
// only if it replays, still violates the same property, and is smaller:
// shorter, or as long and earlier in the alphabet's order.
import { StateCodec } from '../state/encoding.js';
import type { Model } from '../spec/model.js';
import type { Trace } from '../spec/trace.js';
import { alphabetOf } from '../spec/alphabet.js';
import { replayActions, type PairConflict, type PairOracle, type TraceOracle, type TraceViolation } from './oracle.js';

/** Takes a candidate and, if it is accepted, returns what to continue from (it may be shorter); null otherwise. */
type Judge = (candidate: number[]) => number[] | null;

/** Removes chunks, then single actions, from `seq` while `judge` accepts. */
function removeChunks(seq: number[], judge: Judge): number[] {
  for (let size = Math.max(1, seq.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    // Chunks start at multiples of their size, and anywhere once they are small.
    const stride = size <= 3 ? 1 : size;
    for (let at = 0; at < seq.length; ) {
      const accepted = judge([...seq.slice(0, at), ...seq.slice(at + size)]);
      if (accepted) seq = accepted;
      else at += stride;
    }
  }
  return seq;
}

/** Traces longer than this skip the removal of pairs of actions apart (their number grows as the square). */
const PAIR_REMOVAL_MAX_LENGTH = 60;

/** Removes two actions apart (a switch there and back, say) while `judge` accepts. */
function removePairs(seq: number[], judge: Judge): number[] {
  if (seq.length > PAIR_REMOVAL_MAX_LENGTH) return seq;
  for (let i = 0; i < seq.length; i++) {
    for (let j = i + 2; j < seq.length; ) {
      const accepted = judge(seq.filter((_, k) => k !== i && k !== j));
      if (accepted) seq = accepted;
      else j++;
    }
  }
  return seq;
}

/** Traces longer than this skip replacing two actions by one (each of the actions enabled there is tried). */
const MERGE_MAX_LENGTH = 30;

/** Replaces two consecutive actions by one action enabled where they start (a shorter way to the same effect). */
function mergePairs(model: Model, seq: number[], judge: Judge): number[] {
  if (seq.length > MERGE_MAX_LENGTH) return seq;
  const { ctx, step } = model;
  const actions = alphabetOf(ctx).actions;
  for (let at = 0; at + 1 < seq.length; at++) {
    const trace = replayActions(model, seq.slice(0, at));
    if (!trace) return seq;
    const s = trace.steps.at(-1)?.state ?? trace.initial;
    for (let ai = 0; ai < actions.length; ai++) {
      if (!step(ctx, s, actions[ai]!)) continue;
      const accepted = judge([...seq.slice(0, at), ai, ...seq.slice(at + 2)]);
      if (accepted) {
        seq = accepted;
        break;
      }
    }
  }
  return seq;
}

/** `actions` without their loops: from each state, on from its last visit. Every state after a loop is unchanged. */
export function withoutLoops(model: Model, actions: readonly number[]): number[] {
  const trace = replayActions(model, actions);
  if (!trace) return [...actions];
  const codec = new StateCodec(model.ctx);
  const keys = [trace.initial, ...trace.steps.map((st) => st.state)].map((st) => Buffer.from(codec.encode(st)).toString('latin1'));
  const last = new Map(keys.map((key, k) => [key, k]));
  const kept: number[] = [];
  for (let k = last.get(keys[0]!)!; k < actions.length; k = last.get(keys[k + 1]!)!) kept.push(actions[k]!);
  return kept;
}

/** Replaces each action by the first simpler one `judge` accepts. */
function simplify(seq: number[], simpler: readonly (readonly number[])[], judge: Judge): number[] {
  for (let at = 0; at < seq.length; at++) {
    for (const alternative of simpler[seq[at]!]!) {
      const accepted = judge(seq.map((a, k) => (k === at ? alternative : a)));
      if (accepted) {
        seq = accepted;
        break;
      }
    }
  }
  return seq;
}

/** For every action of the alphabet: the earlier ones of the same kind, earliest first. */
function simplerActions(model: Model): number[][] {
  const actions = alphabetOf(model.ctx).actions;
  return actions.map((a, ai) => actions.flatMap((b, bi) => (bi < ai && b.kind === a.kind ? [bi] : [])));
}

/** -1, 0 or 1 as `a` is before, equal to or after `b` in the order of shrinking (length first, then actions). */
function compare(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** Shrinking's own figures: candidates tried (each a replay). */
export interface ShrinkStats {
  replays: number;
}

export interface ShrunkTrace {
  /** The actions up to the violating state. */
  readonly actions: readonly number[];
  readonly violation: TraceViolation;
  readonly replays: number;
}

/** Shrinks `actions`, on which `oracle` finds a violation, to a small trace with a violation of the same property. */
export function shrinkTrace(model: Model, oracle: TraceOracle, actions: readonly number[]): ShrunkTrace {
  let violation = oracle.firstViolation(actions);
  if (!violation) throw new Error('shrinking: the trace to shrink violates nothing');
  let best = actions.slice(0, violation.step);
  let replays = 1;
  const judge: Judge = (candidate) => {
    replays++;
    const found = oracle.firstViolation(candidate, violation!.length);
    if (!found) return null;
    const kept = candidate.slice(0, found.step);
    const order = found.length - violation!.length || compare(kept, best);
    if (order >= 0) return null;
    violation = found;
    best = kept;
    return kept;
  };
  const unlooped = withoutLoops(model, best);
  if (unlooped.length < best.length) judge(unlooped);
  untilStable(model, best, simplerActions(model), judge);
  return { actions: best, violation, replays };
}

export interface ShrunkPair {
  readonly first: readonly number[];
  readonly second: readonly number[];
  readonly conflict: PairConflict;
  /** The counterexample's length: the longer trace plus the separating action. */
  readonly length: number;
  readonly replays: number;
}

/**
 * Shrinks a step-consistency pair: each trace in turn with the other held,
 * and the same chunk out of both, while their last states still make a
 * conflict; smaller means a shorter longer trace, then fewer actions in all.
 */
export function shrinkPair(model: Model, oracle: PairOracle, first: readonly number[], second: readonly number[]): ShrunkPair {
  const traceOf = (actions: readonly number[]): Trace | null => replayActions(model, actions);
  const size = (a: readonly number[], b: readonly number[]) => [Math.max(a.length, b.length), a.length + b.length];
  // Loops go first: the last states, all that the conflict is about, stay the same.
  let best = { first: withoutLoops(model, first), second: withoutLoops(model, second) };
  const initial = oracle.conflict(traceOf(best.first)!, traceOf(best.second)!);
  if (!initial) throw new Error('shrinking: the two traces to shrink make no conflict');
  let conflict = initial;
  let replays = 1;
  const accept = (a: number[], b: number[]): boolean => {
    const [m, t] = size(a, b);
    const [bm, bt] = size(best.first, best.second);
    const order = m! - bm! || t! - bt! || compare(a, best.first) || compare(b, best.second);
    if (order >= 0) return false;
    replays++;
    const x = traceOf(a);
    const y = x && traceOf(b);
    const found = y ? oracle.conflict(x!, y) : null;
    if (!found) return false;
    best = { first: a, second: b };
    conflict = found;
    return true;
  };
  const simpler = simplerActions(model);
  for (let changed = true; changed; ) {
    const before = best;
    untilStable(model, best.first, simpler, (a) => (accept(a, best.second) ? a : null));
    untilStable(model, best.second, simpler, (b) => (accept(best.first, b) ? b : null));
    // Actions both traces need (a shared prefix, say) can only go from both at once: the same window out of each.
    removeChunks(best.first, (a) => {
      const cut = best.first.length - a.length;
      const differs = a.findIndex((x, k) => x !== best.first[k]);
      const at = differs < 0 ? a.length : differs;
      const b = [...best.second.slice(0, at), ...best.second.slice(at + cut)];
      return b.length < best.second.length && accept(a, b) ? a : null;
    });
    changed = best !== before;
  }
  return { ...best, conflict, length: Math.max(best.first.length, best.second.length) + 1, replays };
}

/** Removal and simplification passes until neither changes the sequence. */
function untilStable(model: Model, seq: number[], simpler: readonly (readonly number[])[], judge: Judge): number[] {
  for (;;) {
    const next = simplify(mergePairs(model, removePairs(removeChunks(seq, judge), judge), judge), simpler, judge);
    if (next === seq) return seq;
    seq = next;
  }
}
