// The local parts of every property: what each checks at one state or one
// transition, and what it measures for the engine's cross-state algorithms.
// Worker threads build them from the context alone.
import type { Context } from '../state/context.js';
import type { StepFunction } from '../spec/response.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import type { AxiomaticSpec } from '../spec/axiomatic.js';
import { availabilityAnalysis } from './availability.js';
import { conformanceOf } from './conformance.js';
import { locallyRespects, stepConsistencyAnalysis } from './isolation.js';
import type { LocalAnalysis, LocalCheck, LocalParts, PropertyName } from './property.js';
import { transparencyCheck } from './transparency.js';
import { validityFailures } from './valid.js';
import { Views } from './views.js';

/** What local parts are built from, in the thread that expands states. */
export interface LocalEnv {
  readonly ctx: Context;
  readonly step: StepFunction;
  /** What conformance compares `step` with, when not the axiomatic specification itself. */
  readonly axiomatic?: AxiomaticSpec;
  readonly fingerprint: Fingerprinter;
  /** The views of the context, one for the properties that observe them. */
  readonly views: Views;
}

function validCheck(ctx: Context): LocalCheck {
  return {
    property: 'valid',
    state(s) {
      const failures = validityFailures(ctx, s);
      return failures.length === 0 ? null : failures.map((f) => `conjunct ${f.conjunct} (${f.name}): ${f.detail}`).join('; ');
    },
  };
}

function conformanceCheck(ctx: Context, spec?: AxiomaticSpec): LocalCheck {
  return {
    property: 'conformance',
    transition(s, a, outcome) {
      const failure = conformanceOf(ctx, s, a, outcome, spec);
      return failure === null ? null : `clause ${failure.clause}: ${failure.detail}`;
    },
  };
}

interface PropertyLocalParts {
  readonly checks?: (env: LocalEnv) => LocalCheck[];
  readonly analyses?: (env: LocalEnv) => LocalAnalysis[];
}

const LOCAL_PARTS: Readonly<Record<PropertyName, PropertyLocalParts>> = {
  valid: { checks: ({ ctx }) => [validCheck(ctx)] },
  conformance: { checks: ({ ctx, axiomatic }) => [conformanceCheck(ctx, axiomatic)] },
  isolation: {
    checks: ({ ctx, views }) => [locallyRespects(ctx, views)],
    analyses: ({ ctx, views, fingerprint }) => [stepConsistencyAnalysis(ctx, views, fingerprint)],
  },
  transparency: { checks: ({ ctx, step, views }) => [transparencyCheck(ctx, step, views)] },
  availability: { analyses: () => [availabilityAnalysis()] },
};

/** The local parts of the requested properties. */
export function localPartsFor(
  base: Omit<LocalEnv, 'views'>,
  properties: readonly PropertyName[],
): LocalParts {
  const env: LocalEnv = { ...base, views: new Views(base.ctx) };
  return {
    checks: properties.flatMap((p) => LOCAL_PARTS[p].checks?.(env) ?? []),
    analyses: properties.flatMap((p) => LOCAL_PARTS[p].analyses?.(env) ?? []),
  };
}
