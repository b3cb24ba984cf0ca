// Fair cycles inside a set of states, for conditions "no fair path stays in
// `within` for ever (visiting `visiting` infinitely often)". A strongly
// connected component C of the subgraph `within` induces holds a fair cycle
// when a path can take every state and edge of C infinitely often and be
// fair, that is:
// - weak fairness: every weakly fair class enabled at all states of C is
//   taken on an edge inside C (otherwise no cycle in C is fair, since the
//   class is enabled all along it and never taken);
// - strong fairness: every strongly fair class enabled somewhere in C is taken
//   inside C. Where one is not, the states that enable it cannot be on a fair
//   cycle: they are removed and the components of what remains are examined
//   again (the Streett / Emerson-Lei refinement);
// - C has a cycle (two states or more, or a self-loop) and a `visiting` state.
// Every fair cycle lies inside one component this accepts, and every state of
// an accepted component lies on a fair cycle.
import type { ActionClasses, NoFairCycle } from '../props/liveness.js';
import { isCyclic, SccFinder, StateSet } from './scc.js';
import type { LabeledGraph } from './transition-graph.js';

/** Per class: in how many states of a component it is enabled, and whether an edge inside takes it. */
export class ClassTally {
  readonly enabled: Uint32Array;
  readonly taken: Uint8Array;
  /** Classes enabled somewhere in the component, each once. */
  readonly touched: number[] = [];

  constructor(classCount: number) {
    this.enabled = new Uint32Array(classCount);
    this.taken = new Uint8Array(classCount);
  }

  /** Counts the classes of the edges of `states`; an edge is taken inside when its target is in `inside`. */
  count(graph: LabeledGraph, classes: ActionClasses, states: ArrayLike<number>, inside: StateSet): void {
    this.clear();
    for (let i = 0; i < states.length; i++) {
      const s = states[i]!;
      const facts = graph.facts(s);
      for (let e = graph.edgeStart(s); e < graph.edgeStart(s + 1); e++) {
        const c = classes.classOf(graph.action(e), facts);
        if (this.enabled[c]++ === 0) this.touched.push(c);
        const t = graph.target(e);
        if (t >= 0 && inside.has(t)) this.taken[c] = 1;
      }
    }
  }

  private clear(): void {
    for (const c of this.touched) {
      this.enabled[c] = 0;
      this.taken[c] = 0;
    }
    this.touched.length = 0;
  }
}

export interface FairComponent {
  /** The component's states. */
  readonly states: Int32Array;
  /** Its lowest state id: ids are breadth-first, so the state closest to the initial one. */
  readonly entry: number;
}

/** Searches the fair components of one graph; its scratch space serves every condition. */
export class FairCycleFinder {
  private readonly scc: SccFinder;
  private readonly region: StateSet;
  private readonly component: StateSet;
  private readonly tally: ClassTally;
  private readonly unfair: Uint8Array;
  /** Components examined and refinements made, over every search. */
  componentsJudged = 0;
  refinements = 0;

  constructor(
    private readonly graph: LabeledGraph,
    private readonly classes: ActionClasses,
  ) {
    this.scc = new SccFinder(graph);
    this.region = new StateSet(graph.stateCount);
    this.component = new StateSet(graph.stateCount);
    this.tally = new ClassTally(classes.count);
    this.unfair = new Uint8Array(classes.count);
  }

  /** Bytes of scratch space. */
  get bytes(): number {
    return this.scc.bytes + this.region.stamp.byteLength + this.component.stamp.byteLength;
  }

  /**
   * Among the components that hold fair cycles of `condition`, the one with
   * the lowest entry, or null when there is none (the condition holds).
   */
  shallowest(condition: NoFairCycle): FairComponent | null {
    const { graph, classes, tally, unfair } = this;
    const { weak, strong } = condition.fairness;
    const { visiting } = condition;
    const queue: Int32Array[] = [statesWhere(graph, condition.within)];
    let best: FairComponent | null = null;

    while (queue.length > 0) {
      const region = queue.pop()!;
      this.region.reset(region);
      // The cyclic components, back to back in one array, judged shallowest first.
      const members = new Int32Array(region.length);
      const bounds: number[] = [];
      let used = 0;
      this.scc.run(region, this.region, (stack, from, to) => {
        if (!isCyclic(graph, stack, from, to)) return;
        bounds.push(used);
        for (let i = from; i < to; i++) members[used++] = stack[i]!;
      });
      bounds.push(used);
      const order = Array.from({ length: bounds.length - 1 }, (_, i) => i);
      const entries = order.map((i) => lowest(members, bounds[i]!, bounds[i + 1]!));
      order.sort((a, b) => entries[a]! - entries[b]!);
      for (const i of order) {
        const entry = entries[i]!;
        // A refinement only removes states, so it cannot enter lower than the component.
        if (best !== null && entry >= best.entry) break;
        const states = members.subarray(bounds[i]!, bounds[i + 1]!);
        this.componentsJudged++;
        if (visiting && !states.some((s) => visiting(graph.facts(s)))) continue;
        this.component.reset(states);
        tally.count(graph, classes, states, this.component);
        if (tally.touched.some((c) => weak[c] && !tally.taken[c] && tally.enabled[c] === states.length)) continue;
        const unfulfilled = tally.touched.filter((c) => strong[c] && !tally.taken[c]);
        if (unfulfilled.length === 0) {
          best = { states, entry };
          break;
        }
        this.refinements++;
        for (const c of unfulfilled) unfair[c] = 1;
        const rest = states.filter((s) => !enables(graph, classes, s, unfair));
        for (const c of unfulfilled) unfair[c] = 0;
        if (rest.length > 0) queue.push(rest);
      }
    }
    return best;
  }
}

function lowest(states: Int32Array, from: number, to: number): number {
  let min = states[from]!;
  for (let i = from + 1; i < to; i++) if (states[i]! < min) min = states[i]!;
  return min;
}

/** The states whose facts satisfy `predicate`. */
export function statesWhere(graph: LabeledGraph, predicate: (facts: number) => boolean): Int32Array {
  const chosen: number[] = [];
  for (let s = 0; s < graph.stateCount; s++) if (predicate(graph.facts(s))) chosen.push(s);
  return Int32Array.from(chosen);
}

/** Whether state `s` enables a class flagged in `flags`. */
export function enables(graph: LabeledGraph, classes: ActionClasses, s: number, flags: Uint8Array): boolean {
  const facts = graph.facts(s);
  for (let e = graph.edgeStart(s); e < graph.edgeStart(s + 1); e++) if (flags[classes.classOf(graph.action(e), facts)]) return true;
  return false;
}
