// The shortest fair cycle through a fair component's entry: a breadth-first
// search over the product of the component's states with the obligations met
// so far (`CycleObligations`), from (entry, what the entry meets) until an edge
// back to the entry completes every obligation. Only the product nodes the
// search reaches are stored, in typed arrays: per node its state, the id of
// its mask (masks are stored once each), its parent and its edge, found again
// through open-addressing hash tables. A memory budget caps what is held;
// when the next node would exceed it, the search still checks the edges back
// to the entry of the layer it is in, then stops with a lower bound.
import type { ComponentGraph } from './component-graph.js';
import type { CycleObligations } from './cycle-obligations.js';

export type CycleSearch =
  /** Local edge ids of a shortest fair cycle from the entry back to it. */
  | { readonly found: true; readonly edges: number[]; readonly nodes: number; readonly bytes: number }
  /** Over budget: no fair cycle has fewer than `atLeast` steps. */
  | { readonly found: false; readonly atLeast: number; readonly nodes: number; readonly bytes: number };

const EMPTY = -1;

export function shortestFairCycle(g: ComponentGraph, o: CycleObligations, budgetBytes: number): CycleSearch {
  const store = new ProductStore(o.words, budgetBytes);
  const scratch = new Uint32Array(o.words);
  const words = o.words;
  const startMask = store.intern(o.metAt, g.entry * words);
  const start = startMask === null ? null : store.add(g.entry, startMask, EMPTY, EMPTY);
  if (start === null) return { found: false, atLeast: 1, nodes: 0, bytes: store.peakBytes };
  let layerEnd = store.count;
  let depth = 0;
  let full = false;
  for (let node = start; node < store.count; node++) {
    if (node === layerEnd) {
      // Every cycle of `depth + 1` steps or fewer has been tried.
      if (full) return { found: false, atLeast: depth + 2, nodes: store.count, bytes: store.peakBytes };
      depth++;
      layerEnd = store.count;
    }
    const u = store.state(node);
    const at = store.maskAt(node);
    for (let e = g.edgeStart[u]!; e < g.edgeStart[u + 1]!; e++) {
      const v = g.edgeTarget[e]!;
      const vAt = v * words;
      for (let i = 0; i < words; i++) scratch[i] = store.masks[at + i]! | o.metAt[vAt + i]!;
      const bit = o.edgeBit[e]!;
      if (bit >= 0) scratch[bit >>> 5]! |= 1 << (bit & 31);
      if (v === g.entry && o.fair(scratch, 0)) return { found: true, edges: store.path(node, e), nodes: store.count, bytes: store.peakBytes };
      if (full) continue;
      const mask = store.intern(scratch, 0);
      if (mask === null || store.add(v, mask, node, e) === null) full = true;
    }
  }
  if (full) return { found: false, atLeast: depth + 2, nodes: store.count, bytes: store.peakBytes };
  throw new Error('fair cycle: no fair cycle through the entry of a fair component');
}

/** The nodes (state, mask id) reached, in breadth-first order, and the distinct masks, within a budget of bytes. */
class ProductStore {
  count = 0;
  masks = new Uint32Array(0);
  /** The most bytes held at once, growth included. */
  peakBytes = 0;
  private maskCount = 0;
  private maskTable = new Int32Array(0);
  private nodeState = new Int32Array(0);
  private nodeMask = new Int32Array(0);
  private nodeParent = new Int32Array(0);
  private nodeEdge = new Int32Array(0);
  private nodeTable = new Int32Array(0);

  constructor(
    private readonly words: number,
    private readonly budgetBytes: number,
  ) {}

  state(node: number): number {
    return this.nodeState[node]!;
  }

  /** Where the node's mask starts in `masks`. */
  maskAt(node: number): number {
    return this.nodeMask[node]! * this.words;
  }

  /** The id of the mask at `source[at ..]`, added if new; null when it is new and the budget is spent. */
  intern(source: Uint32Array, at: number): number | null {
    let slot = this.maskSlot(source, at);
    if (this.maskCount > 0 && this.maskTable[slot] !== EMPTY) return this.maskTable[slot]!;
    if (this.maskCount * 2 >= this.maskTable.length) {
      if (!this.growMasks()) return null;
      slot = this.maskSlot(source, at);
    }
    const id = this.maskCount++;
    this.masks.set(source.subarray(at, at + this.words), id * this.words);
    this.maskTable[slot] = id;
    return id;
  }

