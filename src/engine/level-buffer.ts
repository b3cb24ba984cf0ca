// The states of one breadth-first level as canonical bytes, packed back to
// back in large chunks: a new state's bytes are copied out of the answer that
// found it, so that no answer outlives its consumption, and a state costs its
// bytes plus 4 (its start). Batches are sliced in order, and a chunk is let go
// once every state in it has been sliced, so a level shrinks as the next grows.
// The first chunk starts small and doubles up to the chunk size: most levels of
// most runs are small.
import { ChunkedUint32 } from '../hash/chunked.js';
import { bytesOf, CheckpointCorrupt, readColumn, type Checkpointable, type SnapshotReader, type SnapshotWriter } from '../hash/snapshot.js';

const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
/** Bytes the first chunk starts with. */
const FIRST = 1 << 12;

export class LevelBuffer implements Checkpointable {
  private readonly chunks: (Uint8Array | null)[] = [];
  /** Bytes used in each chunk: a state ends where the next starts, or at its chunk's fill. */
  private readonly filled: number[] = [];
  /** Where each state starts: chunk index << CHUNK_BITS | offset. */
  private readonly starts = new ChunkedUint32();
  /** The first state not yet sliced. */
  private sliced = 0;

  get count(): number {
    return this.starts.size;
  }

  /** Bytes of the chunks held (not yet let go). */
  private held = 0;

  /** Bytes held: chunks not yet let go, and the starts. */
  get bytes(): number {
    return this.held + this.starts.bytes;
  }

  /** Copies bytes [start, end) of `source`. */
  push(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    let c = this.chunks.length - 1;
    while (c === 0 && this.filled[0]! + length > this.chunks[0]!.length && this.chunks[0]!.length < CHUNK) this.growFirst();
    if (c < 0 || this.filled[c]! + length > CHUNK) {
      c++;
      if (c >= 1 << (32 - CHUNK_BITS)) throw new Error('a breadth-first level of more than 4 GB of states');
      this.chunks.push(new Uint8Array(c === 0 ? FIRST : CHUNK));
      this.held += this.chunks[c]!.length;
      this.filled.push(0);
    }
    const chunk = this.chunks[c]!;
    let at = this.filled[c]!;
    this.starts.push((c << CHUNK_BITS) | at);
    // States are a few dozen bytes: a loop beats making a subarray to copy from.
    for (let i = start; i < end; i++) chunk[at++] = source[i]!;
    this.filled[c] = at;
  }

  /** Doubles the first chunk while it is the only one: its states keep their offsets, and it is not let go while it fills. */
  private growFirst(): void {
    const grown = new Uint8Array(2 * this.chunks[0]!.length);
    grown.set(this.chunks[0]!);
    this.held += grown.length - this.chunks[0]!.length;
    this.chunks[0] = grown;
  }

  /**
   * States [from, to) as a self-contained batch: offsets and bytes in one
   * buffer, so that it can be transferred. Slices are taken in order, from
   * where the previous one ended.
   */
  slice(from: number, to: number): { bytes: Uint8Array; offsets: Uint32Array } {
    if (from !== this.sliced) throw new Error(`level states sliced out of order (${from}, expected ${this.sliced})`);
    const count = to - from;
    let size = 0;
    for (let k = from; k < to; k++) size += this.endOf(k) - (this.starts.get(k) & (CHUNK - 1));
    const buffer = new ArrayBuffer(4 * (count + 1) + size);
    const offsets = new Uint32Array(buffer, 0, count + 1);
    const bytes = new Uint8Array(buffer, offsets.byteLength, size);
    // A chunk's states lie back to back: each chunk's run of them is copied at once.
    let at = 0;
    for (let k = from; k < to; ) {
      const c = this.starts.get(k) >>> CHUNK_BITS;
      const runStart = this.starts.get(k) & (CHUNK - 1);
      let runEnd = runStart;
      for (; k < to && this.starts.get(k) >>> CHUNK_BITS === c; k++) {
        runEnd = this.endOf(k);
        offsets[k - from + 1] = at + runEnd - runStart;
      }
      bytes.set(this.chunks[c]!.subarray(runStart, runEnd), at);
      at += runEnd - runStart;
    }
    this.sliced = to;
    this.letGoBefore(to < this.count ? this.starts.get(to) >>> CHUNK_BITS : this.chunks.length - 1);
    return { bytes, offsets };
  }

  /** Lets go of every chunk before chunk `next`, whose states are all sliced (the last one may still be filling). */
  private letGoBefore(next: number): void {
    for (let c = next - 1; c >= 0 && this.chunks[c] !== null; c--) {
      this.held -= this.chunks[c]!.length;
      this.chunks[c] = null;
    }
  }

  /** A level none of whose states has been sliced yet: its chunks' filled parts, their fills and the starts. */
  saveTo(out: SnapshotWriter, name: string): void {
    if (this.sliced !== 0) throw new Error('a level buffer is saved before any of its states is sliced');
    out.write(`${name}.bytes`, this.chunks.map((chunk, c) => chunk!.subarray(0, this.filled[c])));
    out.write(`${name}.fills`, [bytesOf(Uint32Array.from(this.filled))]);
    this.starts.saveTo(out, `${name}.starts`);
  }

  /** Into an empty buffer: the same chunks, so the same `bytes`. */
  loadFrom(from: SnapshotReader, name: string): void {
    if (this.count !== 0 || this.chunks.length !== 0) throw new Error('a level buffer is loaded into an empty one only');
    const bytes = from.read(`${name}.bytes`);
    const fills = readColumn(from, `${name}.fills`, Uint32Array);
    this.starts.loadFrom(from, `${name}.starts`);
    let at = 0;
    for (const fill of fills) {
      if (fill > CHUNK || at + fill > bytes.length) throw new CheckpointCorrupt(`${name}: chunk fills beyond the bytes saved`);
      // The chunks pushing would have made: the first one small while it is the only one.
      let length = fills.length > 1 ? CHUNK : FIRST;
      while (length < fill) length *= 2;
      const chunk = new Uint8Array(length);
      chunk.set(bytes.subarray(at, at + fill));
      at += fill;
      this.chunks.push(chunk);
      this.filled.push(fill);
      this.held += length;
    }
    if (at !== bytes.length) throw new CheckpointCorrupt(`${name}: ${bytes.length} bytes saved, the chunk fills add up to ${at}`);
    for (let k = 0; k < this.count; k++) {
      const start = this.starts.get(k);
      if (start >>> CHUNK_BITS >= this.chunks.length || (start & (CHUNK - 1)) > this.filled[start >>> CHUNK_BITS]!) throw new CheckpointCorrupt(`${name}: state ${k} starts outside the bytes saved`);
    }
  }

  /** Where state k's bytes end in its chunk. */
  private endOf(k: number): number {
    const start = this.starts.get(k);
    const c = start >>> CHUNK_BITS;
    if (k + 1 < this.count) {
      const next = this.starts.get(k + 1);
      if (next >>> CHUNK_BITS === c) return next & (CHUNK - 1);
    }
    return this.filled[c]!;
  }
}
