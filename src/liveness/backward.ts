// Backward reachability over the transition graph: the predecessor lists
// (self-loops left out: they reach nothing new) in two flat arrays, and a
// breadth-first search along them from a target set.
import type { LabeledGraph } from './transition-graph.js';

export class ReverseGraph {
  /** Predecessors of state `s` are sources[starts[s] .. starts[s+1]-1]. */
  private readonly starts: Uint32Array;
  private readonly sources: Int32Array;

  constructor(private readonly graph: LabeledGraph) {
    const n = graph.stateCount;
    const starts = new Uint32Array(n + 1);
    for (let s = 0; s < n; s++) {
      for (let e = graph.edgeStart(s), end = graph.edgeStart(s + 1); e < end; e++) {
        const t = graph.target(e);
        if (t >= 0 && t !== s) starts[t + 1]!++;
      }
    }
    for (let s = 0; s < n; s++) starts[s + 1]! += starts[s]!;
    const sources = new Int32Array(starts[n]!);
    const fill = starts.slice(0, n);
    for (let s = 0; s < n; s++) {
      for (let e = graph.edgeStart(s), end = graph.edgeStart(s + 1); e < end; e++) {
        const t = graph.target(e);
        if (t >= 0 && t !== s) sources[fill[t]!++] = s;
      }
    }
    this.starts = starts;
    this.sources = sources;
  }

  get bytes(): number {
    return this.starts.byteLength + this.sources.byteLength;
  }

  /** Bytes of the predecessor lists of a graph of `states` states and at most `edges` edges. */
  static bytesFor(states: number, edges: number): number {
    return 4 * (states + 1) + 4 * edges;
  }

  /** Per state, 1 when it can reach a state whose facts satisfy `target` (itself included). */
  canReach(target: (facts: number) => boolean): Uint8Array {
    return this.canReachStates((s) => target(this.graph.facts(s)));
  }

  /** Per state, 1 when it can reach a state of `target` (itself included). */
  canReachStates(target: (s: number) => boolean): Uint8Array {
    const n = this.graph.stateCount;
    const reached = new Uint8Array(n);
    const queue = new Int32Array(n);
    let tail = 0;
    for (let s = 0; s < n; s++) {
      if (target(s)) {
        reached[s] = 1;
        queue[tail++] = s;
      }
    }
    for (let head = 0; head < tail; head++) {
      const t = queue[head]!;
      for (let i = this.starts[t]!; i < this.starts[t + 1]!; i++) {
        const s = this.sources[i]!;
        if (reached[s]) continue;
        reached[s] = 1;
        queue[tail++] = s;
      }
    }
    return reached;
  }
}
