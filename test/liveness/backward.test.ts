// Backward reachability agrees with forward search from every state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReverseGraph } from '../../src/liveness/backward.js';
import { graphOf, randomGraph, reachableFrom } from '../fixtures/graphs.js';
import { seededRandom } from '../helpers.js';

describe('backward reachability', () => {
  it('marks exactly the states from which a target state is reachable', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const states = randomGraph(random, 1 + Math.floor(random() * 14), 3, 4);
      const target = (facts: number) => facts === 3;
      const reached = new ReverseGraph(graphOf(states)).canReach(target);
      states.forEach((_, s) => {
        const expected = [...reachableFrom(states, s)].some((t) => target(states[t]!.facts!));
        assert.equal(reached[s], expected ? 1 : 0, `round ${round}, state ${s}`);
      });
    }
  });
});
