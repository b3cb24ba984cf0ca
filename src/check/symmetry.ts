// Symmetry reduction in a check: whether it applies to the requested
// properties, and how a finding at an orbit's representative is restated at
// the concrete state a rebuilt trace reaches (docs/checker.md).
import type { Canonicaliser } from '../hash/canonical.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import { groupOrder, inverse, permuteAction } from '../hash/symmetry-group.js';
import { formatAction } from '../state/actions.js';
import { StateCodec } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import { localPartsFor, PROPERTIES } from '../props/registry.js';
import type { PropertyName } from '../props/property.js';
import type { Context } from '../state/context.js';
import type { FirstFinding } from '../props/coordinator.js';
import type { Model } from '../spec/model.js';
import { lastState, type Trace } from '../spec/trace.js';

export interface SymmetryPlan {
  readonly requested: boolean;
  readonly applied: boolean;
  /** Why a requested reduction was not applied. */
  readonly reason?: string;
  /** The order of the group, when applied. */
  readonly group?: { readonly osPermutations: number; readonly valuePermutations: number };
}

export function planSymmetry(ctx: Context, requested: boolean, properties: readonly PropertyName[]): SymmetryPlan {
  if (!requested) return { requested, applied: false };
  // Each property declares whether the reduction is sound for it (src/props/properties/).
  const excluded = properties.flatMap((p) => {
    const declared = PROPERTIES[p].symmetry;
    return declared.reduction === 'unsound' ? [declared.why] : [];
  });
  if (excluded.length > 0) return { requested, applied: false, reason: excluded.join('; ') };
  const group = groupOrder(ctx);
  if (group.osPermutations * group.valuePermutations === 1) {
    return { requested, applied: false, reason: 'the configuration has no symmetry (no interchangeable OSes, one value)' };
  }
  return { requested, applied: true, group };
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
