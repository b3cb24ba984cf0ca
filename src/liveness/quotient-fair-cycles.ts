// Fair components of the quotient graph (docs/checker.md, Liveness under
// symmetry). A strongly connected component K of the quotient (nodes: orbit
// representatives, or (representative, OS) pairs) stands for the concrete
// components over it, images of one another; take D, the one through the
// entry's representative itself. Fix a spanning tree of K from a root and, for
// each node q, the element t_q the tree path composes (t_root = 1; an edge q
// -> q' with element g gives t_q' = t_q g^-1): D holds the images h t_q q for
// h in H, the group that the elements t_q g^-1 t_q'^-1 of K's edges generate
// (a closed walk through the root composes to an element of H, and each
// element of H is composed by one). So, in the root's names:
// - the classes enabled at every state of D are those c with h c in
//   A0 = (intersection over q of t_q E(q)) for every h in H;
// - the classes taken inside D are the images under H of t_q class(edge),
//   over K's edges, and likewise for those enabled somewhere.
// Judged with these sets as fair-cycles.ts judges a concrete component, D
// holds a fair cycle exactly when the unreduced graph has one over K. A
// strongly fair class enabled in D and never taken removes the nodes whose
// t_q E(q) meets the (H-invariant) set of such classes: every image of them
// in D enables one, and none of the others does (the Streett refinement
// works on the quotient).
import type { ActionClasses, Fairness } from '../props/liveness.js';
import type { QuotientGroup } from './quotient-group.js';
import type { QuotientView } from './quotient-view.js';
import { SccFinder } from './scc.js';

/** A node's membership of a set, from its representative's facts and the OS it follows (0 when none). */
export type NodePredicate = (facts: number, os: number) => boolean;

export interface QuotientCondition {
  readonly within: NodePredicate;
  readonly visiting?: NodePredicate;
  readonly fairness: Fairness;
}

export interface QuotientComponent {
  /** The component's nodes (view ids). */
  readonly nodes: Int32Array;
  /** The node whose representative has the lowest id (then the lowest OS). */
  readonly entry: number;
}

export class QuotientFairFinder {
  private readonly scc: SccFinder;
  /**
   * Per node, side by side (one cache line for an edge's target): a stamp,
   * `mark` for a node of the component being judged and `mark + 1` once the
   * spanning tree has reached it, and t_q.
   */
  private readonly marks: Int32Array;
  private mark = 0;
  /** The spanning tree's queue; also the scratch space a region, or what a refinement leaves, is gathered in. */
  private readonly queue: Int32Array;
  /** Per group element: already a generator of H. */
  private readonly isGenerator: Uint8Array;
  /** Per class (in the root's names): nodes of the component whose t_q E(q) holds it; taken; enabled somewhere; strongly fair and never taken. */
  private readonly everywhere: Uint32Array;
  private readonly countedAt: Int32Array;
  private readonly taken: Uint8Array;
  private readonly somewhere: Uint8Array;
  private readonly unfair: Uint8Array;
  /** The classes of the self-loops of the single node being judged. */
  private readonly loopClasses: Int32Array;
  /** The classes flagged `somewhere` by the last judgement, each once: only they are cleared before the next, so a judgement costs what its component holds, not the number of classes. */
  private readonly touched: number[] = [];

  constructor(
    private readonly view: QuotientView,
    private readonly group: QuotientGroup,
    private readonly classes: ActionClasses,
  ) {
    this.scc = new SccFinder(view);
    this.marks = new Int32Array(2 * view.stateCount);
    this.queue = new Int32Array(view.stateCount);
    this.isGenerator = new Uint8Array(group.order);
    const count = classes.count;
    this.everywhere = new Uint32Array(count);
    this.countedAt = new Int32Array(count).fill(-1);
    this.taken = new Uint8Array(count);
    this.somewhere = new Uint8Array(count);
    this.unfair = new Uint8Array(count);
    let degree = 0;
    for (let r = 0; r < view.graph.stateCount; r++) degree = Math.max(degree, view.graph.edgeStart(r + 1) - view.graph.edgeStart(r));
    this.loopClasses = new Int32Array(degree);
  }

  get bytes(): number {
    return this.scc.bytes + this.marks.byteLength + this.queue.byteLength;
  }

  /** Bytes of scratch space for a view of `nodes` nodes: Tarjan's, the stamps and t_q, and the queue. */
  static bytesFor(nodes: number): number {
    return SccFinder.bytesFor(nodes) + nodes * (8 + 4);
  }

