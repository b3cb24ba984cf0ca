// Symmetry reduction in a check: whether it applies to the requested
// properties, and how a finding at an orbit's representative is restated at
// the concrete state a rebuilt trace reaches (docs/checker.md).
import type { Canonicaliser } from '../hash/canonical.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import { groupOrder, inverse, permutationsOf, permuteAction, type OsPermutation } from '../hash/symmetry-group.js';
import { range, type Context } from '../state/context.js';
import { subgroupOf, type SubgroupKind } from './symmetry-subgroup.js';
import { formatAction } from '../state/actions.js';
import { StateCodec } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import { localPartsFor } from '../props/local-parts.js';
import type { PropertyName } from '../props/property.js';
import type { FirstFinding, Limits } from './engine.js';
import type { Model } from './model.js';
import { lastState, type Trace } from './trace.js';

export interface SymmetryPlan {
  readonly requested: boolean;
  readonly applied: boolean;
  /** Why a requested reduction was not applied. */
  readonly reason?: string;
  /** The order of the group reduced by, when applied, and which subgroup of the configuration's it is. */
  readonly group?: { readonly osPermutations: number; readonly valuePermutations: number; readonly subgroup: SubgroupKind };
}

/**
 * Properties decided state by state or transition by transition are sound
 * under the reduction once they are invariant under the group
 * (test/hash/symmetry.test.ts); isolation's step consistency is decided on
 * every state of each orbit (docs/checker.md); these are not reduced, and why.
 */
const NOT_REDUCED: Partial<Record<PropertyName, string>> = {
  availability: 'availability is decided on the whole state graph, with fairness per OS, and is not reduced yet',
};

/**
 * Properties whose analysis runs on every state of each orbit (a wrapper of
 * it, src/explore/orbit-images.ts), and so need the stabiliser of the
 * initial state: every state of an orbit at one depth, and traces that map
 * to traces from the same initial state.
 */
export const ON_ORBIT_IMAGES: readonly PropertyName[] = ['isolation'];

export interface SymmetryChoice {
  readonly plan: SymmetryPlan;
  /** The OS part of the group, when applied: plain data, which a worker thread can be given. */
  readonly permutations?: readonly OsPermutation[];
}

export function chooseSymmetry(model: Model, requested: boolean, properties: readonly PropertyName[], limits: Limits = {}): SymmetryChoice {
  if (!requested) return { plan: { requested, applied: false, reason: 'not requested' } };
  const excluded = properties.flatMap((p) => NOT_REDUCED[p] ?? []);
  if (excluded.length > 0) return { plan: { requested, applied: false, reason: excluded.join('; ') } };
  const kind: SubgroupKind = limits.maxDepth !== undefined || properties.some((p) => ON_ORBIT_IMAGES.includes(p)) ? 'stabiliser' : 'images';
  const subgroup = subgroupOf(model, kind);
  if (!subgroup.values) return { plan: { requested, applied: false, reason: 'the initial state holds values' } };
  const valuePermutations = groupOrder(model.ctx).valuePermutations;
  if (subgroup.permutations.length * valuePermutations === 1) {
    return { plan: { requested, applied: false, reason: 'the configuration has no symmetry that keeps the initial state reachable (no interchangeable OSes, one value)' } };
  }
  const group = { osPermutations: subgroup.permutations.length, valuePermutations, subgroup: kind };
  return { plan: { requested, applied: true, group }, permutations: subgroup.permutations };
}

export function planSymmetry(model: Model, requested: boolean, properties: readonly PropertyName[], limits?: Limits): SymmetryPlan {
  return chooseSymmetry(model, requested, properties, limits).plan;
}

/** For each action of the alphabet, its images under the group (OS permutations `permutations`, every value permutation). */
export function actionOrbits(ctx: Context, permutations: readonly OsPermutation[]): number[][] {
  const alphabet = alphabetOf(ctx);
  const values = permutationsOf(range(ctx.K));
  return alphabet.actions.map((a) => {
    const images = new Set<number>();
    for (const os of permutations) for (const v of values) images.add(alphabet.indexOf(formatAction(permuteAction({ os, values: v }, a)))!);
    return [...images];
  });
}

/**
 * A local finding made at a representative, restated at the concrete state
 * `trace` ends in (same orbit): the violating action is mapped through the
 * group element between the two, and the property's check is run again
 * there so that its detail names what the trace shows.
 */
export function concreteFinding(
  model: Model,
  canonicaliser: Canonicaliser,
  fingerprint: Fingerprinter,
  finding: FirstFinding,
  trace: Trace,
): FirstFinding {
  const { ctx } = model;
  const s = lastState(trace);
  const toConcrete = inverse(canonicaliser.elementTo(new StateCodec(ctx).encode(s)));
  const alphabet = alphabetOf(ctx);
  let action = -1;
  if (finding.action >= 0) {
    action = alphabet.indexOf(formatAction(permuteAction(toConcrete, alphabet.actions[finding.action]!)))!;
  }
  const detail = localPartsFor({ ...model, fingerprint }, [finding.property as PropertyName])
    .checks.map((check) => {
      if (action < 0) return check.state?.(s) ?? null;
      const a = alphabet.actions[action]!;
      return check.transition?.(s, a, model.step(ctx, s, a)) ?? null;
    })
    .find((d): d is string => d !== null);
  if (detail === undefined) {
    throw new Error(`symmetry reduction: the ${finding.property} finding at state ${finding.stateId} does not hold at the concrete state of its trace`);
  }
  return { ...finding, action, detail };
}
