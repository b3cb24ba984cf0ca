// The states of one breadth-first level as canonical bytes, back to back.
import { packed } from './packed.js';

export class LevelBuffer {
  private data = new Uint8Array(1 << 16);
  private used = 0;
  private readonly ends: number[] = [];

  get count(): number {
    return this.ends.length;
  }

  get byteLength(): number {
    return this.used;
  }

  push(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.data.length) {
      let capacity = this.data.length * 2;
      while (capacity < this.used + length) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    // States are a few dozen bytes: a loop beats making a subarray to copy from.
    const data = this.data;
    for (let i = 0, at = this.used; i < length; i++, at++) data[at] = source[start + i]!;
    this.used += length;
    this.ends.push(this.used);
  }

  /** States [from, to) as a self-contained batch (copied into one buffer, so that it can be transferred). */
  slice(from: number, to: number): { bytes: Uint8Array; offsets: Uint32Array } {
    const base = from === 0 ? 0 : this.ends[from - 1]!;
    const offsets = new Uint32Array(to - from + 1);
    for (let k = from; k < to; k++) offsets[k - from + 1] = this.ends[k]! - base;
    const [packedOffsets, bytes] = packed([offsets, this.data.subarray(base, this.ends[to - 1] ?? base)] as const);
    return { bytes, offsets: packedOffsets };
  }
}
