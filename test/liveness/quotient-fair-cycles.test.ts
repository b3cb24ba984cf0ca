// The quotient's fair components on a hand-made graph, where the group that a
// component's cycles compose decides fairness: one representative r (OS 0
// active) whose switch(1) leads to the image of r under the swap of the two
// OSes. The concrete cycle r -switch(1)-> swap r -switch(0)-> r takes both
// switches, and chmod@0, enabled at r, is not enabled at swap r (chmod@1 is):
// the cycle is weakly fair. Read without the swap, the quotient's self-loop
// would seem to leave chmod@0 enabled for ever and never taken.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osPermutations } from '../../src/hash/symmetry-group.js';
import { availabilityOf } from '../../src/props/availability.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { QuotientFairFinder } from '../../src/liveness/quotient-fair-cycles.js';
import { QuotientGroup } from '../../src/liveness/quotient-group.js';
import { QuotientView } from '../../src/liveness/quotient-view.js';
import { TransitionGraph } from '../../src/liveness/transition-graph.js';
import { UnfoldedComponent } from '../../src/liveness/unfold.js';
import { fairCycleThrough } from '../../src/liveness/lasso.js';
import { StateSet } from '../../src/liveness/scc.js';
import { contextOf } from '../helpers.js';

const ctx = contextOf({});
const declared = availabilityOf(ctx);
const permutations = osPermutations(ctx);
const group = new QuotientGroup(ctx, permutations, declared.classes);
const alphabet = alphabetOf(ctx);
const swap = group.indexOf({ os: permutations.find((p) => p.os[0] === 1)!, values: [0, 1] });
const RUNNING_OS_0 = 0b1000;
const everyClassWeak = { weak: new Uint8Array(declared.classes.count).fill(1), strong: new Uint8Array(declared.classes.count) };

/** r, with switch(1) to itself by `element`, and chmod leaving the graph. */
function graphOf(element: number): TransitionGraph {
  const graph = new TransitionGraph(true);
  graph.addState(RUNNING_OS_0);
  graph.addEdge(alphabet.indexOf('chmod')!, -1);
  graph.addEdge(alphabet.indexOf('switch(1)')!, 0, element);
  graph.closeState();
  return graph;
}

describe('fair components of the quotient', () => {
  it('a self-loop through the swap stands for a fair cycle of two states', () => {
    const finder = new QuotientFairFinder(new QuotientView(graphOf(swap), group, 1), group, declared.classes);
    assert.deepEqual(finder.shallowest({ within: () => true, fairness: everyClassWeak })?.entry, 0);
  });

  it('unfolded, it is the concrete cycle switch(1), switch(0), proved shortest', () => {
    const view = new QuotientView(graphOf(swap), group, 1);
    const inside = new StateSet(1);
    inside.reset([0]);
    const unfolded = new UnfoldedComponent(view, group, declared, inside, 0, [0]);
    assert.equal(unfolded.stateCount, 2);
    const within = () => true;
    const cycle = fairCycleThrough(unfolded, declared.classes, { kind: 'no-fair-cycle', within, fairness: everyClassWeak, violation: '' }, { states: Int32Array.of(0, 1), entry: 0 });
    assert.deepEqual(cycle.edges.map((e) => alphabet.actions[unfolded.action(e)]), [{ kind: 'switch', os: 1 }, { kind: 'switch', os: 0 }]);
    assert.equal(cycle.minimal, true);
  });

  it('the same self-loop by the identity is unfair: chmod@0 stays enabled and is never taken', () => {
    const finder = new QuotientFairFinder(new QuotientView(graphOf(0), group, 1), group, declared.classes);
    assert.equal(finder.shallowest({ within: () => true, fairness: everyClassWeak }), null);
  });
});
