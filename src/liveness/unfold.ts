// A fair quotient component unfolded into the concrete component D it stands
// for (quotient-fair-cycles.ts), so that the shortest fair cycle is searched
// on concrete states, as without reduction (lasso.ts). A node (q, g) is the
// image under g of q's representative (and of the OS q follows); a quotient
// edge from q with element p (the action a) leads from (q, g) to (q', g p^-1)
// by the action g a. The nodes reached from (entry, 1) inside the component
// are D (every one of them lies on a closed walk through the start). Two
// nodes (q, g) and (q, g s), s fixing q's representative, are one state; the
// unfolding keeps them apart but for the entry, where every (entry, s) is the
// start itself: a closed walk of the real system from the entry lifts to a
// walk from (entry, 1) to some (entry, s), so the cycles through the start
// are exactly those of the entry, of the same lengths, in the entry's names.
import type { LivenessProperty } from '../props/liveness.js';
import type { QuotientGroup } from './quotient-group.js';
import type { QuotientView } from './quotient-view.js';
import type { LabeledGraph } from './transition-graph.js';
import type { StateSet } from './scc.js';

export class UnfoldedComponent implements LabeledGraph {
  readonly stateCount: number;
  private readonly starts: Uint32Array;
  private readonly targets: Int32Array;
  private readonly actions: Uint16Array;
  private readonly stateFacts: Uint32Array;

  /** `inside`: the component's nodes; `fixing`: the elements that fix the entry (its representative and its OS). */
  constructor(view: QuotientView, group: QuotientGroup, declared: LivenessProperty, inside: StateSet, entry: number, fixing: readonly number[]) {
    const ids = new Map<number, number>();
    const node: number[] = [];
    const element: number[] = [];
    const idOf = (q: number, g: number): number => {
      const key = q * group.order + g;
      let id = ids.get(key);
      if (id === undefined) {
        id = node.length;
        ids.set(key, id);
        node.push(q);
        element.push(g);
      }
      return id;
    };
    for (const s of fixing) ids.set(entry * group.order + s, 0);
    node.push(entry);
    element.push(0);
    const starts: number[] = [0];
    const targets: number[] = [];
    const actions: number[] = [];
    const facts: number[] = [];
    for (let v = 0; v < node.length; v++) {
      const q = node[v]!;
      const g = element[v]!;
      const os = group.elements[g]!.os.os;
      facts.push(declared.permuteFacts(view.facts(q), os));
      for (let e = view.edgeStart(q); e < view.edgeStart(q + 1); e++) {
        actions.push(group.actionImage[g * group.actionCount + view.action(e)]!);
        const w = view.target(e);
        targets.push(w >= 0 && inside.has(w) ? idOf(w, group.times(g, group.inverse[view.element(e)]!)) : -1);
      }
      starts.push(targets.length);
    }
    this.stateCount = node.length;
    this.starts = Uint32Array.from(starts);
    this.targets = Int32Array.from(targets);
    this.actions = Uint16Array.from(actions);
    this.stateFacts = Uint32Array.from(facts);
  }

  get bytes(): number {
    return this.starts.byteLength + this.targets.byteLength + this.actions.byteLength + this.stateFacts.byteLength;
  }

  edgeStart(s: number): number {
    return this.starts[s]!;
  }

  target(e: number): number {
    return this.targets[e]!;
  }

  action(e: number): number {
    return this.actions[e]!;
  }

  facts(s: number): number {
    return this.stateFacts[s]!;
  }
}
