// How a liveness property runs: while exploring, the engine hands every
// transition to a recorder that keeps the whole graph; once exploration has
// reached the fixpoint, each sub-property's conditions are decided on it
// (backward reachability, fair components). A violated sub-property gets a
// counterexample: a shortest trace to a state from which the target is out
// of reach, or a lasso with a shortest prefix and a fair cycle, the shortest
// one from there unless its search ran past its memory budget.
// The analysis yields to the event loop between its steps (each backward
// search, each fair-cycle search), so that Ctrl-C and the memory limit are
// seen; stopped, it leaves the property inconclusive.
import type { AlwaysReachable, LivenessPart, LivenessProperty, NoFairCycle } from '../props/liveness.js';
import type { PropertyName } from '../props/property.js';
import { QuotientReverseGraph, ReverseGraph } from './backward.js';
import { FairCycleFinder, type FairComponent } from './fair-cycles.js';
import { CYCLE_SEARCH_BYTES, fairCycleThrough } from './lasso.js';
import type { TransitionObserver } from '../props/coordinator.js';
import type { PartVerdict, Verdict, VerdictTools } from '../props/verdict.js';
import type { OsPermutation } from '../hash/symmetry-group.js';
import { graphRecorder } from './graph-recorder.js';
import { analysisCheckpoint, AnalysisStopped, decidePart, lassoOutcome, lockOutOutcome, type PartAlgorithms, type PartOutcome } from './outcomes.js';
import { QuotientAnalysis } from './quotient-analysis.js';
import { QuotientFairFinder } from './quotient-fair-cycles.js';
import { QuotientGroup } from './quotient-group.js';
import { TransitionGraph, type RecordedGraph } from './transition-graph.js';

/** A liveness property's coordinator part (the graph recorder) and its verdict, decided on the recorded graph. */
export interface LivenessRunner {
  readonly observer: TransitionObserver;
  /** The phase its verdict makes: 'analysing <property>'. */
  readonly phase: string;
  verdict(tools: VerdictTools): Promise<Verdict>;
}

/** What decides the sub-properties on the recorded graph: `GraphAnalysis`, or `QuotientAnalysis` under symmetry reduction. */
export interface PartDecider {
  /** The most scratch space held at once. */
  readonly bytes: number;
  decide(part: LivenessPart): Promise<PartOutcome>;
}

/**
 * `cycleSearchBytes` bounds the memory of each search for a shortest fair
 * cycle; `symmetry`, the OS part of the group a reduced run stores orbits of:
 * the graph is then the quotient, each transition labelled with its element.
 */
export function livenessRunner(
  property: PropertyName,
  declared: LivenessProperty,
  cycleSearchBytes: number = CYCLE_SEARCH_BYTES,
  symmetry?: readonly OsPermutation[],
): LivenessRunner {
  const graph = new TransitionGraph(symmetry !== undefined);
  const decider = (complete: RecordedGraph, tools: VerdictTools): PartDecider =>
    symmetry
      ? new QuotientAnalysis(complete, declared, tools, cycleSearchBytes, new QuotientGroup(tools.model.ctx, symmetry, declared.classes))
      : new GraphAnalysis(complete, declared, tools, cycleSearchBytes);
  return {
    observer: graphRecorder(graph, property),
    phase: `analysing ${property}`,
    verdict: (tools) => livenessVerdict(property, graph, tools, decider, declared.parts),
  };
}

/**
 * The most scratch space the analysis of `declared` holds at once beyond the
 * graph, for a graph of `states` states (orbits, under symmetry reduction,
 * where a part with a condition per OS works on one node per (orbit, OS)
 * pair: `n` of them) and `transitions` transitions: per part, lock-out's
 * predecessor lists (on a quotient, those of the orbits, labelled), reached
 * flags and queue, or the fair-component search's
 * scratch space and the region it starts from. The sizes are those the
 * analyses' own classes declare; `estimate` predicts a run's memory with it.
 */
export function livenessScratchBytes(declared: LivenessProperty, n: number, states: number, transitions: number, reduced: boolean): number {
  let peak = 0;
  for (const part of declared.parts) {
    const tracked = reduced && part.perOs ? n : 1;
    const nodes = states * tracked;
    const reach = part.conditions.filter((c) => c.kind === 'always-reachable').length;
    if (reach > 0) {
      // A reduced per-OS part marks its pairs in one array; otherwise one array per condition.
      const reached = nodes * (tracked > 1 ? 1 : reach);
      const reverse = reduced ? QuotientReverseGraph.bytesFor(states, transitions) : ReverseGraph.bytesFor(nodes, transitions);
      peak = Math.max(peak, reverse + reached + 4 * nodes);
    }
    if (part.conditions.some((c) => c.kind === 'no-fair-cycle')) {
      const finder = reduced ? QuotientFairFinder.bytesFor(nodes) : FairCycleFinder.bytesFor(nodes);
      peak = Math.max(peak, finder + 4 * nodes);
    }
  }
  return peak;
}

