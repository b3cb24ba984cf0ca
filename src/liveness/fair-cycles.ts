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
class ClassTally {
  readonly enabled: Uint32Array;
  readonly taken: Uint8Array;
  /** Classes enabled somewhere in the component, each once. */
  readonly touched: number[] = [];
  /** The last state counted for each class, so that a class counts once per state. */
  private readonly countedAt: Int32Array;

  constructor(classCount: number) {
    this.enabled = new Uint32Array(classCount);
    this.taken = new Uint8Array(classCount);
    this.countedAt = new Int32Array(classCount).fill(-1);
  }

  /** Counts the classes of the edges of `states[from .. to-1]`; an edge is taken inside when its target is in `inside`. */
  count(graph: LabeledGraph, classes: ActionClasses, states: ArrayLike<number>, inside: StateSet, from = 0, to = states.length): void {
    this.clear();
    const { enabled, taken, touched, countedAt } = this;
    for (let i = from; i < to; i++) {
      const s = states[i]!;
      const facts = graph.facts(s);
      const end = graph.edgeStart(s + 1);
      for (let e = graph.edgeStart(s); e < end; e++) {
        const c = classes.classOf(graph.action(e), facts);
        if (countedAt[c] !== s) {
          countedAt[c] = s;
          if (enabled[c]++ === 0) touched.push(c);
        }
        const t = graph.target(e);
        if (t >= 0 && inside.has(t)) taken[c] = 1;
      }
    }
  }

  private clear(): void {
    for (const c of this.touched) {
      this.enabled[c] = 0;
      this.taken[c] = 0;
      this.countedAt[c] = -1;
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
  /** The component being judged. */
  private readonly inside: StateSet;
  private readonly tally: ClassTally;
  private readonly unfair: Uint8Array;

  constructor(
    private readonly graph: LabeledGraph,
    private readonly classes: ActionClasses,
  ) {
    this.scc = new SccFinder(graph);
    this.inside = new StateSet(graph.stateCount);
    this.tally = new ClassTally(classes.count);
    this.unfair = new Uint8Array(classes.count);
  }

  /** Bytes of scratch space. */
  get bytes(): number {
    return this.scc.bytes + this.inside.stamp.byteLength;
  }

  /** Bytes of scratch space for a graph of `states` states: Tarjan's and a membership set. */
  static bytesFor(states: number): number {
    return SccFinder.bytesFor(states) + 4 * states;
  }

  /**
   * Among the components that hold fair cycles of `condition`, the one with
   * the lowest entry, or null when there is none (the condition holds).
   */
  shallowest(condition: NoFairCycle): FairComponent | null {
    const { graph } = this;
    const queue: Int32Array[] = [statesWhere(graph, condition.within)];
    let best: FairComponent | null = null;
    while (queue.length > 0) {
      const region = queue.pop()!;
      // The cyclic components, back to back in one array.
      const members = new Int32Array(region.length);
      const bounds: number[] = [0];
      const entries: number[] = [];
      this.scc.run(region, (stack, from, to) => {
        if (!isCyclic(graph, stack, from, to)) return;
        let used = bounds.at(-1)!;
        let entry = stack[from]!;
        for (let i = from; i < to; i++) {
          const s = stack[i]!;
          members[used++] = s;
          if (s < entry) entry = s;
        }
        bounds.push(used);
        entries.push(entry);
      });
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        // A refinement only removes states, so it cannot enter lower than the component.
        if (best !== null && entry >= best.entry) continue;
        const judged = this.judge(condition, members, bounds[i]!, bounds[i + 1]!);
        if (judged === 'fair') best = { states: members.slice(bounds[i]!, bounds[i + 1]!), entry };
        else if (judged !== 'unfair') queue.push(judged);
      }
    }
    return best;
  }

  /** Whether the component `members[from .. to-1]` is fair, has no fair cycle, or what remains to examine after a refinement. */
  private judge(condition: NoFairCycle, members: Int32Array, from: number, to: number): 'fair' | 'unfair' | Int32Array {
    const { graph, classes, tally, unfair } = this;
    const { weak, strong } = condition.fairness;
    if (condition.visiting) {
      let visits = false;
      for (let i = from; i < to && !visits; i++) visits = condition.visiting(graph.facts(members[i]!));
      if (!visits) return 'unfair';
    }
    this.inside.reset(members.subarray(from, to));
    tally.count(graph, classes, members, this.inside, from, to);
    // A weakly fair class enabled at every state and never taken: no cycle in here is fair.
    for (const c of tally.touched) if (!tally.taken[c] && weak[c] && tally.enabled[c] === to - from) return 'unfair';
    let unfulfilled = 0;
    for (const c of tally.touched) {
      if (!tally.taken[c] && strong[c]) {
        unfair[c] = 1;
        unfulfilled++;
      }
    }
    if (unfulfilled === 0) return 'fair';
    const rest: number[] = [];
    for (let i = from; i < to; i++) if (!enables(graph, classes, members[i]!, unfair)) rest.push(members[i]!);
    for (const c of tally.touched) unfair[c] = 0;
    return rest.length > 0 ? Int32Array.from(rest) : 'unfair';
  }
}

/** The states whose facts satisfy `predicate`. */
export function statesWhere(graph: LabeledGraph, predicate: (facts: number) => boolean): Int32Array {
  const chosen = new Int32Array(graph.stateCount);
  let count = 0;
  for (let s = 0; s < graph.stateCount; s++) if (predicate(graph.facts(s))) chosen[count++] = s;
  return chosen.slice(0, count);
}

/** Whether state `s` enables a class flagged in `flags`. */
export function enables(graph: LabeledGraph, classes: ActionClasses, s: number, flags: Uint8Array): boolean {
  const facts = graph.facts(s);
  for (let e = graph.edgeStart(s); e < graph.edgeStart(s + 1); e++) if (flags[classes.classOf(graph.action(e), facts)]) return true;
  return false;
}
