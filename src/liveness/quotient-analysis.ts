// Availability's sub-properties decided on the quotient graph, under symmetry
// reduction (docs/checker.md, Liveness under symmetry). A part whose
// conditions are one per OS is decided on (representative, OS) pairs, the OS
// followed through each transition's permutation (quotient-view.ts); a part of
// invariant conditions, on representatives. Lock-out is backward
// reachability there; fair cycles are found by quotient-fair-cycles.ts, and
// the lasso's cycle is searched on the concrete component the quotient one
// stands for (unfold.ts), then mapped onto the state the prefix reaches.
import type { AlwaysReachable, LivenessPart, LivenessProperty, NoFairCycle } from '../props/liveness.js';
import type { VerdictTools } from '../props/verdict.js';
import { lastState } from '../spec/trace.js';
import { QuotientReverseGraph } from './backward.js';
import { fairCycleThrough } from './lasso.js';
import { analysisCheckpoint, decidePart, lassoOutcome, lockOutOutcome, type PartAlgorithms, type PartOutcome } from './outcomes.js';
import { QuotientFairFinder, type QuotientComponent } from './quotient-fair-cycles.js';
import type { QuotientGroup } from './quotient-group.js';
import { QuotientView } from './quotient-view.js';
import { StateSet } from './scc.js';
import type { RecordedGraph } from './transition-graph.js';
import { UnfoldedComponent } from './unfold.js';

export class QuotientAnalysis implements PartAlgorithms {
  private peakBytes = 0;
  /** The view last asked for, with its finder: parts are ordered so that those of one view come together, and an older view's scratch space (bytes per node) is let go. */
  private viewed: { view: QuotientView; finder: QuotientFairFinder | null } | null = null;

  constructor(
    private readonly graph: RecordedGraph,
    private readonly declared: LivenessProperty,
    private readonly tools: VerdictTools,
    private readonly cycleSearchBytes: number,
    private readonly group: QuotientGroup,
  ) {}

  get bytes(): number {
    return this.peakBytes;
  }

  decide(part: LivenessPart): Promise<PartOutcome> {
    return decidePart(this, part);
  }

  /** The view that follows `tracked` OSes (1: none). */
  private viewOf(tracked: number): { view: QuotientView; finder: QuotientFairFinder | null } {
    if (this.viewed?.view.tracked !== tracked) this.viewed = { view: new QuotientView(this.graph, this.group, tracked), finder: null };
    return this.viewed;
  }

  private tracked(part: LivenessPart): number {
    if (part.perOs && part.conditions.length !== this.tools.model.ctx.n) throw new Error(`${part.name}: a per-OS part needs one condition per OS`);
    return part.perOs ? part.conditions.length : 1;
  }

  /**
   * Lock-out: per condition (for a per-OS part, per pair (r, j), condition j),
   * whether a target is reachable; the first representative where one is not,
   * and the OSes, as the trace to it names them.
   */
  async lockOut(part: LivenessPart, conditions: readonly AlwaysReachable[]): Promise<PartOutcome | null> {
    if (conditions.length === 0) return null;
    await analysisCheckpoint(this.tools);
    const tracked = this.tracked(part);
    const { view } = this.viewOf(tracked);
    const reverse = new QuotientReverseGraph(view, this.group);
    const states = this.graph.stateCount;
    // Per condition: whether each node reaches a target, and where representative r's node for it lies.
    const checks: { reached: Uint8Array; offset: number; condition: number }[] = [];
    let held = reverse.bytes;
    if (part.perOs) {
      const reached = reverse.canReachStates((v) => conditions[view.os(v)]!.target(view.facts(v)));
      held += reached.byteLength;
      for (let j = 0; j < conditions.length; j++) checks.push({ reached, offset: view.node(0, j), condition: j });
    } else {
      for (const [i, c] of conditions.entries()) {
        await analysisCheckpoint(this.tools);
        const reached = reverse.canReachStates((v) => c.target(view.facts(v)));
        held += reached.byteLength;
        checks.push({ reached, offset: 0, condition: i });
      }
    }
    this.peakBytes = Math.max(this.peakBytes, held);
    for (let r = 0; r < states; r++) {
      if (checks.every(({ reached, offset }) => reached[offset + r] === 1)) continue;
      const broken = checks.filter(({ reached, offset }) => reached[offset + r] === 0).map((c) => c.condition);
      const trace = this.tools.trace(r);
      // The trace reaches h r: condition j at r is condition h j there.
      const h = this.group.fromRepresentative(lastState(trace));
      const named = part.perOs ? broken.map((j) => this.group.os(h, j)).sort((a, b) => a - b) : broken;
      return lockOutOutcome(part, trace, named.map((i) => conditions[i]!.violation));
    }
    return null;
  }

