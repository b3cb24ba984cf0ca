// A short fair cycle through the entry of a fair component: on it, every
// weakly fair class enabled at all of its states is taken, every strongly fair
// class enabled at one of its states is taken, and a `visiting` state is
// passed. When the (state, obligations met) space is small, a breadth-first
// search over it finds the shortest such cycle; otherwise a greedy walk goes
// to the nearest state or edge that meets an open obligation (taking every
// strongly fair class enabled in the component) until none is left, then back
// to the entry: short, not always the shortest.
import type { ActionClasses, NoFairCycle } from '../props/liveness.js';
import { ClassTally, type FairComponent } from './fair-cycles.js';
import { StateSet } from './scc.js';
import type { LabeledGraph } from './transition-graph.js';

/** The largest (state, obligations met) space searched exactly by default. */
const EXACT_SEARCH_LIMIT = 1 << 22;

/** Edge ids of a fair cycle from `component.entry` back to it, in order. */
export function fairCycleThrough(
  graph: LabeledGraph,
  classes: ActionClasses,
  condition: NoFairCycle,
  component: FairComponent,
  exactSearchLimit = EXACT_SEARCH_LIMIT,
): number[] {
  const obligations = new Obligations(graph, classes, condition, component);
  return shortestCycle(graph, obligations, component, exactSearchLimit) ?? greedyCycle(graph, obligations, component);
}

/** The fairness obligations a cycle through the component's entry may have. */
class Obligations {
  readonly inside: StateSet;
  /** Weakly fair classes enabled at the entry: each must be taken, or avoided by passing a state that disables it. */
  readonly weak: number[] = [];
  /** Strongly fair classes enabled somewhere in the component: taken whenever the cycle passes a state that enables them. */
  readonly strong: number[] = [];
  readonly mustVisit: boolean;

  constructor(
    private readonly graph: LabeledGraph,
    readonly classes: ActionClasses,
    readonly condition: NoFairCycle,
    component: FairComponent,
  ) {
    this.inside = new StateSet(graph.stateCount);
    this.inside.reset(component.states);
    const tally = new ClassTally(classes.count);
    tally.count(graph, classes, component.states, this.inside);
    const atEntry = new Set(this.classesAt(component.entry));
    for (const c of tally.touched) {
      if (condition.fairness.strong[c]) this.strong.push(c);
      else if (condition.fairness.weak[c] && atEntry.has(c)) this.weak.push(c);
    }
    this.mustVisit = condition.visiting !== undefined;
  }

  classOfEdge(e: number, source: number): number {
    return this.classes.classOf(this.graph.action(e), this.graph.facts(source));
  }

  classesAt(s: number): number[] {
    const found: number[] = [];
    for (let e = this.graph.edgeStart(s); e < this.graph.edgeStart(s + 1); e++) found.push(this.classOfEdge(e, s));
    return found;
  }

  visits(s: number): boolean {
    return this.condition.visiting?.(this.graph.facts(s)) ?? false;
  }
}

/**
 * Breadth-first search over (state, obligations met as bits): bit i for weak
 * class i taken or avoided; for strong class j, one bit for "enabled on the
 * way" and one for "taken"; one bit for the visit. Null when the space is too large.
 */
function shortestCycle(graph: LabeledGraph, o: Obligations, component: FairComponent, limit: number): number[] | null {
  const states = component.states;
  const size = states.length;
  const strongBase = o.weak.length;
  const visitBit = strongBase + 2 * o.strong.length;
  const bits = visitBit + (o.mustVisit ? 1 : 0);
  if (bits > 24 || size * 2 ** bits > limit) return null;
  const weakBit = new Map(o.weak.map((c, i) => [c, i]));
  const strongBit = new Map(o.strong.map((c, j) => [c, strongBase + 2 * j]));
  const weakMask = 2 ** o.weak.length - 1;
  const fair = (met: number) => {
    if ((met & weakMask) !== weakMask) return false;
    if (o.mustVisit && !(met & (1 << visitBit))) return false;
    for (let j = 0; j < o.strong.length; j++) {
      const enabled = (met >> (strongBase + 2 * j)) & 1;
      if (enabled && !((met >> (strongBase + 2 * j + 1)) & 1)) return false;
    }
    return true;
  };
  const local = new Map<number, number>();
  states.forEach((s, i) => local.set(s, i));
  // What passing each state meets: the weak classes it disables, the strong ones it enables, the visit.
  const metAt = Int32Array.from(states, (s) => {
    const enabled = new Set(o.classesAt(s));
    let met = weakMask;
    for (const c of enabled) {
      const w = weakBit.get(c);
      if (w !== undefined) met &= ~(1 << w);
      const b = strongBit.get(c);
      if (b !== undefined) met |= 1 << b;
    }
    return met | (o.mustVisit && o.visits(s) ? 1 << visitBit : 0);
  });
  const takenBit = (e: number, source: number) => {
    const c = o.classOfEdge(e, source);
    const w = weakBit.get(c);
    if (w !== undefined) return 1 << w;
    const b = strongBit.get(c);
    return b === undefined ? 0 : 1 << (b + 1);
  };

  const seen = new Uint8Array(size * 2 ** bits);
  const viaEdge = new Uint32Array(seen.length);
  const viaNode = new Int32Array(seen.length);
  const entry = local.get(component.entry)!;
  const start = metAt[entry]! * size + entry;
  const queue = [start];
  seen[start] = 1;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const u = states[node % size]!;
    const met = Math.floor(node / size);
    for (let e = graph.edgeStart(u); e < graph.edgeStart(u + 1); e++) {
      const w = graph.target(e);
      if (w < 0 || !o.inside.has(w)) continue;
      const wl = local.get(w)!;
      const next = met | takenBit(e, u) | metAt[wl]!;
      if (wl === entry && fair(next)) {
        const path = [e];
        for (let n = node; n !== start; n = viaNode[n]!) path.push(viaEdge[n]!);
        return path.reverse();
      }
      const id = next * size + wl;
      if (seen[id]) continue;
      seen[id] = 1;
      viaEdge[id] = e;
      viaNode[id] = node;
      queue.push(id);
    }
  }
  return null;
}

