// Backward reachability over the transition graph: the predecessor lists
// (self-loops left out: they reach nothing new) in two flat arrays, and a
// breadth-first search along them from a target set.
import type { QuotientGroup } from './quotient-group.js';
import type { QuotientView } from './quotient-view.js';
import type { LabeledGraph } from './transition-graph.js';

/** A backward search's start over `nodes` nodes: those where `target` holds, marked reached and queued (the first `targets` entries). */
function startOf(nodes: number, target: (v: number) => boolean): { reached: Uint8Array; queue: Int32Array; targets: number } {
  const reached = new Uint8Array(nodes);
  const queue = new Int32Array(nodes);
  let targets = 0;
  for (let v = 0; v < nodes; v++) {
    if (target(v)) {
      reached[v] = 1;
      queue[targets++] = v;
    }
  }
  return { reached, queue, targets };
}

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
    const { reached, queue, targets } = startOf(this.graph.stateCount, target);
    let tail = targets;
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

/**
 * Backward reachability on a quotient view's nodes, (representative, OS)
 * pairs, from the predecessor lists of the recorded graph itself, each
 * labelled with its edge's group element: an edge r -> r' by g leads from
 * (r, j) to (r', g j), so (r', k) is reached back from (r, g^-1 k). A third
 * of the memory and the building time of predecessor lists over the pairs
 * when three OSes are followed.
 */
export class QuotientReverseGraph {
  private readonly starts: Uint32Array;
  private readonly sources: Int32Array;
  private readonly elements: Uint8Array;
  /** `sourceOs[g * osCount + k]`: the OS that g sends to k. */
  private readonly sourceOs: Uint8Array;
  private readonly osCount: number;

  constructor(
    private readonly view: QuotientView,
    group: QuotientGroup,
  ) {
    const { graph } = view;
    const n = graph.stateCount;
    // An edge that is a self-loop on every pair (same representative, identity) reaches nothing new.
    const kept = (s: number, e: number, t: number) => t >= 0 && (t !== s || graph.element(e) !== 0);
    const starts = new Uint32Array(n + 1);
    for (let s = 0; s < n; s++) {
      for (let e = graph.edgeStart(s), end = graph.edgeStart(s + 1); e < end; e++) {
        const t = graph.target(e);
        if (kept(s, e, t)) starts[t + 1]!++;
      }
    }
    for (let s = 0; s < n; s++) starts[s + 1]! += starts[s]!;
    const sources = new Int32Array(starts[n]!);
    const elements = new Uint8Array(starts[n]!);
    const fill = starts.slice(0, n);
    for (let s = 0; s < n; s++) {
      for (let e = graph.edgeStart(s), end = graph.edgeStart(s + 1); e < end; e++) {
        const t = graph.target(e);
        if (!kept(s, e, t)) continue;
        sources[fill[t]!] = s;
        elements[fill[t]!++] = graph.element(e);
      }
    }
    this.starts = starts;
    this.sources = sources;
    this.elements = elements;
    const oses = group.osImage.length / group.order;
    this.osCount = oses;
    this.sourceOs = new Uint8Array(group.order * oses);
    for (let g = 0; g < group.order; g++) for (let k = 0; k < oses; k++) this.sourceOs[g * oses + k] = group.os(group.inverse[g]!, k);
  }

  get bytes(): number {
    return this.starts.byteLength + this.sources.byteLength + this.elements.byteLength;
  }

  /** Bytes of the labelled predecessor lists of a graph of `states` states and at most `edges` edges. */
  static bytesFor(states: number, edges: number): number {
    return 4 * (states + 1) + 5 * edges;
  }

  /** Per node of the view, 1 when it can reach a node of `target` (itself included). */
  canReachStates(target: (v: number) => boolean): Uint8Array {
    const { view, starts, sources, elements, sourceOs, osCount } = this;
    const states = view.graph.stateCount;
    const { reached, queue, targets } = startOf(view.stateCount, target);
    let tail = targets;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const k = view.os(v);
      const t = v - k * states;
      for (let i = starts[t]!; i < starts[t + 1]!; i++) {
        const u = view.tracked === 1 ? sources[i]! : view.node(sources[i]!, sourceOs[elements[i]! * osCount + k]!);
        if (reached[u]) continue;
        reached[u] = 1;
        queue[tail++] = u;
      }
    }
    return reached;
  }
}
