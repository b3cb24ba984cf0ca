// Fair components and fair cycles on hand-made graphs with known answers, and
// on random graphs against brute force over every set of edges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FairCycleFinder } from '../../src/liveness/fair-cycles.js';
import { fairCycleThrough } from '../../src/liveness/lasso.js';
import type { Fairness, NoFairCycle } from '../../src/props/liveness.js';
import {
  fairnessOf,
  graphOf,
  isFairWalk,
  lowestOnFairWalk,
  plainClasses,
  randomGraph,
  shortestFairWalk,
  type EdgeRef,
  type StateSpec,
} from '../fixtures/graphs.js';
import { seededRandom } from '../helpers.js';

// Facts of hand-made states: bit 0 puts a state in `within`, bit 1 makes it a `visiting` state.
const IN = 1;
const VISIT = 2;
const ACTIONS = 8;

function conditionOf(fairness: Fairness, visiting = false): NoFairCycle {
  return {
    kind: 'no-fair-cycle',
    within: (facts) => (facts & IN) !== 0,
    ...(visiting ? { visiting: (facts: number) => (facts & VISIT) !== 0 } : {}),
    fairness,
    violation: 'test',
  };
}

/** The fair component's entry and a cycle through it as edges, or null. */
function search(states: readonly StateSpec[], condition: NoFairCycle, exactSearchLimit?: number) {
  const graph = graphOf(states);
  const classes = plainClasses(ACTIONS);
  const component = new FairCycleFinder(graph, classes).shallowest(condition);
  if (!component) return null;
  const edges = fairCycleThrough(graph, classes, condition, component, exactSearchLimit);
  // Edge ids back to (source, action, target), following the cycle from the entry.
  let at = component.entry;
  const cycle: EdgeRef[] = edges.map((e) => {
    const edge = { source: at, action: graph.action(e), target: graph.target(e) };
    assert.ok(e >= graph.edgeStart(at) && e < graph.edgeStart(at + 1), `edge ${e} does not leave state ${at}`);
    at = edge.target;
    return edge;
  });
  assert.equal(at, component.entry, 'the cycle returns to its entry');
  return { entry: component.entry, states: [...component.states].sort((a, b) => a - b), cycle };
}

const a = 0;
const b = 1;
const x = 2;
const y = 3;
const z = 4;

describe('fair components', () => {
  it('weak fairness: a class enabled all around a cycle and never taken leaves no fair cycle', () => {
    // 0 <-> 1 inside; x leads out, from both states or from state 0 only.
    const fromBoth: StateSpec[] = [
      { facts: IN, edges: [[a, 1], [x, 2]] },
      { facts: IN, edges: [[b, 0], [x, 2]] },
      { facts: 0, edges: [] },
    ];
    assert.equal(search(fromBoth, conditionOf(fairnessOf(ACTIONS, [x], []))), null);
    assert.deepEqual(search(fromBoth, conditionOf(fairnessOf(ACTIONS, [], [])))?.cycle.length, 2, 'without fairness the cycle is fair');
    const fromOne = [fromBoth[0]!, { facts: IN, edges: [[b, 0]] as const }, fromBoth[2]!];
    const found = search(fromOne, conditionOf(fairnessOf(ACTIONS, [x], [])));
    assert.deepEqual([found?.entry, found?.cycle.map((e) => e.action)], [0, [a, b]]);
  });

  it('strong fairness: a fair cycle exists only in a sub-component, after two refinements', () => {
    // One component {0, 1, 2, 3}: 0 <-> 1 <-> 2 <-> 3. Strongly fair y is enabled at 3 and never
    // taken inside: 3 goes. Then strongly fair z, enabled at 2 and taken only from 3, is no longer
    // taken: 2 goes. The cycle 0 <-> 1 is fair.
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1]] },
      { facts: IN, edges: [[b, 0], [a, 2]] },
      { facts: IN, edges: [[b, 1], [a, 3], [z, 4]] },
      { facts: IN, edges: [[z, 2], [y, 4]] },
      { facts: 0, edges: [] },
    ];
    const found = search(states, conditionOf(fairnessOf(ACTIONS, [], [y, z])));
    assert.deepEqual(found?.entry, 0);
    assert.deepEqual(
      found?.cycle.map((e) => [e.source, e.target]),
      [
        [0, 1],
        [1, 0],
      ],
    );
    // Weakly fair only, y and z need not be taken: the whole component is fair.
    assert.deepEqual(search(states, conditionOf(fairnessOf(ACTIONS, [y, z], [])))?.cycle.length, 2);
    // With y enabled at state 0 too, each refinement leaves nothing with a cycle.
    const everywhere = states.map((s, i) => (i === 0 ? { ...s, edges: [...s.edges, [y, 4] as const] } : s));
    assert.equal(search(everywhere, conditionOf(fairnessOf(ACTIONS, [], [y, z]))), null);
  });

  it('a cycle taking a strongly fair class it enables is fair', () => {
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1]] },
      { facts: IN, edges: [[y, 0], [b, 2]] },
      { facts: 0, edges: [] },
    ];
    assert.deepEqual(search(states, conditionOf(fairnessOf(ACTIONS, [], [y])))?.cycle.map((e) => e.action), [a, y]);
  });

  it('a cycle must pass a visiting state when the condition asks for one', () => {
    // Two cycles inside: 0 <-> 1 (no visiting state) and 2 <-> 3 (3 is visiting), entered from 1.
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1]] },
      { facts: IN, edges: [[b, 0], [x, 2]] },
      { facts: IN, edges: [[a, 3]] },
      { facts: IN | VISIT, edges: [[b, 2]] },
    ];
    assert.equal(search(states, conditionOf(fairnessOf(ACTIONS, [], []), false))?.entry, 0);
    const found = search(states, conditionOf(fairnessOf(ACTIONS, [], []), true));
    assert.deepEqual([found?.entry, found?.states], [2, [2, 3]]);
  });

  it('the lowest entry wins among fair components', () => {
    // Self-loops at 4 and at 2, both fair; 2 is the lower.
    const states: StateSpec[] = [
      { facts: 0, edges: [[a, 1]] },
      { facts: 0, edges: [[a, 4], [b, 3]] },
      { facts: IN, edges: [[a, 2]] },
      { facts: 0, edges: [[a, 2]] },
      { facts: IN, edges: [[a, 4]] },
    ];
    const found = search(states, conditionOf(fairnessOf(ACTIONS, [a], [])));
    assert.deepEqual([found?.entry, found?.cycle.length], [2, 1]);
  });
});

