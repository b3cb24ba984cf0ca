// Strongly connected components: Tarjan without recursion, on random graphs
// against mutual reachability, inside subsets, and on a long cycle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isCyclic, SccFinder } from '../../src/liveness/scc.js';
import { graphOf, randomGraph, reachableFrom, type StateSpec } from '../fixtures/graphs.js';
import { seededRandom } from '../helpers.js';

/** Components as sorted arrays, in the order the finder reports them. */
function componentsOf(states: readonly StateSpec[], inside: (s: number) => boolean, finder = new SccFinder(graphOf(states))): number[][] {
  const members = states.map((_, s) => s).filter(inside);
  const found: number[][] = [];
  finder.run(members, (stack, from, to) => found.push([...stack.subarray(from, to)].sort((a, b) => a - b)));
  return found;
}

describe('strongly connected components', () => {
  it('are the classes of mutual reachability, in reverse topological order', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 300; round++) {
      const states = randomGraph(random, 1 + Math.floor(random() * 12), 3, 4);
      const subset = round % 2 === 0 ? () => true : (s: number) => (states[s]!.facts! & 1) === 1;
      const found = componentsOf(states, subset);
      const reach = states.map((_, s) => reachableFrom(states, s, subset));
      const members = states.map((_, s) => s).filter(subset);
      assert.deepEqual(found.flat().sort((a, b) => a - b), members, 'every state of the subset in exactly one component');
      const componentOf = new Map(found.flatMap((c, i) => c.map((s) => [s, i] as const)));
      for (const s of members) {
        for (const t of members) {
          const mutual = reach[s]!.has(t) && reach[t]!.has(s);
          assert.equal(componentOf.get(s) === componentOf.get(t), mutual, `round ${round}: states ${s} and ${t}`);
        }
        for (const [, t] of states[s]!.edges) {
          if (!subset(t)) continue;
          assert.ok(componentOf.get(t)! <= componentOf.get(s)!, 'an edge never leads to a component reported later');
        }
      }
    }
  });

  it('finds the same components when one finder serves many runs over other subsets', () => {
    // A run leaves its members marked done, which is what keeps them out of the next run's subgraph.
    const random = seededRandom(11);
    for (let round = 0; round < 40; round++) {
      const states = randomGraph(random, 2 + Math.floor(random() * 14), 3, 4);
      const shared = new SccFinder(graphOf(states));
      for (let run = 0; run < 8; run++) {
        const mask = Math.floor(random() * 16);
        const subset = (s: number) => ((states[s]!.facts! & 15) | mask) !== mask || run % 4 === 0;
        assert.deepEqual(componentsOf(states, subset, shared), componentsOf(states, subset), `round ${round}, run ${run}`);
      }
    }
  });

  it('handles a cycle of 100,000 states without recursion', () => {
    const n = 100_000;
    const states = Array.from({ length: n }, (_, s): StateSpec => ({ edges: [[0, (s + 1) % n]] }));
    const found = componentsOf(states, () => true);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.length, n);
  });

  it('a component is cyclic when it has two states or a self-loop', () => {
    const graph = graphOf([{ edges: [[0, 0]] }, { edges: [[0, 2]] }, { edges: [[0, 1]] }, { edges: [] }]);
    const cyclic = (states: number[]) => isCyclic(graph, Int32Array.from(states), 0, states.length);
    assert.deepEqual([cyclic([0]), cyclic([1, 2]), cyclic([3]), cyclic([1])], [true, true, false, false]);
  });
});
