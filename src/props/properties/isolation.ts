// Isolation: what an OS sees is respected locally at each transition, and
// step consistency compares states an OS cannot tell apart (its coordinator part).
import { findingCounterexample } from '../counterexample.js';
import { locallyRespects, stepConsistencyAnalysis } from '../isolation.js';
import type { TwoSafetyProperty } from '../property.js';
import { stepConsistencyCounterexample, stepConsistencyObserver } from '../step-consistency.js';

export const isolation: TwoSafetyProperty = {
  name: 'isolation',
  kind: '2-safety',
  // Locally respects is invariant under the group; step consistency compares concrete states, so it sees every state of each orbit.
  symmetry: { reduction: 'on-orbit-images', why: 'step consistency compares concrete states with each other' },
  local: ({ ctx, views, fingerprint }) => ({
    checks: [locallyRespects(ctx, views)],
    analyses: [stepConsistencyAnalysis(ctx, views, fingerprint)],
  }),
  coordinator: stepConsistencyObserver,
  // A local finding has one trace; a step-consistency finding compares two.
  counterexample: (tools, finding) =>
    finding.related === undefined ? findingCounterexample(tools, finding) : stepConsistencyCounterexample(tools, finding),
};