  /** The order nodes are compared in: by representative (breadth-first), then by OS. */
  private rank(v: number): number {
    return this.view.representative(v) * this.view.tracked + this.view.os(v);
  }

  /** The nodes in `within`, gathered in the queue's scratch space. */
  private region(within: NodePredicate): Int32Array {
    return this.queue.slice(0, this.view.gather(within, this.queue));
  }


  /**
   * Among the quotient components that stand for fair cycles of `condition`,
   * the one with the lowest entry, or null. Each component is judged as the
   * search finds it, so no list of them is kept: most are single nodes.
   */
  shallowest(condition: QuotientCondition): QuotientComponent | null {
    const regions: Int32Array[] = [this.region(condition.within)];
    let best: QuotientComponent | null = null;
    const visit = (stack: Int32Array, from: number, to: number) => {
      const single = to - from === 1;
      const entry = single ? stack[from]! : this.entryOf(stack, from, to);
      // A refinement only removes nodes, so it cannot enter lower than its component.
      if (best !== null && this.rank(entry) >= this.rank(best.entry)) return;
      // Most components are single nodes: judged in one pass over their edges unless a self-loop moves their state.
      const quick = single ? this.judgeNode(condition, entry) : 'moved';
      const judged = quick === 'moved' ? this.judge(condition, stack.subarray(from, to)) : quick;
      if (judged === 'fair') best = { nodes: stack.slice(from, to), entry };
      else if (judged instanceof Int32Array) regions.push(judged);
    };
    while (regions.length > 0) {
      this.scc.run(regions.pop()!, visit);
    }
    return best;
  }

  /**
   * One breadth-first pass over the component (the flags cleared, its nodes
   * stamped with `mark`): computes t_q for each node (a tree from the first
   * node), counts each class of its edges in the root's names (`t_q
   * class(e)`, per node once, taken when the edge stays inside), and returns
   * the elements of H.
   */
  private tally(nodes: Int32Array): readonly number[] {
    const { view, group, classes, marks, mark, queue, isGenerator, everywhere, countedAt, taken, somewhere, touched } = this;
    const { graph } = view;
    const count = classes.count;
    const root = nodes[0]!;
    marks[2 * root] = mark + 1;
    marks[2 * root + 1] = 0;
    queue[0] = root;
    let tail = 1;
    const generators: number[] = [];
    for (let head = 0; head < tail; head++) {
      const q = queue[head]!;
      const tq = marks[2 * q + 1]!;
      const facts = view.facts(q);
      // The recorded edges of q's representative, read with q's OS.
      const os = view.os(q);
      const r = view.representative(q);
      for (let own = graph.edgeStart(r), end = graph.edgeStart(r + 1); own < end; own++) {
        const c = group.classImage[tq * count + classes.classOf(graph.action(own), facts)]!;
        if (countedAt[c] !== q) {
          countedAt[c] = q;
          everywhere[c]++;
          if (!somewhere[c]) {
            somewhere[c] = 1;
            touched.push(c);
          }
        }
        const w = view.targetOf(own, os);
        if (w < 0) continue;
        const stamp = marks[2 * w]!;
        if (stamp < mark) continue;
        taken[c] = 1;
        const step = group.times(tq, group.inverse[graph.element(own)]!);
        if (stamp === mark) {
          marks[2 * w] = mark + 1;
          marks[2 * w + 1] = step;
          queue[tail++] = w;
          continue;
        }
        const generator = group.times(step, group.inverse[marks[2 * w + 1]!]!);
        if (generator !== 0 && !isGenerator[generator]) {
          isGenerator[generator] = 1;
          generators.push(generator);
        }
      }
    }
    for (const g of generators) isGenerator[g] = 0;
    if (tail !== nodes.length) throw new Error('quotient: a component is not strongly connected');
    return generators.length === 0 ? IDENTITY_ONLY : group.generated(generators).list;
  }

  /** Clears the flags the last judgement set. */
  private clear(): void {
    const { everywhere, countedAt, taken, somewhere, unfair } = this;
    for (const c of this.touched) {
      everywhere[c] = 0;
      countedAt[c] = -1;
      taken[c] = 0;
      somewhere[c] = 0;
      unfair[c] = 0;
    }
    this.touched.length = 0;
  }

