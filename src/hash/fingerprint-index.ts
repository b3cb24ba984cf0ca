// A set of 64-bit fingerprints on typed arrays that numbers its members in
// insertion order: an open-addressing table of 32-bit slots, kept at most 3/4
// full, over chunked columns of the fingerprints' halves. Anything else stored
// per member goes in columns of the caller's, indexed by the same ids.
//
// A slot holds id + 1 in its low bits (as many as the table's size needs)
// and the high bits of the fingerprint's high half in the rest: a probe that
// meets another fingerprint mostly tells so from the slot alone, without the
// random read of the columns (a cache miss per probe on a large set).
import { ChunkedUint32 } from './chunked.js';
import { CheckpointCorrupt, type Checkpointable, type SnapshotReader, type SnapshotWriter } from './snapshot.js';

const EMPTY = 0;
const MAX_LOAD = 0.75;

/** The first power of two, from 16, at least `capacity`. */
function tableSize(capacity: number): number {
  let size = 1 << 4;
  while (size < capacity) size <<= 1;
  return size;
}

function slotOf(hi: number, lo: number, mask: number): number {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
}

/** The slot bits that hold a fingerprint's tag: those the ids of a table of this mask leave free. */
function tagBitsOf(mask: number): number {
  return ~mask;
}

export class FingerprintIndex implements Checkpointable {
  private readonly fpHi = new ChunkedUint32();
  private readonly fpLo = new ChunkedUint32();
  /** Slots hold id + 1; 0 is empty. */
  private table: Uint32Array;
  /** Slot index mask; a slot's low bits under it hold id + 1 (ids stay below 3/4 of the table). */
  private mask: number;
  private tagBits: number;

  constructor(initialCapacity = 1 << 10) {
    const capacity = tableSize(initialCapacity);
    this.table = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.tagBits = tagBitsOf(this.mask);
  }

  /** The bytes an index built with `initialCapacity` holds once `count` fingerprints are in it. */
  static bytesFor(count: number, initialCapacity: number): number {
    let capacity = tableSize(initialCapacity);
    while (count > capacity * MAX_LOAD) capacity *= 2;
    return capacity * 4 + 2 * ChunkedUint32.bytesFor(count, 4);
  }

  get size(): number {
    return this.fpHi.size;
  }

  /** The id of this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    const { table, mask, tagBits } = this;
    const tag = hi & tagBits;
    for (let slot = slotOf(hi, lo, mask); ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      if (entry === EMPTY) return -1;
      if ((entry & tagBits) !== tag) continue;
      const id = (entry & mask) - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return id;
    }
  }

  /** Adds the fingerprint if it is new and returns its new id; returns -(id + 1) of the known one otherwise. */
  add(hi: number, lo: number): number {
    const { table, mask, tagBits } = this;
    const tag = hi & tagBits;
    let slot = slotOf(hi, lo, mask);
    for (; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      if (entry === EMPTY) break;
      if ((entry & tagBits) !== tag) continue;
      const id = (entry & mask) - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return -(id + 1);
    }
    const id = this.fpHi.size;
    this.fpHi.push(hi >>> 0);
    this.fpLo.push(lo >>> 0);
    table[slot] = tag | (id + 1);
    if (this.size > this.table.length * MAX_LOAD) this.grow();
    return id;
  }

  fingerprintOf(id: number): { hi: number; lo: number } {
    return { hi: this.fpHi.get(id), lo: this.fpLo.get(id) };
  }

  get bytes(): number {
    return this.table.byteLength + this.fpHi.bytes + this.fpLo.bytes;
  }

  saveTo(out: SnapshotWriter, name: string): void {
    this.fpHi.saveTo(out, `${name}.hi`);
    this.fpLo.saveTo(out, `${name}.lo`);
  }

  /** Into an empty index: the table is rebuilt from the fingerprints, in id order, so each keeps its id. */
  loadFrom(from: SnapshotReader, name: string): void {
    if (this.size !== 0) throw new Error('a fingerprint index is loaded into an empty one only');
    const hi = new ChunkedUint32();
    const lo = new ChunkedUint32();
    hi.loadFrom(from, `${name}.hi`);
    lo.loadFrom(from, `${name}.lo`);
    if (hi.size !== lo.size) throw new CheckpointCorrupt(`${name}: ${hi.size} high halves and ${lo.size} low halves of fingerprints`);
    for (let id = 0; id < hi.size; id++) {
      if (this.add(hi.get(id), lo.get(id)) !== id) throw new CheckpointCorrupt(`${name}: fingerprint ${id} is there twice`);
    }
  }

  private grow(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    const tagBits = tagBitsOf(mask);
    for (let id = 0; id < this.size; id++) {
      const hi = this.fpHi.get(id);
      let slot = slotOf(hi, this.fpLo.get(id), mask);
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = (hi & tagBits) | (id + 1);
    }
    this.table = table;
    this.mask = mask;
    this.tagBits = tagBits;
  }
}
