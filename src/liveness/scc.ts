// Strongly connected components of the subgraph induced by a set of states:
// Tarjan's algorithm with explicit stacks (no recursion, so no stack overflow
// on graphs of millions of states). Scratch arrays are allocated once per
// graph and reused by every run, which resets only the states it covers.
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

export class SccFinder {
  /** Discovery order of the states of the current run; -1 not yet visited. */
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly calls: Int32Array;
  private readonly cursor: Uint32Array;

  constructor(private readonly graph: LabeledGraph) {
    const n = graph.stateCount;
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.calls = new Int32Array(n);
    this.cursor = new Uint32Array(n);
  }

  /** Bytes of scratch space. */
  get bytes(): number {
    const { index, low, onStack, stack, calls, cursor } = this;
    return [index, low, onStack, stack, calls, cursor].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Bytes of scratch space for a graph of `states` states. */
  static bytesFor(states: number): number {
    return states * (4 + 4 + 1 + 4 + 4 + 4);
  }

  /**
   * Calls `visit` with every component of the subgraph induced by `set`, whose
   * states are `members`, in reverse topological order.
   */
  run(members: ArrayLike<number>, set: StateSet, visit: ComponentVisitor): void {
    const { graph, index, low, onStack, stack, calls, cursor } = this;
    for (let i = 0; i < members.length; i++) index[members[i]!] = -1;
    let counter = 0;
    let sp = 0;
    let depth = 0;
    const enter = (s: number) => {
      index[s] = low[s] = counter++;
      onStack[s] = 1;
      stack[sp++] = s;
      calls[depth++] = s;
      cursor[s] = graph.edgeStart(s);
    };
    for (let r = 0; r < members.length; r++) {
      const root = members[r]!;
      if (index[root] !== -1) continue;
      enter(root);
      while (depth > 0) {
        const v = calls[depth - 1]!;
        const e = cursor[v]!;
        if (e < graph.edgeStart(v + 1)) {
          cursor[v] = e + 1;
          const w = graph.target(e);
          if (w < 0 || !set.has(w)) continue;
          if (index[w] === -1) enter(w);
          else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
          continue;
        }
        depth--;
        if (low[v] === index[v]) {
          const to = sp;
          let w: number;
          do {
            w = stack[--sp]!;
            onStack[w] = 0;
          } while (w !== v);
          visit(stack, sp, to);
        }
        if (depth > 0) {
          const u = calls[depth - 1]!;
          if (low[v]! < low[u]!) low[u] = low[v]!;
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
