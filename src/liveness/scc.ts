// Strongly connected components of the subgraph induced by a set of states:
// Tarjan's algorithm with explicit stacks (no recursion, so no stack overflow
// on graphs of millions of states). Scratch arrays are allocated once per
// graph and reused by every run, which resets only the states it covers. On
// graphs of tens of millions of states each edge's target is a cache miss,
// so what the search reads per edge is one word of its target's.
import type { LabeledGraph } from './transition-graph.js';

/**
 * Membership stamps: state `s` is in the current set when `stamp[s] === mark`.
 * Starting a new set is one increment, whatever the size of the old one.
 */
export class StateSet {
  readonly stamp: Int32Array;
  private mark = 0;

  constructor(stateCount: number) {
    this.stamp = new Int32Array(stateCount);
  }

  /** Makes `states` the current set. */
  reset(states: ArrayLike<number>): void {
    this.mark++;
    for (let i = 0; i < states.length; i++) this.stamp[states[i]!] = this.mark;
  }

  /** Adds `s` to the current set. */
  add(s: number): void {
    this.stamp[s] = this.mark;
  }

  has(s: number): boolean {
    return this.stamp[s] === this.mark;
  }
}

/** Receives a component as `states[from .. to-1]`; the array is reused afterwards. */
export type ComponentVisitor = (states: Int32Array, from: number, to: number) => void;

/** `order[2 s]` of a state outside the run, or whose component has been found. */
const DONE = 0x7fffffff;
/** `order[2 s]` of a member of the run not yet visited. */
const UNVISITED = -1;

export class SccFinder {
  /**
   * Per state, its discovery index and low link side by side (one cache line
   * for both): the index is UNVISITED for a member of the current run not yet
   * reached, and DONE for a state outside it or already in a component, so
   * neither a membership set nor an on-stack flag is read per edge.
   */
  private readonly order: Int32Array;
  private readonly stack: Int32Array;
  /** Per depth of the search: the state, its next edge and its edges' end. */
  private readonly calls: Int32Array;
  private readonly cursors: Uint32Array;
  private readonly ends: Uint32Array;

  constructor(private readonly graph: LabeledGraph) {
    const n = graph.stateCount;
    this.order = new Int32Array(2 * n).fill(DONE);
    this.stack = new Int32Array(n);
    this.calls = new Int32Array(n);
    this.cursors = new Uint32Array(n);
    this.ends = new Uint32Array(n);
  }

  /** Bytes of scratch space. */
  get bytes(): number {
    const { order, stack, calls, cursors, ends } = this;
    return [order, stack, calls, cursors, ends].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Bytes of scratch space for a graph of `states` states. */
  static bytesFor(states: number): number {
    return states * (8 + 4 + 4 + 4 + 4);
  }

  /**
   * Calls `visit` with every component of the subgraph induced by `members`,
   * in reverse topological order. Every member ends in a component, so the
   * members of one run are outside the next unless it names them again.
   */
  run(members: ArrayLike<number>, visit: ComponentVisitor): void {
    const { graph, order, stack, calls, cursors, ends } = this;
    for (let i = 0; i < members.length; i++) order[2 * members[i]!] = UNVISITED;
    let counter = 0;
    let sp = 0;
    let depth = 0;
    const enter = (s: number) => {
      order[2 * s] = order[2 * s + 1] = counter++;
      stack[sp++] = s;
      calls[depth] = s;
      cursors[depth] = graph.edgeStart(s);
      ends[depth] = graph.edgeStart(s + 1);
      depth++;
    };
    for (let r = 0; r < members.length; r++) {
      const root = members[r]!;
      if (order[2 * root] !== UNVISITED) continue;
      enter(root);
      while (depth > 0) {
        const top = depth - 1;
        const v = calls[top]!;
        const e = cursors[top]!;
        if (e < ends[top]!) {
          cursors[top] = e + 1;
          const w = graph.target(e);
          if (w < 0) continue;
          const index = order[2 * w]!;
          if (index === UNVISITED) enter(w);
          // On the stack: discovered (not DONE) in this run.
          else if (index < order[2 * v + 1]!) order[2 * v + 1] = index;
          continue;
        }
        depth--;
        const low = order[2 * v + 1]!;
        if (low === order[2 * v]) {
          const to = sp;
          let w: number;
          do {
            w = stack[--sp]!;
            order[2 * w] = DONE;
          } while (w !== v);
          visit(stack, sp, to);
        } else {
          const u = calls[depth - 1]!;
          if (low < order[2 * u + 1]!) order[2 * u + 1] = low;
        }
      }
    }
  }
}

/** Whether a component has a cycle: more than one state, or a self-loop. */
export function isCyclic(graph: LabeledGraph, states: Int32Array, from: number, to: number): boolean {
  if (to - from > 1) return true;
  const s = states[from]!;
  for (let e = graph.edgeStart(s), end = graph.edgeStart(s + 1); e < end; e++) if (graph.target(e) === s) return true;
  return false;
}
