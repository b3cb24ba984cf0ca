// The local parts of every property: what each checks at one state or one
// transition, and what it measures for the engine's cross-state algorithms.
// Worker threads build them from the context alone.
import type { Context } from '../state/context.js';
import { availabilityAnalysis } from './availability.js';
import { conformanceOf } from './conformance.js';
import type { LocalAnalysis, LocalCheck, LocalParts, PropertyName } from './property.js';
import { validityFailures } from './valid.js';

function validCheck(ctx: Context): LocalCheck {
  return {
    property: 'valid',
    state(s) {
      const failures = validityFailures(ctx, s);
      return failures.length === 0 ? null : failures.map((f) => `conjunct ${f.conjunct} (${f.name}): ${f.detail}`).join('; ');
    },
  };
}

function conformanceCheck(ctx: Context): LocalCheck {
  return {
    property: 'conformance',
    transition(s, a, outcome) {
      const failure = conformanceOf(ctx, s, a, outcome);
      return failure === null ? null : `clause ${failure.clause}: ${failure.detail}`;
    },
  };
}

interface PropertyLocalParts {
  readonly checks?: (ctx: Context) => LocalCheck[];
  readonly analyses?: (ctx: Context) => LocalAnalysis[];
}

const LOCAL_PARTS: Readonly<Record<PropertyName, PropertyLocalParts>> = {
  valid: { checks: (ctx) => [validCheck(ctx)] },
  conformance: { checks: (ctx) => [conformanceCheck(ctx)] },
  isolation: {},
  transparency: {},
  availability: { analyses: () => [availabilityAnalysis()] },
};

/** The local parts of the requested properties. */
export function localPartsFor(ctx: Context, properties: readonly PropertyName[]): LocalParts {
  return {
    checks: properties.flatMap((p) => LOCAL_PARTS[p].checks?.(ctx) ?? []),
    analyses: properties.flatMap((p) => LOCAL_PARTS[p].analyses?.(ctx) ?? []),
  };
}