/** Walks to the nearest state or edge meeting an open obligation until none is left, then back to the entry. */
function greedyCycle(graph: LabeledGraph, o: Obligations, component: FairComponent): number[] {
  // Per class: 1 to take (strong), 2 to take or avoid (weak), 0 met.
  const open = new Uint8Array(o.classes.count);
  for (const c of o.strong) open[c] = 1;
  for (const c of o.weak) open[c] = 2;
  let openCount = o.strong.length + o.weak.length;
  let mustVisit = o.mustVisit;
  const avoidedAt = (s: number) => {
    const enabled = new Set(o.classesAt(s));
    return o.weak.filter((c) => open[c] === 2 && !enabled.has(c));
  };
  const meetsAtState = (s: number) => (mustVisit && o.visits(s)) || avoidedAt(s).length > 0;
  const meetsByEdge = (e: number, source: number) => open[o.classOfEdge(e, source)] !== 0;
  const close = (c: number) => {
    if (open[c] === 0) return;
    open[c] = 0;
    openCount--;
  };
  const pass = (s: number) => {
    if (o.visits(s)) mustVisit = false;
    for (const c of avoidedAt(s)) close(c);
  };

  const search = new PathSearch(graph, o.inside);
  const cycle: number[] = [];
  let at = component.entry;
  pass(at);
  while (openCount > 0 || mustVisit) {
    const path = search.from(at, meetsAtState, meetsByEdge);
    if (path === null) throw new Error(`fair cycle: an obligation cannot be met from state ${at}`);
    for (const e of path) {
      close(o.classOfEdge(e, at));
      at = graph.target(e);
      pass(at);
    }
    cycle.push(...path);
  }
  if (at === component.entry && cycle.length > 0) return cycle;
  const back = search.from(at, () => false, (e) => graph.target(e) === component.entry);
  if (back === null) throw new Error(`fair cycle: no way back from state ${at} to state ${component.entry}`);
  cycle.push(...back);
  return cycle;
}

/** Breadth-first search inside a set of states, for the shortest path to a goal state or through a goal edge. */
class PathSearch {
  private readonly seen: Uint32Array;
  private readonly viaEdge: Uint32Array;
  private readonly viaState: Int32Array;
  private readonly queue: Int32Array;
  private generation = 0;

  constructor(
    private readonly graph: LabeledGraph,
    private readonly inside: StateSet,
  ) {
    const n = graph.stateCount;
    this.seen = new Uint32Array(n);
    this.viaEdge = new Uint32Array(n);
    this.viaState = new Int32Array(n);
    this.queue = new Int32Array(n);
  }

  /**
   * Edge ids of a shortest path from `start` to a goal state (other than
   * `start`) or ending with a goal edge, or null.
   */
  from(start: number, goalState: (s: number) => boolean, goalEdge: (e: number, source: number) => boolean): number[] | null {
    const { graph, inside, seen, viaEdge, viaState, queue } = this;
    const generation = ++this.generation;
    seen[start] = generation;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const u = queue[head++]!;
      if (u !== start && goalState(u)) return this.pathTo(start, u, []);
      for (let e = graph.edgeStart(u); e < graph.edgeStart(u + 1); e++) {
        const w = graph.target(e);
        if (w < 0 || !inside.has(w)) continue;
        if (goalEdge(e, u)) return this.pathTo(start, u, [e]);
        if (seen[w] === generation) continue;
        seen[w] = generation;
        viaEdge[w] = e;
        viaState[w] = u;
        queue[tail++] = w;
      }
    }
    return null;
  }

  private pathTo(start: number, end: number, tail: number[]): number[] {
    const path: number[] = [];
    for (let s = end; s !== start; s = this.viaState[s]!) path.push(this.viaEdge[s]!);
    return [...path.reverse(), ...tail];
  }
}
