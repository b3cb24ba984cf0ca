// A fair cycle through the entry of a fair component: on it, every weakly
// fair class enabled at all of its states is taken, every strongly fair class
// enabled at one of its states is taken, and a `visiting` state is passed.
// The search over (state, obligations met) finds the shortest one within a
// memory budget; past the budget a greedy walk finds a fair one, proved
// shortest only when it is no longer than the bound the search reached.
import type { ActionClasses, NoFairCycle } from '../props/liveness.js';
import { ComponentGraph } from './component-graph.js';
import { CycleObligations } from './cycle-obligations.js';
import type { FairComponent } from './fair-cycles.js';
import { shortestFairCycle } from './shortest-fair-cycle.js';
import type { LabeledGraph } from './transition-graph.js';

/** The default memory budget of the search for a shortest fair cycle: 1 GiB. */
export const CYCLE_SEARCH_BYTES = 1 << 30;

export interface FairCycle {
  /** Edge ids of the cycle, from the component's entry back to it. */
  readonly edges: number[];
  /** Whether no fair cycle from the entry back to it is shorter. */
  readonly minimal: boolean;
  /** No fair cycle from the entry back to it has fewer steps (the cycle's length when minimal). */
  readonly atLeast: number;
  /** What the search held at most: the component's own graph, the obligations, the product nodes. */
  readonly bytes: number;
}

export function fairCycleThrough(
  graph: LabeledGraph,
  classes: ActionClasses,
  condition: NoFairCycle,
  component: FairComponent,
  budgetBytes = CYCLE_SEARCH_BYTES,
): FairCycle {
  const local = new ComponentGraph(graph, classes, component);
  const obligations = new CycleObligations(graph, local, condition);
  const search = shortestFairCycle(local, obligations, budgetBytes);
  const held = local.bytes + obligations.bytes + search.bytes;
  if (search.found) return { edges: local.graphEdges(search.edges), minimal: true, atLeast: search.edges.length, bytes: held };
  const edges = greedyCycle(local, obligations);
  const minimal = edges.length <= search.atLeast;
  return { edges: local.graphEdges(edges), minimal, atLeast: minimal ? edges.length : search.atLeast, bytes: held + local.size * 16 };
}

/**
 * Local edge ids of a fair cycle: from the entry, walks to the nearest state
 * or edge that meets an open obligation (taking every strongly fair class the
 * search tracks, so that passing a state that enables one opens nothing new)
 * until none is left, then back to the entry. Short, not always the shortest.
 */
function greedyCycle(g: ComponentGraph, o: CycleObligations): number[] {
  const words = o.words;
  const goal = o.required.slice();
  for (const b of o.strongBits) goal[(b + 1) >>> 5]! |= 1 << ((b + 1) & 31);
  const met = o.metAt.slice(g.entry * words, (g.entry + 1) * words);
  const open = (bits: Uint32Array, at: number) => {
    for (let i = 0; i < words; i++) if ((bits[at + i]! & goal[i]! & ~met[i]!) !== 0) return true;
    return false;
  };
  const openBit = (bit: number) => bit >= 0 && (goal[bit >>> 5]! & ~met[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  const search = new PathSearch(g);
  const cycle: number[] = [];
  let at = g.entry;
  const walk = (path: number[]) => {
    for (const e of path) {
      const bit = o.edgeBit[e]!;
      if (bit >= 0) met[bit >>> 5]! |= 1 << (bit & 31);
      at = g.edgeTarget[e]!;
      for (let i = 0; i < words; i++) met[i]! |= o.metAt[at * words + i]!;
    }
    cycle.push(...path);
  };
  while (open(goal, 0)) {
    const path = search.from(at, (v) => open(o.metAt, v * words), (e) => openBit(o.edgeBit[e]!));
    if (path === null) throw new Error(`fair cycle: an obligation cannot be met from state ${g.states[at]}`);
    walk(path);
  }
  if (at !== g.entry || cycle.length === 0) {
    const back = search.from(at, () => false, (e) => g.edgeTarget[e] === g.entry);
    if (back === null) throw new Error(`fair cycle: no way back from state ${g.states[at]} to state ${g.states[g.entry]}`);
    walk(back);
  }
  if (!o.fair(met, 0)) throw new Error('fair cycle: the greedy walk is not fair');
  return cycle;
}

/** Breadth-first search inside a component, for the shortest path to a goal state or through a goal edge. */
class PathSearch {
  private readonly seen: Uint32Array;
  private readonly viaEdge: Uint32Array;
  private readonly viaState: Int32Array;
  private readonly queue: Int32Array;
  private generation = 0;

  constructor(private readonly g: ComponentGraph) {
    this.seen = new Uint32Array(g.size);
    this.viaEdge = new Uint32Array(g.size);
    this.viaState = new Int32Array(g.size);
    this.queue = new Int32Array(g.size);
  }

  /** Local edge ids of a shortest path from `start` to a goal state (other than `start`) or ending with a goal edge, or null. */
  from(start: number, goalState: (v: number) => boolean, goalEdge: (e: number) => boolean): number[] | null {
    const { g, seen, viaEdge, viaState, queue } = this;
    const generation = ++this.generation;
    seen[start] = generation;
    let tail = 0;
    queue[tail++] = start;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      if (u !== start && goalState(u)) return this.pathTo(start, u, []);
      for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
        if (goalEdge(e)) return this.pathTo(start, u, [e]);
        const w = g.edgeTarget[e]!;
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
    for (let v = end; v !== start; v = this.viaState[v]!) path.push(this.viaEdge[v]!);
    return [...path.reverse(), ...tail];
  }
}
