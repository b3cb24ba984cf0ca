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
import { localPartsFor, PROPERTIES } from '../props/registry.js';
import { MAX_LABELLED_ELEMENTS } from '../props/quotient-labels.js';
import type { PropertyName } from '../props/property.js';
import type { FirstFinding } from '../props/coordinator.js';
import type { Limits } from '../engine/engine.js';
import type { Model } from '../spec/model.js';
import { lastState, type Trace } from '../spec/trace.js';

export interface SymmetryPlan {
  readonly requested: boolean;
  readonly applied: boolean;
  /** Why a requested reduction was not applied. */
  readonly reason?: string;
  /** The order of the group reduced by, when applied, and which subgroup of the configuration's it is. */
  readonly group?: { readonly osPermutations: number; readonly valuePermutations: number; readonly subgroup: SubgroupKind };
  /**
   * A run under the stabiliser that follows a first run under the images
   * subgroup, stopped where a property comparing concrete states was
   * violated (check.ts): that run's orbits and seconds, and why.
   */
  readonly rerun?: { readonly reason: string; readonly orbits: number; readonly seconds: number };
}

/**
 * The properties decided on every image of each representative
 * (`on-orbit-images`): sound under the images subgroup, but their
 * counterexamples are shortest only under the stabiliser.
 */
export function comparingConcreteStates(properties: readonly PropertyName[]): PropertyName[] {
  return properties.filter((p) => PROPERTIES[p].symmetry.reduction === 'on-orbit-images');
}

export interface SymmetryChoice {
  readonly plan: SymmetryPlan;
  /** The OS part of the group, when applied: plain data, which a worker thread can be given. */
  readonly permutations?: readonly OsPermutation[];
}

/**
 * The images subgroup unless `stabiliser` or a depth bound asks for the
 * stabiliser of the initial state (docs/checker.md, Symmetry reduction).
 */
export function chooseSymmetry(model: Model, requested: boolean, properties: readonly PropertyName[], limits: Limits = {}, stabiliser = false): SymmetryChoice {
  if (!requested) return { plan: { requested, applied: false, reason: 'not requested' } };
  // Each property declares how it is reduced (src/props/properties/).
  const declared = properties.map((p) => PROPERTIES[p].symmetry);
  const excluded = declared.flatMap((d) => (d.reduction === 'unsound' ? [d.why] : []));
  if (excluded.length > 0) return { plan: { requested, applied: false, reason: excluded.join('; ') } };
  const kind: SubgroupKind = limits.maxDepth !== undefined || stabiliser ? 'stabiliser' : 'images';
  const subgroup = subgroupOf(model, kind);
  if (!subgroup.values) return { plan: { requested, applied: false, reason: 'the initial state holds values' } };
  const valuePermutations = groupOrder(model.ctx).valuePermutations;
  if (subgroup.permutations.length * valuePermutations === 1) {
    const which = kind === 'stabiliser' ? 'fixes the initial state' : 'keeps the initial state reachable';
    return { plan: { requested, applied: false, reason: `the configuration has no symmetry that ${which} (one value, and no OS permutation that does)` } };
  }
  const order = subgroup.permutations.length * valuePermutations;
  if (order > MAX_LABELLED_ELEMENTS && declared.some((d) => d.reduction === 'quotient')) {
    return { plan: { requested, applied: false, reason: `the group has ${order} elements, more than a quotient graph's transition labels name (${MAX_LABELLED_ELEMENTS})` } };
  }
  const group = { osPermutations: subgroup.permutations.length, valuePermutations, subgroup: kind };
  return { plan: { requested, applied: true, group }, permutations: subgroup.permutations };
}

export function planSymmetry(model: Model, requested: boolean, properties: readonly PropertyName[], limits?: Limits, stabiliser = false): SymmetryPlan {
  return chooseSymmetry(model, requested, properties, limits, stabiliser).plan;
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
