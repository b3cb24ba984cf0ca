// The visited-state store: the fingerprint index of every state reached, ids
// in insertion (breadth-first) order, and each state's parent, so that every
// counterexample can be rebuilt as a shortest trace.
//
// Per state: 8 bytes of fingerprint, 4 of parent id and 4 / load of table
// slot. The action that reached a state is not stored: rebuilding a trace
// finds it again by re-executing the parent.
import { ChunkedUint32 } from './chunked.js';
import { FingerprintIndex } from './fingerprint-index.js';
import { CheckpointCorrupt, type Checkpointable, type SnapshotReader, type SnapshotWriter } from './snapshot.js';

export const NO_PARENT = 0xffffffff;
const DEFAULT_CAPACITY = 1 << 16;

export class StateStore implements Checkpointable {
  private readonly index: FingerprintIndex;
  private readonly parents = new ChunkedUint32();

  constructor(initialCapacity = DEFAULT_CAPACITY) {
    this.index = new FingerprintIndex(initialCapacity);
  }

  /** The bytes a store holds once `states` states are in it (its table grown from the default capacity). */
  static bytesFor(states: number): number {
    return FingerprintIndex.bytesFor(states, DEFAULT_CAPACITY) + ChunkedUint32.bytesFor(states, 4);
  }

  get size(): number {
    return this.index.size;
  }

  /** The id of the state with this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    return this.index.find(hi, lo);
  }

  /** Adds the fingerprint if it is new and returns its new id; returns -(id + 1) of the existing state otherwise. */
  add(hi: number, lo: number, parent: number): number {
    const id = this.index.add(hi, lo);
    if (id >= 0) this.parents.push(parent);
    return id;
  }

  parentOf(id: number): number {
    return this.parents.get(id);
  }

  fingerprintOf(id: number): { hi: number; lo: number } {
    return this.index.fingerprintOf(id);
  }

  /** Ids from the initial state to `id`. */
  pathTo(id: number): number[] {
    const path = [id];
    for (let p = this.parentOf(id); p !== NO_PARENT; p = this.parentOf(p)) path.push(p);
    return path.reverse();
  }

  saveTo(out: SnapshotWriter, name: string): void {
    this.index.saveTo(out, `${name}.fingerprints`);
    this.parents.saveTo(out, `${name}.parents`);
  }

  /** Into an empty store. */
  loadFrom(from: SnapshotReader, name: string): void {
    this.index.loadFrom(from, `${name}.fingerprints`);
    this.parents.loadFrom(from, `${name}.parents`);
    if (this.parents.size !== this.index.size) throw new CheckpointCorrupt(`${name}: ${this.index.size} fingerprints and ${this.parents.size} parents`);
  }

  /** Bytes held for the set and the parent links. */
  get bytes(): number {
    return this.index.bytes + this.parents.bytes;
  }
}
