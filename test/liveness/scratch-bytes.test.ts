// The scratch space `estimate` predicts for a liveness analysis: each
// class's size formula (`bytesFor`) against the arrays an instance holds, and
// livenessScratchBytes against what the analysis itself reports holding
// (`analysisBytes`) on complete runs, reduced (per-OS parts on (orbit, OS)
// pairs) and not: the prediction also counts the queue and the region the
// analysis does not report, so it may exceed the report, by a little.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuotientReverseGraph, ReverseGraph } from '../../src/liveness/backward.js';
import { FairCycleFinder } from '../../src/liveness/fair-cycles.js';
import { QuotientFairFinder } from '../../src/liveness/quotient-fair-cycles.js';
import { QuotientGroup } from '../../src/liveness/quotient-group.js';
import { QuotientView } from '../../src/liveness/quotient-view.js';
import { SccFinder } from '../../src/liveness/scc.js';
import { TransitionGraph } from '../../src/liveness/transition-graph.js';
import { livenessScratchBytes } from '../../src/liveness/verdict.js';
import { osPermutations } from '../../src/hash/symmetry-group.js';
import { availabilityOf } from '../../src/props/availability.js';
import { checkWith, contextOf } from '../helpers.js';

describe('size formulas against the arrays held', () => {
  // Three states: 0 -> 1 -> 2 -> 0, and a self-loop at 1.
  const graph = new TransitionGraph(true);
  for (const [s, targets] of [[1], [1, 2], [0]].entries()) {
    graph.addState(s);
    for (const t of targets) graph.addEdge(0, t);
    graph.closeState();
  }

  it("Tarjan's arrays and the fair-cycle finder's", () => {
    assert.equal(new SccFinder(graph).bytes, SccFinder.bytesFor(3));
    const classes = availabilityOf(contextOf({})).classes;
    assert.equal(new FairCycleFinder(graph, classes).bytes, FairCycleFinder.bytesFor(3));
  });

  it("the quotient finder's, on a view of (state, OS) pairs", () => {
    const ctx = contextOf({ oses: [{}, {}, {}] });
    const declared = availabilityOf(ctx);
    const group = new QuotientGroup(ctx, osPermutations(ctx), declared.classes);
    const view = new QuotientView(graph, group, 3);
    assert.equal(new QuotientFairFinder(view, group, declared.classes).bytes, QuotientFairFinder.bytesFor(9));
  });

  it('the predecessor lists: self-loops are left out, so the formula is a bound', () => {
    assert.equal(new ReverseGraph(graph).bytes, ReverseGraph.bytesFor(3, 3));
    assert.equal(ReverseGraph.bytesFor(3, graph.edgeCount), ReverseGraph.bytesFor(3, 3) + 4);
  });

  it("the quotient's labelled predecessor lists: only self-loops by the identity are left out", () => {
    const ctx = contextOf({ oses: [{}, {}, {}] });
    const declared = availabilityOf(ctx);
    const group = new QuotientGroup(ctx, osPermutations(ctx), declared.classes);
    const view = new QuotientView(graph, group, 3);
    assert.equal(new QuotientReverseGraph(view, group).bytes, QuotientReverseGraph.bytesFor(3, 3));
  });
});

const CONFIG = { oses: [{}, {}, {}], virtualAddresses: 1, values: 1, physicalAddresses: 1, machinePages: 3 };

describe('the scratch space of the availability analysis, predicted', () => {
  for (const symmetry of [true, false]) {
    it(symmetry ? 'on the quotient graph' : 'on the whole graph', async () => {
      const result = await checkWith(CONFIG, ['availability'], { symmetry });
      const stats = result.verdicts[0]!.stats!;
      assert.equal(stats.graphQuotient === 1, symmetry);
      const ctx = contextOf(CONFIG);
      const predicted = livenessScratchBytes(availabilityOf(ctx), ctx.n, stats.graphStates!, stats.graphTransitions!, symmetry);
      const reported = stats.analysisBytes!;
      assert.ok(predicted >= reported, `predicted ${predicted} bytes, the analysis held ${reported}`);
      assert.ok(predicted <= 1.5 * reported, `predicted ${predicted} bytes, the analysis held ${reported}`);
    });
  }
});