  /** Adds node (state, mask) unless present: its id, -1 when present, null when it is new and the budget is spent. */
  add(state: number, mask: number, parent: number, edge: number): number | null {
    let slot = this.nodeSlot(state, mask);
    if (this.count > 0 && this.nodeTable[slot] !== EMPTY) return -1;
    if (this.count * 2 >= this.nodeTable.length) {
      if (!this.growNodes()) return null;
      slot = this.nodeSlot(state, mask);
    }
    const node = this.count++;
    this.nodeState[node] = state;
    this.nodeMask[node] = mask;
    this.nodeParent[node] = parent;
    this.nodeEdge[node] = edge;
    this.nodeTable[slot] = node;
    return node;
  }

  /** The edges from the start to `node`, then `last`. */
  path(node: number, last: number): number[] {
    const edges = [last];
    for (let n = node; this.nodeParent[n] !== EMPTY; n = this.nodeParent[n]!) edges.push(this.nodeEdge[n]!);
    return edges.reverse();
  }

  /** The slot holding the mask at `source[at ..]`, or the empty slot where it would go. */
  private maskSlot(source: Uint32Array, at: number): number {
    const { words, masks, maskTable } = this;
    if (maskTable.length === 0) return 0;
    const tableMask = maskTable.length - 1;
    let h = 0x2545f491;
    for (let i = 0; i < words; i++) h = Math.imul(h ^ source[at + i]!, 0x9e3779b1);
    for (let slot = (h ^ (h >>> 15)) & tableMask; ; slot = (slot + 1) & tableMask) {
      const id = maskTable[slot]!;
      if (id === EMPTY) return slot;
      let same = true;
      for (let i = 0; i < words && same; i++) same = masks[id * words + i] === source[at + i];
      if (same) return slot;
    }
  }

  /** The slot holding node (state, mask), or the empty slot where it would go. */
  private nodeSlot(state: number, mask: number): number {
    const { nodeTable, nodeState, nodeMask } = this;
    if (nodeTable.length === 0) return 0;
    const tableMask = nodeTable.length - 1;
    const h = Math.imul(state ^ Math.imul(mask, 0x85ebca77), 0x9e3779b1);
    for (let slot = (h ^ (h >>> 15)) & tableMask; ; slot = (slot + 1) & tableMask) {
      const id = nodeTable[slot]!;
      if (id === EMPTY || (nodeState[id] === state && nodeMask[id] === mask)) return slot;
    }
  }

  private get bytes(): number {
    return this.nodeState.byteLength * 4 + this.nodeTable.byteLength + this.masks.byteLength + this.maskTable.byteLength;
  }

  /** Whether arrays of `extra` bytes can be allocated while the current ones are held. */
  private fits(extra: number): boolean {
    if (this.bytes + extra > this.budgetBytes) return false;
    this.peakBytes = Math.max(this.peakBytes, this.bytes + extra);
    return true;
  }

  /** Doubles the node columns and table. */
  private growNodes(): boolean {
    const capacity = Math.max(16, this.nodeTable.length);
    if (!this.fits(capacity * 4 * 4 + capacity * 2 * 4)) return false;
    const grow = (old: Int32Array) => {
      const next = new Int32Array(capacity);
      next.set(old);
      return next;
    };
    this.nodeState = grow(this.nodeState);
    this.nodeMask = grow(this.nodeMask);
    this.nodeParent = grow(this.nodeParent);
    this.nodeEdge = grow(this.nodeEdge);
    this.nodeTable = new Int32Array(capacity * 2).fill(EMPTY);
    for (let node = 0; node < this.count; node++) this.nodeTable[this.nodeSlot(this.nodeState[node]!, this.nodeMask[node]!)] = node;
    return true;
  }

  /** Doubles the mask store and table. */
  private growMasks(): boolean {
    const capacity = Math.max(16, this.maskTable.length);
    if (!this.fits(capacity * this.words * 4 + capacity * 2 * 4)) return false;
    const masks = new Uint32Array(capacity * this.words);
    masks.set(this.masks);
    this.masks = masks;
    this.maskTable = new Int32Array(capacity * 2).fill(EMPTY);
    for (let id = 0; id < this.maskCount; id++) this.maskTable[this.maskSlot(masks, id * this.words)] = id;
    return true;
  }
}