  /** The node of `stack[from .. to-1]` first in rank. */
  private entryOf(stack: Int32Array, from: number, to: number): number {
    let entry = stack[from]!;
    for (let i = from + 1; i < to; i++) if (this.rank(stack[i]!) < this.rank(entry)) entry = stack[i]!;
    return entry;
  }

  /**
   * The judgement of a component of one node `q`: none when it has no
   * self-loop ('acyclic'); when a self-loop moves q's state (by an element
   * other than the identity), the general judgement's ('moved'); otherwise H
   * is trivial and q's concrete component is its representative alone: a
   * class is taken when a self-loop takes it, and a strongly or weakly fair
   * class enabled and not taken makes it unfair.
   */
  private judgeNode(condition: QuotientCondition, q: number): 'acyclic' | 'moved' | 'fair' | 'unfair' {
    const { view, classes, loopClasses } = this;
    const { graph } = view;
    const facts = view.facts(q);
    const os = view.os(q);
    const r = view.representative(q);
    const start = graph.edgeStart(r);
    const end = graph.edgeStart(r + 1);
    let loops = 0;
    for (let own = start; own < end; own++) {
      if (view.targetOf(own, os) !== q) continue;
      if (graph.element(own) !== 0) return 'moved';
      loopClasses[loops++] = classes.classOf(graph.action(own), facts);
    }
    if (loops === 0) return 'acyclic';
    if (condition.visiting && !condition.visiting(facts, os)) return 'unfair';
    // Unfair when a fair class is enabled (by an edge leaving q) and no self-loop takes it.
    const { weak, strong } = condition.fairness;
    for (let own = start; own < end; own++) {
      if (view.targetOf(own, os) === q) continue;
      const c = classes.classOf(graph.action(own), facts);
      if (!weak[c] && !strong[c]) continue;
      let taken = false;
      for (let i = 0; i < loops && !taken; i++) taken = loopClasses[i] === c;
      if (!taken) return 'unfair';
    }
    return 'fair';
  }

  /** Whether the concrete component over `nodes` is fair, has no fair cycle, or what remains after a refinement. */
  private judge(condition: QuotientCondition, nodes: Int32Array): 'fair' | 'unfair' | Int32Array {
    const { view, group, classes, marks, everywhere, taken, somewhere, unfair, touched } = this;
    if (condition.visiting && !nodes.some((v) => condition.visiting!(view.facts(v), view.os(v)))) return 'unfair';
    // Stamps only grow, so a new mark leaves every older one outside.
    const mark = (this.mark += 2);
    for (let i = 0; i < nodes.length; i++) marks[2 * nodes[i]!] = mark;
    this.clear();
    const h = this.tally(nodes);
    const count = classes.count;
    // Close "taken" and "somewhere" under H; a class is enabled all over D when every image of it is in A0.
    if (h.length > 1) {
      const found = touched.length;
      const wasTaken = touched.filter((c) => taken[c]);
      for (let i = 0; i < found; i++) {
        for (const g of h) {
          const image = group.classImage[g * count + touched[i]!]!;
          if (!somewhere[image]) {
            somewhere[image] = 1;
            touched.push(image);
          }
        }
      }
      for (const c of wasTaken) for (const g of h) taken[group.classImage[g * count + c]!] = 1;
    }
    const { weak, strong } = condition.fairness;
    for (const c of touched) {
      if (!weak[c] || taken[c] || everywhere[c] !== nodes.length) continue;
      if (h.every((g) => everywhere[group.classImage[g * count + c]!] === nodes.length)) return 'unfair';
    }
    let unfulfilled = 0;
    for (const c of touched) {
      if (strong[c] && !taken[c]) {
        unfair[c] = 1;
        unfulfilled++;
      }
    }
    if (unfulfilled === 0) return 'fair';
    // What remains, gathered in the queue's scratch space (the tally is done with it).
    const { queue } = this;
    const { graph } = view;
    let rest = 0;
    for (const q of nodes) {
      const tq = marks[2 * q + 1]! * count;
      const facts = view.facts(q);
      const r = view.representative(q);
      let enables = false;
      for (let own = graph.edgeStart(r), end = graph.edgeStart(r + 1); own < end && !enables; own++) enables = unfair[group.classImage[tq + classes.classOf(graph.action(own), facts)]!] === 1;
      if (!enables) queue[rest++] = q;
    }
    return rest > 0 ? queue.slice(0, rest) : 'unfair';
  }
}

/** The trivial group, as the list of its elements (the identity is element 0). */
const IDENTITY_ONLY: readonly number[] = [0];
