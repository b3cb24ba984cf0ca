// Availability: liveness conditions decided on the whole state graph.
import { availabilityAnalysis, availabilityOf } from '../availability.js';
import type { GraphProperty } from '../property.js';

export const availability: GraphProperty = {
  name: 'availability',
  kind: 'liveness',
  symmetry: {
    reduction: 'quotient',
    why: 'decided on the quotient graph, each transition labelled with its permutation: per-OS conditions and fairness classes follow the OS (docs/checker.md)',
  },
  local: () => ({ analyses: [availabilityAnalysis()] }),
  declaration: availabilityOf,
};
