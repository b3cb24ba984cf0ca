// Conformance: every transition of the executable specification is allowed
// by the axiomatic one (or by the variant the model carries).
import { alphabetOf } from '../../spec/alphabet.js';
import { conformanceOf, type ConformanceFailure } from '../conformance.js';
import { findingCounterexample } from '../counterexample.js';
import type { SafetyProperty } from '../property.js';

export const conformance: SafetyProperty = {
  name: 'conformance',
  kind: 'safety',
  symmetry: { reduction: 'sound', why: 'both specifications commute with renaming OSes and values (test/hash/symmetry.test.ts)' },
  local: ({ ctx, axiomatic }) => {
    const { actions } = alphabetOf(ctx);
    const judged = (failure: ConformanceFailure | null) => (failure === null ? null : `clause ${failure.clause}: ${failure.detail}`);
    return {
      checks: [
        {
          property: 'conformance',
          transition: (s, a, outcome) => judged(conformanceOf(ctx, s, a, outcome, axiomatic)),
          // Disabled iff not Enabled: the disabled actions are judged too.
          disabled(s, enabled) {
            for (let ai = 0; ai < actions.length; ai++) {
              if (enabled[ai] === 1) continue;
              const detail = judged(conformanceOf(ctx, s, actions[ai]!, null, axiomatic));
              if (detail !== null) return { action: ai, detail };
            }
            return null;
          },
        },
      ],
    };
  },
  counterexample: findingCounterexample,
};
