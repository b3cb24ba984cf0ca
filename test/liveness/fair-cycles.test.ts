// Fair components and fair cycles on hand-made graphs with known answers, and
// on random graphs against brute force over every set of edges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FairCycleFinder } from '../../src/liveness/fair-cycles.js';
import { ComponentGraph } from '../../src/liveness/component-graph.js';
import { CycleObligations } from '../../src/liveness/cycle-obligations.js';
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

/** The fair component's entry and a cycle through it as edges (and whether it is proved shortest), or null. */
function search(states: readonly StateSpec[], condition: NoFairCycle, budgetBytes?: number) {
  const graph = graphOf(states);
  const classes = plainClasses(ACTIONS);
  const component = new FairCycleFinder(graph, classes).shallowest(condition);
  if (!component) return null;
  const { edges, minimal, atLeast } = fairCycleThrough(graph, classes, condition, component, budgetBytes);
  // Edge ids back to (source, action, target), following the cycle from the entry.
  let at = component.entry;
  const cycle: EdgeRef[] = edges.map((e) => {
    const edge = { source: at, action: graph.action(e), target: graph.target(e) };
    assert.ok(e >= graph.edgeStart(at) && e < graph.edgeStart(at + 1), `edge ${e} does not leave state ${at}`);
    at = edge.target;
    return edge;
  });
  assert.equal(at, component.entry, 'the cycle returns to its entry');
  return { entry: component.entry, states: [...component.states].sort((a, b) => a - b), cycle, minimal, atLeast };
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
      assert.deepEqual([result.minimal, result.atLeast], [true, result.cycle.length], `round ${round}: proved shortest`);
    }
    assert.ok(found > 50 && found < cases.length - 50, `${found} of ${cases.length} graphs have a fair cycle`);
  });

  it('with no memory for the search, the cycle is still fair, and called shortest only when it has one step', () => {
    for (const { round, states, fairness, visiting } of cases) {
      const result = search(states, conditionOf(fairness, visiting), 0);
      if (!result) continue;
      const passed = new Set(result.cycle.map((e) => e.target));
      assert.ok(isFairWalk(states, passed, result.cycle, fairness), `round ${round}: the greedy cycle is not fair`);
      assert.ok(!visiting || [...passed].some((s) => (states[s]!.facts! & VISIT) !== 0), `round ${round}`);
      assert.deepEqual([result.minimal, result.atLeast], result.cycle.length === 1 ? [true, 1] : [false, 1], `round ${round}`);
    }
  });
});

describe('shortest fair cycles on both sides of the memory budget', () => {
  // Larger graphs than brute force over edge sets allows: the shortest length is
  // checked by brute force over walks, from the entry the finder chose.
  const random = seededRandom(77);
  const cases = Array.from({ length: 150 }, (_, round) => {
    const n = 8 + Math.floor(random() * 8);
    // Most states inside, so that components are large enough for small budgets to cut the search.
    const states = randomGraph(random, n, 4, 6).map((s) => ({ ...s, facts: s.facts! | (random() < 0.8 ? IN : 0) }));
    const weak = [0, 1, 2, 3, 4, 5].filter(() => random() < 0.6);
    const strong = [0, 1, 2, 3, 4, 5].filter(() => random() < 0.3);
    return { round, states, fairness: fairnessOf(ACTIONS, weak, strong), visiting: random() < 0.3 };
  });
  const budgets = [0, 600, 1_200, 2_500, 10_000];

  it('a cycle is fair and no shorter than its bound, proved shortest exactly when it is, and always within the default budget', () => {
    let compared = 0;
    let unproved = 0;
    let bounded = 0;
    let proved = 0;
    for (const { round, states, fairness, visiting } of cases) {
      const condition = conditionOf(fairness, visiting);
      const exact = search(states, condition);
      if (!exact) continue;
      const within = (s: number) => (states[s]!.facts! & IN) !== 0;
      const visits = (s: number) => !visiting || (states[s]!.facts! & VISIT) !== 0;
      const shortest = shortestFairWalk(states, exact.entry, within, visits, fairness, exact.cycle.length);
      assert.equal(exact.cycle.length, shortest, `round ${round}: the default budget finds the shortest`);
      assert.ok(exact.minimal, `round ${round}`);
      compared++;
      for (const budget of budgets) {
        const found = search(states, condition, budget)!;
        const at = `round ${round}, budget ${budget}`;
        const passed = new Set(found.cycle.map((e) => e.target));
        assert.ok([...passed].every(within), `${at}: the cycle leaves the set`);
        assert.ok([...passed].some(visits), `${at}: the cycle passes no visiting state`);
        assert.ok(isFairWalk(states, passed, found.cycle, fairness), `${at}: the cycle is not fair`);
        assert.ok(found.atLeast <= shortest! && shortest! <= found.cycle.length, `${at}: ${found.atLeast} <= ${shortest} <= ${found.cycle.length}`);
        assert.equal(found.minimal, found.atLeast === found.cycle.length, at);
        if (found.minimal) assert.equal(found.cycle.length, shortest, `${at}: called shortest`);
        if (!found.minimal) unproved++;
        if (!found.minimal && found.atLeast > 1) bounded++;
        if (found.minimal && budget > 0 && budget < 10_000) proved++;
      }
    }
    // Both sides of the budget are met, and searches cut short on the way still bound the length.
    assert.ok(compared > 80, `${compared} graphs with a fair cycle`);
    assert.ok(unproved > 80 && bounded > 15 && proved > 150, `${unproved} not proved, ${bounded} with a bound above 1, ${proved} proved`);
  });
});

