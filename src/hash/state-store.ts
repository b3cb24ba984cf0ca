// The visited-state store: a fingerprint set on typed arrays that numbers
// states in insertion (breadth-first) order and keeps each state's parent, so
// that every counterexample can be rebuilt as a shortest trace.
//
// Per state: its fingerprint (two 32-bit halves) and parent id in chunked
// columns (12 bytes), and one 32-bit slot of an open-addressing table kept at
// most 3/4 full (4 / load bytes). The action that reached a state is not
// stored: rebuilding a trace finds it again by re-executing the parent.
import { ChunkedUint32 } from './chunked.js';

export const NO_PARENT = 0xffffffff;
const EMPTY = 0;
const MAX_LOAD = 0.75;
const DEFAULT_CAPACITY = 1 << 16;

export class StateStore {
  private readonly fpHi = new ChunkedUint32();
  private readonly fpLo = new ChunkedUint32();
  private readonly parents = new ChunkedUint32();
  /** Slots hold id + 1; 0 is empty. */
  private table: Uint32Array;
  private mask: number;

  /** The bytes a store holds once `states` states are in it (its table grown from the default capacity). */
  static bytesFor(states: number): number {
    let capacity = DEFAULT_CAPACITY;
    while (states > capacity * MAX_LOAD) capacity *= 2;
    return capacity * 4 + 3 * ChunkedUint32.bytesFor(states);
  }

  constructor(initialCapacity = DEFAULT_CAPACITY) {
    let capacity = 1 << 4;
    while (capacity < initialCapacity) capacity <<= 1;
    this.table = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.fpHi.size;
  }

  /** The id of the state with this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) return -1;
      const id = entry - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Adds the fingerprint if it is new and returns its new id; returns -(id + 1)
   * of the existing state otherwise.
   */
  add(hi: number, lo: number, parent: number): number {
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) break;
      const id = entry - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return -(id + 1);
      slot = (slot + 1) & this.mask;
    }
    const id = this.fpHi.size;
    this.fpHi.push(hi >>> 0);
    this.fpLo.push(lo >>> 0);
    this.parents.push(parent);
    this.table[slot] = id + 1;
    if (this.size > this.table.length * MAX_LOAD) this.grow();
    return id;
  }

  parentOf(id: number): number {
    return this.parents.get(id);
  }

  fingerprintOf(id: number): { hi: number; lo: number } {
    return { hi: this.fpHi.get(id), lo: this.fpLo.get(id) };
  }

  /** Ids from the initial state to `id`. */
  pathTo(id: number): number[] {
    const path = [id];
    for (let p = this.parentOf(id); p !== NO_PARENT; p = this.parentOf(p)) path.push(p);
    return path.reverse();
  }

  /** Bytes held for the set and the parent links. */
  get bytes(): number {
    return this.table.byteLength + this.fpHi.bytes + this.fpLo.bytes + this.parents.bytes;
  }

  private grow(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      const hi = this.fpHi.get(id);
      const lo = this.fpLo.get(id);
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
