// A breadth-first level on disk: the candidates of the level, in the order
// they were found, each as its length and canonical bytes; which of them
// joined the visited set (the level's states) is a bit per candidate, known
// once the level's merge passes are done. The next level reads the file back
// in order, skipping the rest, and removes it when it has read it all.
import { unlinkSync } from 'node:fs';
import { BlockReader, BlockWriter, SpillCorruption } from './block-file.js';
import type { LevelSource } from '../level-source.js';
import { Growable } from '../growable.js';

const KIND = 'LEVL';
const LENGTH_BYTES = 4;

/** One bit per candidate: set when it is a state of the level. */
export class BitSet {
  private readonly words = new Growable(Uint32Array, 1 << 10);
  private length = 0;

  get size(): number {
    return this.length;
  }

  get bytes(): number {
    return this.words.array.byteLength;
  }

  push(bit: boolean): void {
    if ((this.length & 31) === 0) this.words.push(0);
    if (bit) this.words.array[this.length >>> 5]! |= 1 << (this.length & 31);
    this.length++;
  }

  get(index: number): boolean {
    return (this.words.array[index >>> 5]! & (1 << (index & 31))) !== 0;
  }
}

export class LevelFileWriter {
  private readonly writer: BlockWriter;
  private readonly view: DataView;
  private written = 0;

  constructor(readonly path: string) {
    this.writer = new BlockWriter(path, KIND);
    this.view = new DataView(this.writer.block.buffer);
  }

  get count(): number {
    return this.written;
  }

  append(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    const at = this.writer.room(LENGTH_BYTES + length);
    this.view.setUint32(at, length, true);
    this.writer.block.set(source.subarray(start, end), at + LENGTH_BYTES);
    this.writer.filled += LENGTH_BYTES + length;
    this.written++;
  }

  /** Ends the file: `kept` says which candidates are the level's states (`count` of them). */
  close(kept: BitSet, count: number): SpilledLevel {
    this.writer.close();
    if (kept.size !== this.written) throw new Error(`a level file of ${this.written} candidates with ${kept.size} decided`);
    return new SpilledLevel(this.path, this.written, kept, count);
  }
}

export class SpilledLevel implements LevelSource {
  private reader: BlockReader | null;
  private block: Uint8Array | null = null;
  private view: DataView | null = null;
  private at = 0;
  /** Candidates read so far, and states sliced. */
  private candidate = 0;
  private sliced = 0;
  private readonly scratch = new Growable(Uint8Array, 1 << 16);
  private readonly ends = new Growable(Uint32Array, 1 << 10);

  constructor(
    readonly path: string,
    private readonly candidates: number,
    private readonly kept: BitSet,
    readonly count: number,
  ) {
    this.reader = new BlockReader(path, KIND);
  }

  get bytes(): number {
    return this.kept.bytes + (this.block?.byteLength ?? 0) + this.scratch.array.byteLength + this.ends.array.byteLength;
  }

  slice(from: number, to: number): { bytes: Uint8Array; offsets: Uint32Array } {
    if (from !== this.sliced) throw new Error(`level states sliced out of order (${from}, expected ${this.sliced})`);
    this.scratch.clear();
    this.ends.clear();
    while (this.sliced < to) {
      const [block, view] = this.nextRecord();
      const length = view.getUint32(this.at, true);
      const start = this.at + LENGTH_BYTES;
      this.at = start + length;
      if (!this.kept.get(this.candidate++)) continue;
      this.scratch.reserve(length).set(block.subarray(start, start + length), this.scratch.length);
      this.scratch.length += length;
      this.ends.push(this.scratch.length);
      this.sliced++;
    }
    const count = to - from;
    const buffer = new ArrayBuffer(4 * (count + 1) + this.scratch.length);
    const offsets = new Uint32Array(buffer, 0, count + 1);
    offsets.set(this.ends.filled(), 1);
    const bytes = new Uint8Array(buffer, offsets.byteLength, this.scratch.length);
    bytes.set(this.scratch.filled());
    if (this.sliced === this.count) this.finish();
    return { bytes, offsets };
  }

  /** The block holding the next candidate, read in when the current one is done. */
  private nextRecord(): [Uint8Array, DataView] {
    while (this.block === null || this.at >= this.block.length) {
      const block = this.reader?.next() ?? null;
      if (block === null) {
        this.reader!.expectCount(this.candidate, this.candidates);
        throw new SpillCorruption(this.path, `its ${this.candidates} candidates hold fewer than the level's ${this.count} states`);
      }
      this.block = block;
      this.view = block && new DataView(block.buffer, block.byteOffset, block.length);
      this.at = 0;
    }
    return [this.block, this.view!];
  }

  /** Every state is read: the file goes. */
  private finish(): void {
    this.reader?.close();
    this.reader = null;
    this.block = null;
    unlinkSync(this.path);
  }

  /** Lets the file go unread (the run stopped). */
  discard(): void {
    if (this.reader) this.finish();
  }
}
