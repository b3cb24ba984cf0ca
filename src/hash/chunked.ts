// Growable columns of unsigned integers, in fixed-size chunks: growing copies
// nothing once the first chunk is full, and the slack is at most one chunk
// (memory per entry stays close to what is stored). The first chunk starts
// small and doubles up to the chunk size, so that a small run (most runs, and
// every test) does not pay for zeroing chunks it barely uses.
import { bytesOf, readColumn, type Checkpointable, type ColumnType, type SnapshotReader, type SnapshotWriter } from './snapshot.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** Entries the first chunk starts with. */
const FIRST = 1 << 10;

/** The length of the first chunk once `length` entries are pushed: the same whether pushed one by one or loaded. */
function firstLength(length: number): number {
  let first = FIRST;
  while (first < length && first < CHUNK) first *= 2;
  return first;
}

type Column = Uint32Array | Uint16Array | Uint8Array;

class Chunked<T extends Column> implements Checkpointable {
  private readonly chunks: T[] = [];
  private length = 0;

  constructor(private readonly ctor: ColumnType<T>) {}

  get size(): number {
    return this.length;
  }

  push(value: number): void {
    const at = this.length & MASK;
    if (at === 0) this.chunks.push(new this.ctor(this.length === 0 ? FIRST : CHUNK));
    else if (this.length < CHUNK && at === this.chunks[0]!.length) this.growFirst();
    this.chunks[this.length >>> CHUNK_BITS]![at] = value;
    this.length++;
  }

  private growFirst(): void {
    const grown = new this.ctor(2 * this.chunks[0]!.length);
    grown.set(this.chunks[0] as never);
    this.chunks[0] = grown;
  }

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & MASK]!;
  }

  set(index: number, value: number): void {
    this.chunks[index >>> CHUNK_BITS]![index & MASK] = value;
  }

  get bytes(): number {
    // Every chunk but a lone first one is full-sized.
    return this.chunks.length === 0 ? 0 : this.chunks[0]!.byteLength * this.chunks.length;
  }

  /**
   * Hands over the entries chunk by chunk, `into(values, first)` with the
   * index of the first, and leaves the column empty: each chunk is let go
   * once handed over, so that copying the column elsewhere needs one chunk
   * more, not twice the column.
   */
  drain(into: (values: T, first: number) => void): void {
    const chunks = this.chunks as (T | undefined)[];
    for (let c = 0; c < chunks.length; c++) {
      into(chunks[c]!.subarray(0, Math.min(CHUNK, this.length - c * CHUNK)) as T, c * CHUNK);
      chunks[c] = undefined;
    }
    this.chunks.length = 0;
    this.length = 0;
  }

  saveTo(out: SnapshotWriter, name: string): void {
    const parts = this.chunks.map((chunk, c) => bytesOf(chunk.subarray(0, Math.min(CHUNK, this.length - c * CHUNK))));
    out.write(name, parts);
  }

  loadFrom(from: SnapshotReader, name: string): void {
    const values = readColumn(from, name, this.ctor);
    this.chunks.length = 0;
    for (let at = 0; at < values.length; at += CHUNK) {
      const chunk = new this.ctor(at === 0 ? firstLength(values.length) : CHUNK);
      chunk.set(values.subarray(at, at + CHUNK) as never);
      this.chunks.push(chunk);
    }
    this.length = values.length;
  }

  /** The bytes a column of `length` values of `bytesPerElement` bytes holds. */
  static bytesFor(length: number, bytesPerElement: number): number {
    if (length <= CHUNK) return length === 0 ? 0 : firstLength(length) * bytesPerElement;
    return Math.ceil(length / CHUNK) * CHUNK * bytesPerElement;
  }
}

export class ChunkedUint32 extends Chunked<Uint32Array> {
  constructor() {
    super(Uint32Array);
  }
}

export class ChunkedUint16 extends Chunked<Uint16Array> {
  constructor() {
    super(Uint16Array);
  }
}

export class ChunkedUint8 extends Chunked<Uint8Array> {
  constructor() {
    super(Uint8Array);
  }
}
