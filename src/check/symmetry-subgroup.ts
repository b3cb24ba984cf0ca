// Which subgroup of the symmetry group a run reduces by. Counting a
// representative as |G| / |Stab| reachable states is exact only when the
// reachable states are closed under G, which holds when G maps the initial
// state to reachable states (g·init reachable makes g·R = reach(g·init) a
// subset of R). The initial state is not symmetric (OS 0 is active; with
// shared allocation each OS's first page table sits on a page of its own), so
// the group is cut down to the OS permutations whose image of the initial
// state is met by a bounded search from it (docs/checker.md, Symmetry
// reduction), closed under composition. Runs bounded in depth, and the
// second run of a check whose isolation is violated (check.ts), need more: the
// stabiliser of the initial state, under which every state of an orbit lies at
// the same depth and a trace maps to a trace from the same initial state.
import { Canonicaliser } from '../hash/canonical.js';
import { osPermutations, permutationsOf, type OsPermutation } from '../hash/symmetry-group.js';
import { range } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import { initialState } from '../state/initial.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Model } from '../spec/model.js';

/** 'images': the OS permutations taking the initial state to a reachable one; 'stabiliser': those fixing it. */
export type SubgroupKind = 'images' | 'stabiliser';

export interface Subgroup {
  readonly kind: SubgroupKind;
  /** The OS part, a group (the identity first). */
  readonly permutations: readonly OsPermutation[];
  /** Whether every value permutation fixes the initial state (else the value part is not reduced by). */
  readonly values: boolean;
}

export function subgroupOf(model: Model, kind: SubgroupKind): Subgroup {
  const { ctx } = model;
  const codec = new StateCodec(ctx);
  const all = osPermutations(ctx);
  const canon = new Canonicaliser(ctx, all);
  const init = codec.encode(initialState(ctx));
  const key = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  const identityValues = range(ctx.K);
  const images = all.map((os) => key(canon.apply(init, { os, values: identityValues })));
  const reached = kind === 'images' ? reachedAmong(model, new Set(images)) : new Set([key(init)]);
  const chosen = all.filter((_, k) => reached.has(images[k]!));
  const values = permutationsOf(identityValues).every((values) => key(canon.apply(init, { os: all[0]!, values })) === key(init));
  return { kind, permutations: closure(all, chosen), values };
}

/**
 * Which of `targets` a breadth-first search from the initial state meets
 * within SEARCH_BUDGET states (it stops once it has met them all). A target
 * it does not meet is left out of the group: that costs reduction, never
 * soundness.
 */
function reachedAmong(model: Model, targets: ReadonlySet<string>): Set<string> {
  const { ctx } = model;
  const codec = new StateCodec(ctx);
  const key = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  const actions = alphabetOf(ctx).actions;
  const first = initialState(ctx);
  const seen = new Set([key(codec.encode(first))]);
  const met = new Set([...seen].filter((k) => targets.has(k)));
  const queue = [first];
  for (let at = 0; at < queue.length && met.size < targets.size && seen.size < SEARCH_BUDGET; at++) {
    for (const a of actions) {
      const next = model.step(ctx, queue[at]!, a)?.state;
      if (!next) continue;
      const k = key(codec.encode(next));
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(next);
      if (targets.has(k)) met.add(k);
    }
  }
  return met;
}

const SEARCH_BUDGET = 50_000;

/** The group the chosen permutations generate (within `all`, which is a group). */
function closure(all: readonly OsPermutation[], chosen: readonly OsPermutation[]): OsPermutation[] {
  const byKey = new Map(all.map((p) => [p.os.join(','), p]));
  const group = new Map<string, OsPermutation>([[all[0]!.os.join(','), all[0]!]]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of [...group.values()]) {
      for (const q of chosen) {
        const k = p.os.map((image) => q.os[image]!).join(',');
        if (!group.has(k)) {
          group.set(k, byKey.get(k)!);
          grown = true;
        }
      }
    }
  }
  return [...group.values()];
}
