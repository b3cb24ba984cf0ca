// A growable column of 32-bit unsigned integers, in fixed-size chunks: growing
// never copies, and the slack is at most one chunk (memory per state stays
// close to what is stored).
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class ChunkedUint32 {
  private readonly chunks: Uint32Array[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  push(value: number): void {
    if ((this.length & MASK) === 0) this.chunks.push(new Uint32Array(CHUNK));
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
    return this.chunks.length * CHUNK * 4;
  }

  /** The bytes a column of `length` values holds. */
  static bytesFor(length: number): number {
    return Math.ceil(length / CHUNK) * CHUNK * 4;
  }
}
