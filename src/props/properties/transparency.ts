// Transparency: each state is compared with its erasure, transition by transition.
import { findingCounterexample } from '../counterexample.js';
import type { SafetyProperty } from '../property.js';
import { transparencyCheck } from '../transparency.js';

export const transparency: SafetyProperty = {
  name: 'transparency',
  kind: 'safety',
  symmetry: { reduction: 'sound', why: 'erasure and views commute with the group, and every OS is checked at each transition' },
  local: ({ ctx, step, views }) => ({ checks: [transparencyCheck(ctx, step, views)] }),
  counterexample: findingCounterexample,
};
