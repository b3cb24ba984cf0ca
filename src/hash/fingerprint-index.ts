// A set of 64-bit fingerprints on typed arrays that numbers its members in
// insertion order: an open-addressing table of 32-bit ids, kept at most 3/4
// full, over chunked columns of the fingerprints' halves. Anything else stored
// per member goes in columns of the caller's, indexed by the same ids.
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

export class FingerprintIndex implements Checkpointable {
  private readonly fpHi = new ChunkedUint32();
  private readonly fpLo = new ChunkedUint32();
  /** Slots hold id + 1; 0 is empty. */
  private table: Uint32Array;
  private mask: number;

  constructor(initialCapacity = 1 << 10) {
    const capacity = tableSize(initialCapacity);
    this.table = new Uint32Array(capacity);
    this.mask = capacity - 1;
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
    for (let slot = slotOf(hi, lo, this.mask); ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) return -1;
      const id = entry - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return id;
    }
  }

  /** Adds the fingerprint if it is new and returns its new id; returns -(id + 1) of the known one otherwise. */
  add(hi: number, lo: number): number {
    let slot = slotOf(hi, lo, this.mask);
    for (; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) break;
      const id = entry - 1;
      if (this.fpLo.get(id) === lo && this.fpHi.get(id) === hi) return -(id + 1);
    }
    const id = this.fpHi.size;
    this.fpHi.push(hi >>> 0);
    this.fpLo.push(lo >>> 0);
    this.table[slot] = id + 1;
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
    for (let id = 0; id < this.size; id++) {
      let slot = slotOf(this.fpHi.get(id), this.fpLo.get(id), mask);
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