async function livenessVerdict(
  property: PropertyName,
  graph: TransitionGraph,
  tools: VerdictTools,
  decider: (complete: RecordedGraph, tools: VerdictTools) => PartDecider,
  declaredParts: readonly LivenessPart[],
): Promise<Verdict> {
  const kind = 'liveness';
  const graphStats = {
    graphStates: graph.stateCount,
    graphTransitions: graph.edgeCount,
    graphBytes: graph.bytes,
    graphBytesPerTransition: Number((graph.bytes / Math.max(1, graph.edgeCount)).toFixed(2)),
    // 1 when the graph is the quotient: its states are orbit representatives, its transitions theirs.
    ...(graph.labelled ? { graphQuotient: 1 } : {}),
  };
  const inconclusive = declaredParts.map((p): PartVerdict => ({ name: p.name, title: p.title, status: 'inconclusive' }));
  if (!tools.engine.complete) {
    // Without the whole graph, neither "holds" nor a fair cycle's fairness can be known.
    return { property, kind, status: 'inconclusive', parts: inconclusive, stats: graphStats };
  }
  if (graph.stateCount !== tools.engine.stateCount) {
    throw new Error(`${property}: the graph holds ${graph.stateCount} states, the run ${tools.engine.stateCount}`);
  }
  const started = Date.now();
  // The run is over: the graph is read, never grown, from here on.
  const analysis = decider(graph.flatten(), tools);
  const outcomes: PartOutcome[] = [];
  try {
    for (const part of declaredParts) outcomes.push(await analysis.decide(part));
  } catch (error) {
    if (!(error instanceof AnalysisStopped)) throw error;
    return { property, kind, status: 'inconclusive', parts: inconclusive, stats: graphStats, analysisStoppedBy: error.reason };
  }
  const stats = { ...graphStats, analysisBytes: analysis.bytes, analysisMs: Date.now() - started };
  const parts = outcomes.map((o) => o.verdict);
  const traces = outcomes.flatMap((o) => o.trace ?? []);
  if (traces.length === 0) return { property, kind, status: 'holds', parts, stats };
  const failing = parts.filter((p) => p.status === 'violated');
  return {
    property,
    kind,
    status: 'violated',
    parts,
    stats,
    counterexample: {
      traces,
      action: null,
      length: Math.max(...failing.map((p) => p.length!)),
      detail: `fails: ${failing.map((p) => p.title).join(', ')}`,
    },
  };
}

/** The algorithms' state for one graph, built as the parts need them. */
class GraphAnalysis implements PartDecider, PartAlgorithms {
  private finder: FairCycleFinder | null = null;
  /** The most scratch space held at once. */
  private peakBytes = 0;

  constructor(
    private readonly graph: RecordedGraph,
    private readonly declared: LivenessProperty,
    private readonly tools: VerdictTools,
    private readonly cycleSearchBytes: number,
  ) {}

  get bytes(): number {
    return this.peakBytes;
  }

  decide(part: LivenessPart): Promise<PartOutcome> {
    return decidePart(this, part);
  }

  private checkpoint(): Promise<void> {
    return analysisCheckpoint(this.tools);
  }

  /** The first state (in breadth-first order) from which some target is out of reach, and every condition it breaks. */
  async lockOut(part: LivenessPart, conditions: readonly AlwaysReachable[]): Promise<PartOutcome | null> {
    if (conditions.length === 0) return null;
    await this.checkpoint();
    const reverse = new ReverseGraph(this.graph);
    const reachable: Uint8Array[] = [];
    for (const c of conditions) {
      await this.checkpoint();
      reachable.push(reverse.canReach(c.target));
    }
    this.peakBytes = Math.max(this.peakBytes, reverse.bytes + (this.finder?.bytes ?? 0) + reachable.length * this.graph.stateCount);
    let first = -1;
    for (const reached of reachable) {
      const s = reached.indexOf(0);
      if (s >= 0 && (first < 0 || s < first)) first = s;
    }
    if (first < 0) return null;
    const broken = conditions.filter((_, i) => reachable[i]![first] === 0).map((c) => c.violation);
    return lockOutOutcome(part, this.tools.trace(first), broken);
  }

  /** The fair lasso with the shortest prefix over the part's conditions (the first condition on a tie). */
  async fairLasso(part: LivenessPart, conditions: readonly NoFairCycle[]): Promise<PartOutcome | null> {
    if (conditions.length === 0) return null;
    await this.checkpoint();
    this.finder ??= new FairCycleFinder(this.graph, this.declared.classes);
    this.peakBytes = Math.max(this.peakBytes, this.finder.bytes);
    let best: { condition: NoFairCycle; component: FairComponent } | null = null;
    for (const condition of conditions) {
      await this.checkpoint();
      const component = this.finder.shallowest(condition);
      if (component && (!best || component.entry < best.component.entry)) best = { condition, component };
    }
    if (!best) return null;
    const cycle = fairCycleThrough(this.graph, this.declared.classes, best.condition, best.component, this.cycleSearchBytes);
    this.peakBytes = Math.max(this.peakBytes, this.finder.bytes + cycle.bytes);
    const actions = cycle.edges.map((e) => this.graph.action(e));
    return lassoOutcome(this.tools.model, part, best.condition.violation, this.tools.trace(best.component.entry), actions, cycle);
  }
}
