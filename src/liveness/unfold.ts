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
    const ids = new PairIndex();
    // Per unfolded state: its quotient node and element, in order of discovery.
    let node = new Int32Array(1024);
    let element = new Uint16Array(1024);
    let count = 0;
    const idOf = (q: number, g: number): number => {
      const key = q * group.order + g;
      let id = ids.get(key);
      if (id < 0) {
        id = count++;
        if (id === node.length) {
          node = grown(node);
          element = grown(element);
        }
        node[id] = q;
        element[id] = g;
        ids.set(key, id);
      }
      return id;
    };
    idOf(entry, 0);
    for (const s of fixing) ids.set(entry * group.order + s, 0);
    const starts = [0];
    let targets = new Int32Array(1024);
    let actions = new Uint16Array(1024);
    let facts = new Uint32Array(1024);
    let edges = 0;
    for (let v = 0; v < count; v++) {
      const q = node[v]!;
      const g = element[v]!;
      if (v === facts.length) facts = grown(facts);
      facts[v] = declared.permuteFacts(view.facts(q), group.elements[g]!.os.os);
      for (let e = view.edgeStart(q); e < view.edgeStart(q + 1); e++) {
        if (edges === targets.length) {
          targets = grown(targets);
          actions = grown(actions);
        }
        actions[edges] = group.actionImage[g * group.actionCount + view.action(e)]!;
        const w = view.target(e);
        targets[edges++] = w >= 0 && inside.has(w) ? idOf(w, group.times(g, group.inverse[view.element(e)]!)) : -1;
      }
      starts.push(edges);
    }
    this.stateCount = count;
    this.starts = Uint32Array.from(starts);
    this.targets = targets.slice(0, edges);
    this.actions = actions.slice(0, edges);
    this.stateFacts = facts.slice(0, count);
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

type Column = Int32Array | Uint16Array | Uint32Array;

/** A copy of `array` twice as long. */
function grown<T extends Column>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/** Unfolded state ids by key (node * order + element): open addressing, linear probing, at most half full. */
class PairIndex {
  private keys = new Float64Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  private size = 0;

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      if (this.keys[i] === key) return this.values[i]!;
      if (this.keys[i] === -1) return -1;
    }
  }

  set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = hash(key) & mask;
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    if (this.keys[i] === -1) this.size++;
    this.keys[i] = key;
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i]!, values[i]!);
  }
}

/** Mixes both halves of the key (it can exceed 32 bits) so that neighbouring keys spread. */
function hash(key: number): number {
  let h = (key >>> 0) ^ Math.imul(Math.floor(key / 0x100000000), 0x27d4eb2d);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}
