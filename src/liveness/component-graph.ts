// A fair component as a graph of its own: local state ids 0..size-1, only the
// edges that stay inside, each with its class, and the classes every state
// enables (edges leaving the component count there too). The cycle searches
// read these typed arrays instead of the whole graph and its class function.
import type { ActionClasses } from '../props/liveness.js';
import type { FairComponent } from './fair-cycles.js';
import type { LabeledGraph } from './transition-graph.js';

/** Predecessor lists: the edges into local state `v` are start[v] .. start[v + 1] - 1, by source and class. */
export interface ReverseEdges {
  readonly start: Uint32Array;
  readonly source: Int32Array;
  readonly edgeClass: Int32Array;
}

export class ComponentGraph {
  readonly size: number;
  /** Local id to graph state. */
  readonly states: Int32Array;
  /** The local id of the component's entry. */
  readonly entry: number;
  /** Edges inside of local state `v`: edgeStart[v] .. edgeStart[v + 1] - 1, in the graph's order. */
  readonly edgeStart: Uint32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeClass: Int32Array;
  /** Distinct classes enabled at local state `v`: enabledStart[v] .. enabledStart[v + 1] - 1. */
  readonly enabledStart: Uint32Array;
  readonly enabledClass: Int32Array;
  /** Graph state to local id, -1 outside. */
  private readonly local: Int32Array;
  private reversed: ReverseEdges | null = null;

  constructor(
    private readonly graph: LabeledGraph,
    classes: ActionClasses,
    component: FairComponent,
  ) {
    // Built in locals, then stored: loops over fields still being defined run slowly.
    const states = component.states;
    const size = states.length;
    const local = new Int32Array(graph.stateCount).fill(-1);
    for (let i = 0; i < size; i++) local[states[i]!] = i;
    const localOf = (t: number) => (t < 0 ? -1 : local[t]!);

    let inner = 0;
    let enabledTotal = 0;
    for (let v = 0; v < size; v++) {
      const s = states[v]!;
      const end = graph.edgeStart(s + 1);
      for (let e = graph.edgeStart(s); e < end; e++) if (localOf(graph.target(e)) >= 0) inner++;
      enabledTotal += end - graph.edgeStart(s);
    }
    const edgeStart = new Uint32Array(size + 1);
    const edgeTarget = new Int32Array(inner);
    const edgeClass = new Int32Array(inner);
    const enabledStart = new Uint32Array(size + 1);
    const enabled = new Int32Array(enabledTotal);
    let edges = 0;
    let enabledCount = 0;
    for (let v = 0; v < size; v++) {
      const s = states[v]!;
      const facts = graph.facts(s);
      const first = enabledCount;
      const end = graph.edgeStart(s + 1);
      for (let e = graph.edgeStart(s); e < end; e++) {
        const c = classes.classOf(graph.action(e), facts);
        let seen = false;
        for (let i = first; i < enabledCount && !seen; i++) seen = enabled[i] === c;
        if (!seen) enabled[enabledCount++] = c;
        const w = localOf(graph.target(e));
        if (w < 0) continue;
        edgeTarget[edges] = w;
        edgeClass[edges++] = c;
      }
      edgeStart[v + 1] = edges;
      enabledStart[v + 1] = enabledCount;
    }
    this.size = size;
    this.states = states;
    this.local = local;
    this.entry = local[component.entry]!;
    this.edgeStart = edgeStart;
    this.edgeTarget = edgeTarget;
    this.edgeClass = edgeClass;
    this.enabledStart = enabledStart;
    this.enabledClass = enabled.slice(0, enabledCount);
  }

  get edgeCount(): number {
    return this.edgeTarget.length;
  }

  /** Bytes held, predecessor lists included once built. */
  get bytes(): number {
    const reverse = this.reversed ? this.reversed.start.byteLength + this.edgeCount * 8 : 0;
    return (
      this.states.byteLength +
      this.local.byteLength +
      this.edgeStart.byteLength +
      this.edgeCount * 8 +
      this.enabledStart.byteLength +
      this.enabledClass.byteLength +
      reverse
    );
  }

  enables(v: number, c: number): boolean {
    for (let i = this.enabledStart[v]!; i < this.enabledStart[v + 1]!; i++) if (this.enabledClass[i] === c) return true;
    return false;
  }

  /** Predecessor lists, built on first use. */
  reverse(): ReverseEdges {
    if (this.reversed) return this.reversed;
    const { size, edgeStart, edgeTarget, edgeClass } = this;
    const start = new Uint32Array(size + 1);
    for (let e = 0; e < edgeTarget.length; e++) start[edgeTarget[e]! + 1]!++;
    for (let v = 0; v < size; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, size);
    const source = new Int32Array(edgeTarget.length);
    const classes = new Int32Array(edgeTarget.length);
    for (let v = 0; v < size; v++) {
      for (let e = edgeStart[v]!; e < edgeStart[v + 1]!; e++) {
        const at = fill[edgeTarget[e]!]!++;
        source[at] = v;
        classes[at] = edgeClass[e]!;
      }
    }
    return (this.reversed = { start, source, edgeClass: classes });
  }

  /** The graph's edge ids of a walk of local edges from the entry. */
  graphEdges(walk: readonly number[]): number[] {
    const { graph, local } = this;
    let v = this.entry;
    return walk.map((e) => {
      // The k-th edge inside of v is the k-th of the graph's edges of v whose target is in the component.
      let k = e - this.edgeStart[v]!;
      const s = this.states[v]!;
      for (let id = graph.edgeStart(s); ; id++) {
        const t = graph.target(id);
        if (t >= 0 && local[t]! >= 0 && k-- === 0) {
          v = this.edgeTarget[e]!;
          return id;
        }
      }
    });
  }
}