describe('obligations no cycle can fail', () => {
  const obligations = (states: readonly StateSpec[], condition: NoFairCycle) => {
    const graph = graphOf(states);
    const classes = plainClasses(ACTIONS);
    const component = new FairCycleFinder(graph, classes).shallowest(condition)!;
    const o = new CycleObligations(graph, new ComponentGraph(graph, classes, component), condition);
    return { kept: o.kept, pruned: o.pruned };
  };

  it('a weak class is left out when every cycle through the entry passes a state that disables it or takes it', () => {
    // 0 -> 1 -> 0 and 0 -> 2 -> 0; x is enabled at 0 and 1 (leading out), y at 0 and 2 (y taken from 2).
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1], [b, 2], [x, 3], [y, 3]] },
      { facts: IN, edges: [[a, 0], [x, 3]] },
      { facts: IN, edges: [[y, 0]] },
      { facts: 0, edges: [] },
    ];
    // Weak a, b, y: a cycle through 0 goes by 1 (taking a) or by 2 (disabling a, taking b), so meets a, b,
    // and y (disabled at 1, taken from 2).
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [a, b, y], []))), { kept: 0, pruned: 3 });
    // Weak x: 0 -> 1 -> 0 stays where x is enabled and never takes it.
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [x], []))), { kept: 1, pruned: 0 });
    // The cycle search still returns the shortest fair one: 0 -> 2 -> 0, passing 2 where x is disabled.
    assert.deepEqual(search(states, conditionOf(fairnessOf(ACTIONS, [x], [])))?.cycle.map((e) => e.target), [2, 0]);
  });

  it('a strong class is left out when every cycle through the entry that passes a state enabling it takes it', () => {
    // y is enabled only at 1, and y is the only way out of 1; z is enabled at 2, which can also leave by a.
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1], [b, 2]] },
      { facts: IN, edges: [[y, 0]] },
      { facts: IN, edges: [[z, 0], [a, 0], [x, 3]] },
      { facts: 0, edges: [] },
    ];
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [], [y]))), { kept: 0, pruned: 1 });
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [], [y, z]))), { kept: 1, pruned: 1 });
    // x leads out of the component: never taken inside, so state 2 is refined away and z is never enabled.
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [], [x, z]))), { kept: 0, pruned: 0 });
  });

  it('the visit is left out when every cycle through the entry passes a visiting state', () => {
    const states: StateSpec[] = [
      { facts: IN, edges: [[a, 1], [b, 2]] },
      { facts: IN | VISIT, edges: [[a, 0]] },
      { facts: IN | VISIT, edges: [[a, 0]] },
    ];
    assert.deepEqual(obligations(states, conditionOf(fairnessOf(ACTIONS, [], []), true)), { kept: 0, pruned: 1 });
    const avoidable = [{ ...states[0]!, edges: [...states[0]!.edges, [x, 0] as const] }, states[1]!, states[2]!];
    assert.deepEqual(obligations(avoidable, conditionOf(fairnessOf(ACTIONS, [], []), true)), { kept: 1, pruned: 0 });
  });
});
