// The states of one breadth-first level as canonical bytes. A state is kept as
// a reference to where its bytes already are (the batch result that found
// it), and copied once, into the batch that will expand it.
export class LevelBuffer {
  private readonly sources: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get count(): number {
    return this.ends.length;
  }

  /** Keeps bytes [start, end) of `source`, which must not change afterwards. */
  push(source: Uint8Array, start: number, end: number): void {
    this.sources.push(source);
    this.starts.push(start);
    this.ends.push(end);
  }

  /** States [from, to) as a self-contained batch: offsets and bytes in one buffer, so that it can be transferred. */
  slice(from: number, to: number): { bytes: Uint8Array; offsets: Uint32Array } {
    const { sources, starts, ends } = this;
    const count = to - from;
    let size = 0;
    for (let k = from; k < to; k++) size += ends[k]! - starts[k]!;
    const buffer = new ArrayBuffer(4 * (count + 1) + size);
    const offsets = new Uint32Array(buffer, 0, count + 1);
    const bytes = new Uint8Array(buffer, offsets.byteLength, size);
    let at = 0;
    for (let k = from; k < to; k++) {
      const source = sources[k]!;
      // States are a few dozen bytes: a loop beats making a subarray to copy from.
      for (let i = starts[k]!, end = ends[k]!; i < end; i++, at++) bytes[at] = source[i]!;
      offsets[k - from + 1] = at;
    }
    return { bytes, offsets };
  }
}
