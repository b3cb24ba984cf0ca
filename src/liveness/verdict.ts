// How a liveness property runs: while exploring, the engine hands every
// transition to a recorder that keeps the whole graph; once exploration has
// reached the fixpoint, each sub-property's conditions are decided on it
// (backward reachability, fair components). A violated sub-property gets a
// counterexample: a shortest trace to a state from which the target is out
// of reach, or a lasso with a shortest prefix and a fair cycle, the shortest
// one from there unless its search ran past its memory budget.
import { StateCodec } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { AlwaysReachable, LivenessPart, LivenessProperty, NoFairCycle } from '../props/liveness.js';
import type { PropertyName } from '../props/property.js';
import { ReverseGraph } from './backward.js';
import { FairCycleFinder, type FairComponent } from './fair-cycles.js';
import { CYCLE_SEARCH_BYTES, fairCycleThrough } from './lasso.js';
import type { TransitionObserver } from '../props/coordinator.js';
import type { LabeledTrace, PartVerdict, Verdict, VerdictTools } from '../props/verdict.js';
import { lastState, type TraceStep } from '../spec/trace.js';
import { graphRecorder } from './graph-recorder.js';
import { TransitionGraph } from './transition-graph.js';

interface PartOutcome {
  readonly verdict: PartVerdict;
  readonly trace?: LabeledTrace;
}

/** A liveness property's coordinator part (the graph recorder) and its verdict, decided on the recorded graph. */
export interface LivenessRunner {
  readonly observer: TransitionObserver;
  verdict(tools: VerdictTools): Verdict;
}

/** `cycleSearchBytes` bounds the memory of each search for a shortest fair cycle. */
export function livenessRunner(
  property: PropertyName,
  declared: LivenessProperty,
  cycleSearchBytes: number = CYCLE_SEARCH_BYTES,
): LivenessRunner {
  const graph = new TransitionGraph();
  return {
    observer: graphRecorder(graph, property),
    verdict: (tools) => livenessVerdict(property, declared, graph, tools, cycleSearchBytes),
  };
}

