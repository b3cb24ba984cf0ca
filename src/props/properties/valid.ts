// Valid states (MODEL.md's conjuncts): checked at every reachable state.
import { findingCounterexample } from '../counterexample.js';
import type { SafetyProperty } from '../property.js';
import { validityFailures } from '../valid.js';

export const valid: SafetyProperty = {
  name: 'valid',
  kind: 'safety',
  symmetry: { reduction: 'sound', why: 'validity is invariant under renaming OSes and values (test/hash/symmetry.test.ts)' },
  local: ({ ctx }) => ({
    checks: [
      {
        property: 'valid',
        state(s) {
          const failures = validityFailures(ctx, s);
          return failures.length === 0 ? null : failures.map((f) => `conjunct ${f.conjunct} (${f.name}): ${f.detail}`).join('; ');
        },
      },
    ],
  }),
  counterexample: findingCounterexample,
};