  /** The fair lasso with the shortest prefix over the part's conditions (the first OS, or condition, on a tie). */
  async fairLasso(part: LivenessPart, conditions: readonly NoFairCycle[]): Promise<PartOutcome | null> {
    if (conditions.length === 0) return null;
    await analysisCheckpoint(this.tools);
    const tracked = this.tracked(part);
    const viewed = this.viewOf(tracked);
    const { view } = viewed;
    const finder = (viewed.finder ??= new QuotientFairFinder(view, this.group, this.declared.classes));
    this.peakBytes = Math.max(this.peakBytes, finder.bytes);
    let best: { condition: number; component: QuotientComponent } | null = null;
    const rank = (v: number) => view.representative(v) * tracked + view.os(v);
    if (part.perOs) {
      const fairness = conditions[0]!.fairness;
      if (conditions.some((c) => c.fairness !== fairness)) throw new Error(`${part.name}: a per-OS part needs one fairness for every OS`);
      const component = finder.shallowest({
        within: (facts, os) => conditions[os]!.within(facts),
        visiting: conditions[0]!.visiting && ((facts, os) => conditions[os]!.visiting!(facts)),
        fairness,
      });
      if (component) best = { condition: view.os(component.entry), component };
    } else {
      for (const [i, c] of conditions.entries()) {
        await analysisCheckpoint(this.tools);
        const component = finder.shallowest({ within: c.within, visiting: c.visiting, fairness: c.fairness });
        if (component && (!best || rank(component.entry) < rank(best.component.entry))) best = { condition: i, component };
      }
    }
    if (!best) return null;
    await analysisCheckpoint(this.tools);
    const { entry, nodes } = best.component;
    const prefix = this.tools.trace(view.representative(entry));
    const reached = lastState(prefix);
    // The prefix reaches h r; the cycle is searched from r itself, in r's names, then mapped by h.
    const h = this.group.fromRepresentative(reached);
    const os = view.os(entry);
    const fixing = this.group.stabiliser(this.group.representative(reached)).filter((g) => !part.perOs || this.group.os(g, os) === os);
    const inside = new StateSet(view.stateCount);
    inside.reset(nodes);
    const unfolded = new UnfoldedComponent(view, this.group, this.declared, inside, entry, fixing);
    const condition = conditions[best.condition]!;
    const all = Int32Array.from({ length: unfolded.stateCount }, (_, i) => i);
    const cycle = fairCycleThrough(unfolded, this.declared.classes, condition, { states: all, entry: 0 }, this.cycleSearchBytes);
    this.peakBytes = Math.max(this.peakBytes, finder.bytes + inside.stamp.byteLength + unfolded.bytes + cycle.bytes);
    const { actionImage, actionCount } = this.group;
    const actions = cycle.edges.map((e) => actionImage[h * actionCount + unfolded.action(e)]!);
    const violated = part.perOs ? conditions[this.group.os(h, os)]! : condition;
    return lassoOutcome(this.tools.model, part, violated.violation, prefix, actions, cycle);
  }
}
