// Strongly connected components of the subgraph induced by a set of states:
// Tarjan's algorithm with explicit stacks (no recursion, so no stack overflow
// on graphs of millions of states). Scratch arrays are allocated once per
// graph and reused by every run, with generation stamps instead of clearing.
import type { LabeledGraph } from './transition-graph.js';

/**
 * Membership stamps: state `s` is in the current set when `stamp[s] === mark`.
 * Starting a new set is one increment, whatever the size of the old one.
 */
export class StateSet {
  readonly stamp: Int32Array;
  mark = 0;

  constructor(stateCount: number) {
    this.stamp = new Int32Array(stateCount);
  }

  /** Makes `states` the current set. */
  reset(states: ArrayLike<number>): void {
    this.mark++;
    for (let i = 0; i < states.length; i++) this.stamp[states[i]!] = this.mark;
  }

  has(s: number): boolean {
    return this.stamp[s] === this.mark;
  }
}

/** Receives a component as `states[from .. to-1]`; the array is reused afterwards. */
export type ComponentVisitor = (states: Int32Array, from: number, to: number) => void;

export class SccFinder {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly visited: Uint32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly calls: Int32Array;
  private readonly cursor: Uint32Array;
  private generation = 0;

  constructor(private readonly graph: LabeledGraph) {
    const n = graph.stateCount;
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.visited = new Uint32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.calls = new Int32Array(n);
    this.cursor = new Uint32Array(n);
  }

  /** Bytes of scratch space. */
  get bytes(): number {
    return this.graph.stateCount * (4 + 4 + 4 + 1 + 4 + 4 + 4);
  }

  /**
   * Calls `visit` with every component of the subgraph induced by `set` that
   * a state of `roots` (those outside the set are skipped) reaches, in reverse
   * topological order.
   */
  run(roots: ArrayLike<number>, set: StateSet, visit: ComponentVisitor): void {
    const { graph, index, low, visited, onStack, stack, calls, cursor } = this;
    const generation = ++this.generation;
    let counter = 0;
    let sp = 0;
    let depth = 0;
    const enter = (s: number) => {
      visited[s] = generation;
      index[s] = low[s] = counter++;
      onStack[s] = 1;
      stack[sp++] = s;
      calls[depth++] = s;
      cursor[s] = graph.edgeStart(s);
    };
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r]!;
      if (!set.has(root) || visited[root] === generation) continue;
      enter(root);
      while (depth > 0) {
        const v = calls[depth - 1]!;
        const e = cursor[v]!;
        if (e < graph.edgeStart(v + 1)) {
          cursor[v] = e + 1;
          const w = graph.target(e);
          if (w < 0 || !set.has(w)) continue;
          if (visited[w] !== generation) enter(w);
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
  for (let e = graph.edgeStart(s); e < graph.edgeStart(s + 1); e++) if (graph.target(e) === s) return true;
  return false;
}
