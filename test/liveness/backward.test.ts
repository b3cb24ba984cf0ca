// Backward reachability agrees with forward search from every state, on a
// graph and on the (representative, OS) pairs of a quotient.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuotientReverseGraph, ReverseGraph } from '../../src/liveness/backward.js';
import { QuotientGroup } from '../../src/liveness/quotient-group.js';
import { QuotientView } from '../../src/liveness/quotient-view.js';
import { TransitionGraph } from '../../src/liveness/transition-graph.js';
import { osPermutations } from '../../src/hash/symmetry-group.js';
import { availabilityOf } from '../../src/props/availability.js';
import { graphOf, randomGraph, reachableFrom } from '../fixtures/graphs.js';
import { contextOf, seededRandom } from '../helpers.js';

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

describe('backward reachability on (representative, OS) pairs', () => {
  // Random labelled graphs under the 6 permutations of three OSes: the
  // labelled predecessor lists of the representatives against a forward
  // search over the pairs, the OS followed through each edge's element.
  const ctx = contextOf({ oses: [{}, {}, {}] });
  const declared = availabilityOf(ctx);
  const group = new QuotientGroup(ctx, osPermutations(ctx), declared.classes);

  it('marks exactly the pairs from which a target pair is reachable', () => {
    const random = seededRandom(23);
    for (let round = 0; round < 200; round++) {
      const states = randomGraph(random, 1 + Math.floor(random() * 10), 3, 4);
      const graph = new TransitionGraph(true);
      for (const { facts = 0, edges } of states) {
        graph.addState(facts);
        for (const [action, t] of edges) graph.addEdge(action, t, Math.floor(random() * group.order));
        graph.closeState();
      }
      for (const tracked of [1, 3]) {
        const view = new QuotientView(graph, group, tracked);
        const target = (v: number) => view.facts(v) === 3 && view.os(v) === tracked - 1;
        const reached = new QuotientReverseGraph(view, group).canReachStates(target);
        for (let v = 0; v < view.stateCount; v++) {
          const seen = new Set([v]);
          const queue = [v];
          for (let at = 0; at < queue.length; at++) {
            const u = queue[at]!;
            for (let e = view.edgeStart(u); e < view.edgeStart(u + 1); e++) {
              const w = view.target(e);
              if (w >= 0 && !seen.has(w)) seen.add(w), queue.push(w);
            }
          }
          assert.equal(reached[v], [...seen].some(target) ? 1 : 0, `round ${round}, ${tracked} tracked, node ${v}`);
        }
      }
    }
  });
});
