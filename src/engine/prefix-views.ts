// Views of a buffer's first n bytes, one per length, made once: a fresh
// subarray per successor (to hash exactly its bytes) allocates on the hot path.
export class PrefixViews {
  private readonly views: Uint8Array[];

  constructor(buffer: Uint8Array) {
    this.views = Array.from({ length: buffer.length + 1 }, (_, n) => buffer.subarray(0, n));
  }

  /** The buffer's first `length` bytes. */
  of(length: number): Uint8Array {
    return this.views[length]!;
  }
}
