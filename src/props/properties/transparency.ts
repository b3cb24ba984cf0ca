// Transparency: each state is compared with its erasure, transition by transition.
import { findingCounterexample } from '../counterexample.js';
import type { SafetyProperty } from '../property.js';
import { transparencyCheck } from '../transparency.js';

export const transparency: SafetyProperty = {
  name: 'transparency',
  kind: 'safety',
  symmetry: { reduction: 'unsound', why: 'transparency compares each state with its erasure' },
  local: ({ ctx, step, views }) => ({ checks: [transparencyCheck(ctx, step, views)] }),
  counterexample: findingCounterexample,
};
