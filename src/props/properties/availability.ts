// Availability: liveness conditions decided on the whole state graph.
import { availabilityAnalysis, availabilityOf } from '../availability.js';
import type { GraphProperty } from '../property.js';

export const availability: GraphProperty = {
  name: 'availability',
  kind: 'liveness',
  symmetry: { reduction: 'unsound', why: 'availability is decided on the whole state graph, with fairness per OS, and is not reduced yet' },
  local: () => ({ analyses: [availabilityAnalysis()] }),
  declaration: availabilityOf,
};
