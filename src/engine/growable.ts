// Typed arrays that grow by doubling while a batch result is built.
type TypedArray = Uint8Array | Uint16Array | Uint32Array;
type Ctor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  array: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    capacity: number,
  ) {
    this.array = new ctor(Math.max(16, capacity));
  }

  /** Makes room for `extra` more elements. */
  reserve(extra: number): T {
    if (this.length + extra > this.array.length) {
      let capacity = this.array.length * 2;
      while (capacity < this.length + extra) capacity *= 2;
      const grown = new this.ctor(capacity);
      grown.set(this.array.subarray(0, this.length) as never);
      this.array = grown;
    }
    return this.array;
  }

  push(value: number): void {
    if (this.length === this.array.length) this.reserve(1);
    this.array[this.length++] = value;
  }

  /** Empties it, keeping its capacity. */
  clear(): void {
    this.length = 0;
  }

  /** The filled part (a view: valid until the next change). */
  filled(): T {
    return this.array.subarray(0, this.length) as T;
  }
}
