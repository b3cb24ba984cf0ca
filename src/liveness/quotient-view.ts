// The quotient graph as the fair-cycle and reachability algorithms read it.
// Its nodes are orbit representatives r (ids of the recorded graph) or, for a
// condition about one OS, pairs (r, j): OS j as r names it. A transition from
// r with group element g (g maps the concrete successor to its representative
// r') goes from (r, j) to (r', g j): the OS is followed through the
// permutation (Emerson and Sistla). Pair (r, j) has id j * N + r, so that the
// edges of each node stay one contiguous range (edge j * E + e is edge e of
// r taken from (r, j)), and no array of pairs is built.
import type { QuotientGroup } from './quotient-group.js';
import type { LabeledGraph, RecordedGraph } from './transition-graph.js';

export class QuotientView implements LabeledGraph {
  readonly stateCount: number;
  /** The recorded graph's states and edges. */
  private readonly states: number;
  private readonly edges: number;

  /** `tracked`: the number of OSes followed (1 when the conditions are invariant, and none is followed). */
  constructor(
    readonly graph: RecordedGraph,
    private readonly group: QuotientGroup,
    readonly tracked: number,
  ) {
    this.states = graph.stateCount;
    this.edges = graph.edgeCount;
    this.stateCount = this.states * tracked;
  }

  /** The representative of node `v`. */
  representative(v: number): number {
    return v - this.os(v) * this.states;
  }

  /** The OS node `v` follows (0 when none). */
  os(v: number): number {
    // At most 8 OSes: comparisons cost less than a division, on every edge read.
    let os = 0;
    for (let bound = this.states; os + 1 < this.tracked && v >= bound; bound += this.states) os++;
    return os;
  }

  /**
   * Writes the nodes where `holds` is true into `into`, in id order, and
   * returns their number: block by block, each OS's nodes after the last's.
   */
  gather(holds: (facts: number, os: number) => boolean, into: Int32Array): number {
    const { graph, states } = this;
    let count = 0;
    for (let os = 0, v = 0; os < this.tracked; os++) {
      for (let r = 0; r < states; r++, v++) if (holds(graph.facts(r), os)) into[count++] = v;
    }
    return count;
  }

  node(representative: number, os: number): number {
    return os * this.states + representative;
  }

  edgeStart(v: number): number {
    const os = this.os(v);
    return os * this.edges + this.graph.edgeStart(v - os * this.states);
  }

  /** The OS whose copy of the recorded edges `e` belongs to. */
  private edgeOs(e: number): number {
    let os = 0;
    for (let bound = this.edges; os + 1 < this.tracked && e >= bound; bound += this.edges) os++;
    return os;
  }

  target(e: number): number {
    const os = this.edgeOs(e);
    return this.targetOf(e - os * this.edges, os);
  }

  /** The node that recorded edge `own` leads to from the node of its source that follows OS `os` (-1 for none). */
  targetOf(own: number, os: number): number {
    const t = this.graph.target(own);
    if (t < 0) return -1;
    return this.tracked === 1 ? t : this.group.os(this.graph.element(own), os) * this.states + t;
  }

  action(e: number): number {
    return this.graph.action(e - this.edgeOs(e) * this.edges);
  }

  facts(v: number): number {
    return this.graph.facts(this.representative(v));
  }

  /** The group element edge `e` takes. */
  element(e: number): number {
    return this.graph.element(e - this.edgeOs(e) * this.edges);
  }
}
