// Conformance: every transition of the executable specification is allowed
// by the axiomatic one (or by the variant the model carries).
import { conformanceOf } from '../conformance.js';
import { findingCounterexample } from '../counterexample.js';
import type { SafetyProperty } from '../property.js';

export const conformance: SafetyProperty = {
  name: 'conformance',
  kind: 'safety',
  symmetry: { reduction: 'sound', why: 'both specifications commute with renaming OSes and values (test/hash/symmetry.test.ts)' },
  local: ({ ctx, axiomatic }) => ({
    checks: [
      {
        property: 'conformance',
        transition(s, a, outcome) {
          const failure = conformanceOf(ctx, s, a, outcome, axiomatic);
          return failure === null ? null : `clause ${failure.clause}: ${failure.detail}`;
        },
      },
    ],
  }),
  counterexample: findingCounterexample,
};