describe('fair components and cycles on random graphs', () => {
  const random = seededRandom(2024);
  const cases = Array.from({ length: 300 }, (_, round) => {
    const n = 2 + Math.floor(random() * 4);
    const states = randomGraph(random, n, 3, 5);
    const weak = [0, 1, 2, 3, 4].filter(() => random() < 0.5);
    const strong = [0, 1, 2, 3, 4].filter(() => random() < 0.3);
    return { round, states, fairness: fairnessOf(ACTIONS, weak, strong), visiting: random() < 0.3 };
  });

  it('the entry is the lowest state on any fair closed walk; the cycle is fair, inside, and shortest', () => {
    let found = 0;
    for (const { round, states, fairness, visiting } of cases) {
      const within = (s: number) => (states[s]!.facts! & IN) !== 0;
      const visits = (s: number) => !visiting || (states[s]!.facts! & VISIT) !== 0;
      const expected = lowestOnFairWalk(states, within, visits, fairness);
      const result = search(states, conditionOf(fairness, visiting));
      assert.equal(result?.entry ?? null, expected, `round ${round}`);
      if (!result) continue;
      found++;
      const passed = new Set(result.cycle.map((e) => e.target));
      assert.ok([...passed].every(within), `round ${round}: the cycle leaves the set`);
      assert.ok([...passed].some(visits), `round ${round}: the cycle passes no visiting state`);
      assert.ok(isFairWalk(states, passed, result.cycle, fairness), `round ${round}: the cycle is not fair`);
      assert.equal(result.cycle.length, shortestFairWalk(states, result.entry, within, visits, fairness, result.cycle.length), `round ${round}`);
    }
    assert.ok(found > 50 && found < cases.length - 50, `${found} of ${cases.length} graphs have a fair cycle`);
  });

  it('the greedy cycle, used when the exact search would be too large, is fair too', () => {
    for (const { round, states, fairness, visiting } of cases) {
      const result = search(states, conditionOf(fairness, visiting), 0);
      if (!result) continue;
      const passed = new Set(result.cycle.map((e) => e.target));
      assert.ok(isFairWalk(states, passed, result.cycle, fairness), `round ${round}: the greedy cycle is not fair`);
      assert.ok(!visiting || [...passed].some((s) => (states[s]!.facts! & VISIT) !== 0), `round ${round}`);
    }
  });
});
