// A set of 64-bit fingerprints on typed arrays that numbers its members in
// insertion order: an open-addressing table, kept at most 3/4 full, over a
// chunked column of the fingerprints' high halves. Each slot holds a member's
// id and the low half of its fingerprint side by side, so that a probe reads
// one place in memory, and the column only where the low halves agree. The
// slot is placed by the high half alone, so that an id's slot, and with it its
// low half, is found again from the column. Anything else stored per member
// goes in columns of the caller's, indexed by the same ids.
import { ChunkedUint32 } from './chunked.js';
import { bytesOf, CheckpointCorrupt, readColumn, type Checkpointable, type SnapshotReader, type SnapshotWriter } from './snapshot.js';

const EMPTY = 0;
const MAX_LOAD = 0.75;

/** The first power of two, from 16, at least `capacity`. */
function tableSize(capacity: number): number {
  let size = 1 << 4;
  while (size < capacity) size <<= 1;
  return size;
}

/** Where the probe for a fingerprint starts: its high half, mixed (xxh64's bits are uniform, but not every caller's). */
function slotOf(hi: number, mask: number): number {
  const mixed = Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
  return (mixed ^ (mixed >>> 13)) & mask;
}

export class FingerprintIndex implements Checkpointable {
  private readonly fpHi = new ChunkedUint32();
  /** Slot i is table[2i] = id + 1 (0: empty) and table[2i + 1] = the low half of that id's fingerprint. */
  private table: Uint32Array;
  private mask: number;

  constructor(initialCapacity = 1 << 10) {
    const capacity = tableSize(initialCapacity);
    this.table = new Uint32Array(2 * capacity);
    this.mask = capacity - 1;
  }

  /** The bytes an index built with `initialCapacity` holds once `count` fingerprints are in it. */
  static bytesFor(count: number, initialCapacity: number): number {
    let capacity = tableSize(initialCapacity);
    while (count > capacity * MAX_LOAD) capacity *= 2;
    return capacity * 8 + ChunkedUint32.bytesFor(count, 4);
  }

  get size(): number {
    return this.fpHi.size;
  }

  /** The id of this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    const { table, mask } = this;
    for (let slot = slotOf(hi, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot]!;
      if (entry === EMPTY) return -1;
      if (table[2 * slot + 1] === lo >>> 0 && this.fpHi.get(entry - 1) === hi >>> 0) return entry - 1;
    }
  }

  /** Adds the fingerprint if it is new and returns its new id; returns -(id + 1) of the known one otherwise. */
  add(hi: number, lo: number): number {
    const { table, mask } = this;
    let slot = slotOf(hi, mask);
    for (; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot]!;
      if (entry === EMPTY) break;
      if (table[2 * slot + 1] === lo >>> 0 && this.fpHi.get(entry - 1) === hi >>> 0) return -entry;
    }
    const id = this.fpHi.size;
    this.fpHi.push(hi >>> 0);
    table[2 * slot] = id + 1;
    table[2 * slot + 1] = lo;
    if (this.size > (mask + 1) * MAX_LOAD) this.grow();
    return id;
  }

  fingerprintOf(id: number): { hi: number; lo: number } {
    const hi = this.fpHi.get(id);
    const { table, mask } = this;
    let slot = slotOf(hi, mask);
    while (table[2 * slot] !== id + 1) slot = (slot + 1) & mask;
    return { hi, lo: table[2 * slot + 1]! };
  }

  get bytes(): number {
    return this.table.byteLength + this.fpHi.bytes;
  }

  /** The high halves, and the low halves in id order (gathered from the table). */
  saveTo(out: SnapshotWriter, name: string): void {
    this.fpHi.saveTo(out, `${name}.hi`);
    const lo = new Uint32Array(this.size);
    const { table } = this;
    for (let slot = 0; slot < table.length; slot += 2) if (table[slot] !== EMPTY) lo[table[slot]! - 1] = table[slot + 1]!;
    out.write(`${name}.lo`, [bytesOf(lo)]);
  }

  /** Into an empty index: the table is rebuilt from the fingerprints, in id order, so each keeps its id. */
  loadFrom(from: SnapshotReader, name: string): void {
    if (this.size !== 0) throw new Error('a fingerprint index is loaded into an empty one only');
    const hi = readColumn(from, `${name}.hi`, Uint32Array);
    const lo = readColumn(from, `${name}.lo`, Uint32Array);
    if (hi.length !== lo.length) throw new CheckpointCorrupt(`${name}: ${hi.length} high halves and ${lo.length} low halves of fingerprints`);
    for (let id = 0; id < hi.length; id++) {
      if (this.add(hi[id]!, lo[id]!) !== id) throw new CheckpointCorrupt(`${name}: fingerprint ${id} is there twice`);
    }
  }

  /** Doubles the table: its entries move in table order, each placed again by its high half. */
  private grow(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    const mask = table.length / 2 - 1;
    for (let at = 0; at < old.length; at += 2) {
      const entry = old[at]!;
      if (entry === EMPTY) continue;
      let slot = slotOf(this.fpHi.get(entry - 1), mask);
      while (table[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = entry;
      table[2 * slot + 1] = old[at + 1]!;
    }
    this.table = table;
    this.mask = mask;
  }
}
