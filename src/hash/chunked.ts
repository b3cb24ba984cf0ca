// Growable columns of unsigned integers, in fixed-size chunks: growing never
// copies, and the slack is at most one chunk (memory per entry stays close to
// what is stored).
import { bytesOf, readColumn, type Checkpointable, type ColumnType, type SnapshotReader, type SnapshotWriter } from './snapshot.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type Column = Uint32Array | Uint16Array | Uint8Array;

class Chunked<T extends Column> implements Checkpointable {
  private readonly chunks: T[] = [];
  private length = 0;

  constructor(private readonly ctor: ColumnType<T>) {}

  get size(): number {
    return this.length;
  }

  push(value: number): void {
    if ((this.length & MASK) === 0) this.chunks.push(new this.ctor(CHUNK));
    this.chunks[this.length >>> CHUNK_BITS]![this.length & MASK] = value;
    this.length++;
  }

  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & MASK]!;
  }

  set(index: number, value: number): void {
    this.chunks[index >>> CHUNK_BITS]![index & MASK] = value;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK * (this.chunks[0]?.BYTES_PER_ELEMENT ?? 0);
  }

  saveTo(out: SnapshotWriter, name: string): void {
    const parts = this.chunks.map((chunk, c) => bytesOf(chunk.subarray(0, Math.min(CHUNK, this.length - c * CHUNK))));
    out.write(name, parts);
  }

  loadFrom(from: SnapshotReader, name: string): void {
    const values = readColumn(from, name, this.ctor);
    this.chunks.length = 0;
    for (let at = 0; at < values.length; at += CHUNK) {
      const chunk = new this.ctor(CHUNK);
      chunk.set(values.subarray(at, at + CHUNK) as never);
      this.chunks.push(chunk);
    }
    this.length = values.length;
  }

  /** The bytes a column of `length` values of `bytesPerElement` bytes holds. */
  static bytesFor(length: number, bytesPerElement: number): number {
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