function livenessVerdict(
  property: PropertyName,
  declared: LivenessProperty,
  graph: TransitionGraph,
  tools: VerdictTools,
  cycleSearchBytes: number,
): Verdict {
  const kind = 'liveness';
  const graphStats = {
    graphStates: graph.stateCount,
    graphTransitions: graph.edgeCount,
    graphBytes: graph.bytes,
    graphBytesPerTransition: Number((graph.bytes / Math.max(1, graph.edgeCount)).toFixed(2)),
  };
  if (!tools.engine.complete) {
    // Without the whole graph, neither "holds" nor a fair cycle's fairness can be known.
    const parts = declared.parts.map((p): PartVerdict => ({ name: p.name, title: p.title, status: 'inconclusive' }));
    return { property, kind, status: 'inconclusive', parts, stats: graphStats };
  }
  if (graph.stateCount !== tools.engine.stateCount) {
    throw new Error(`${property}: the graph holds ${graph.stateCount} states, the run ${tools.engine.stateCount}`);
  }
  const started = Date.now();
  const analysis = new GraphAnalysis(graph, declared, tools, cycleSearchBytes);
  const outcomes = declared.parts.map((part) => analysis.decide(part));
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
class GraphAnalysis {
  private finder: FairCycleFinder | null = null;
  /** The most scratch space held at once. */
  private peakBytes = 0;

  constructor(
    private readonly graph: TransitionGraph,
    private readonly declared: LivenessProperty,
    private readonly tools: VerdictTools,
    private readonly cycleSearchBytes: number,
  ) {}

  get bytes(): number {
    return this.peakBytes;
  }

  /** A part's verdict: its lock-out conditions first, then its fair-cycle conditions (a part has one kind or the other). */
  decide(part: LivenessPart): PartOutcome {
    const reach = part.conditions.filter((c): c is AlwaysReachable => c.kind === 'always-reachable');
    const cycles = part.conditions.filter((c): c is NoFairCycle => c.kind === 'no-fair-cycle');
    return this.lockOut(part, reach) ?? this.fairLasso(part, cycles) ?? { verdict: { name: part.name, title: part.title, status: 'holds' } };
  }

  /** The first state (in breadth-first order) from which some target is out of reach, and every condition it breaks. */
  private lockOut(part: LivenessPart, conditions: readonly AlwaysReachable[]): PartOutcome | null {
    if (conditions.length === 0) return null;
    const reverse = new ReverseGraph(this.graph);
    const reachable = conditions.map((c) => reverse.canReach(c.target));
    this.peakBytes = Math.max(this.peakBytes, reverse.bytes + (this.finder?.bytes ?? 0) + reachable.length * this.graph.stateCount);
    let first = -1;
    for (const reached of reachable) {
      const s = reached.indexOf(0);
      if (s >= 0 && (first < 0 || s < first)) first = s;
    }
    if (first < 0) return null;
    const broken = conditions.filter((_, i) => reachable[i]![first] === 0).map((c) => c.violation);
    const trace = this.tools.trace(first);
    const detail = `from the state after ${trace.steps.length} steps, ${broken.join('; ')}`;
    return {
      verdict: { name: part.name, title: part.title, status: 'violated', detail, length: trace.steps.length },
      trace: { label: part.name, trace, detail },
    };
  }

  /** The fair lasso with the shortest prefix over the part's conditions (the first condition on a tie). */
  private fairLasso(part: LivenessPart, conditions: readonly NoFairCycle[]): PartOutcome | null {
    if (conditions.length === 0) return null;
    this.finder ??= new FairCycleFinder(this.graph, this.declared.classes);
    this.peakBytes = Math.max(this.peakBytes, this.finder.bytes);
    let best: { condition: NoFairCycle; component: FairComponent } | null = null;
    for (const condition of conditions) {
      const component = this.finder.shallowest(condition);
      if (component && (!best || component.entry < best.component.entry)) best = { condition, component };
    }
    if (!best) return null;
    const cycle = fairCycleThrough(this.graph, this.declared.classes, best.condition, best.component, this.cycleSearchBytes);
    this.peakBytes = Math.max(this.peakBytes, this.finder.bytes + cycle.bytes);
    const trace = this.lassoTrace(part.name, best.component.entry, cycle.edges);
    const prefix = trace.loop!.index;
    const steps = cycle.edges.length;
    const detail = cycle.minimal
      ? `${best.condition.violation} (a shortest fair cycle of ${steps} steps after ${prefix})`
      : `${best.condition.violation} (a fair cycle of ${steps} steps after ${prefix}; shorter ones may exist, none of fewer than ${cycle.atLeast} steps)`;
    return {
      verdict: {
        name: part.name,
        title: part.title,
        status: 'violated',
        detail,
        length: prefix + steps,
        lasso: { prefix, cycle: steps, cycleMinimal: cycle.minimal, cycleAtLeast: cycle.atLeast },
      },
      trace: { ...trace, detail },
    };
  }

  /** The shortest trace to `entry`, then the cycle's edges re-executed; the last one closes the loop. */
  private lassoTrace(label: string, entry: number, cycle: readonly number[]): LabeledTrace {
    const { model } = this.tools;
    const actions = alphabetOf(model.ctx).actions;
    const prefix = this.tools.trace(entry);
    const start = lastState(prefix);
    const steps: TraceStep[] = [];
    let s = start;
    for (const e of cycle) {
      const actionIndex = this.graph.action(e);
      const outcome = model.step(model.ctx, s, actions[actionIndex]!);
      if (!outcome) throw new Error(`lasso: action ${actionIndex} of edge ${e} is disabled on re-execution`);
      steps.push({ actionIndex, action: actions[actionIndex]!, response: outcome.response, state: outcome.state });
      s = outcome.state;
    }
    const codec = new StateCodec(model.ctx);
    if (Buffer.compare(codec.encode(s), codec.encode(start)) !== 0) throw new Error('lasso: the cycle does not return to its entry');
    return {
      label,
      trace: { initial: prefix.initial, steps: [...prefix.steps, ...steps.slice(0, -1)] },
      loop: { index: prefix.steps.length, closing: steps.at(-1)! },
    };
  }
}
