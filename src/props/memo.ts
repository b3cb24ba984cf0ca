// Memoisation by the identity of two objects: the parts of states are shared
// (interned by the codec, kept by successors), so derived values computed from
// them are computed once per distinct pair. A bounded cache of strong
// references rather than WeakMaps (most keys are short-lived successor parts,
// and weak tables of them cost the garbage collector more than they save).
// A first key may meet many second keys (a memory with every p2m of the OS
// records it goes with), so each keeps a map of them, not a short list.
export class Memo2<T> {
  private entries = new Map<object, Map<object, T>>();
  private size = 0;
  /** The pair asked last, and its value: successive states often share both parts, and comparing is cheaper than two look-ups. */
  private lastA: object | null = null;
  private lastB: object | null = null;
  private lastValue: T | undefined;

  /** `bound`: pairs held at most; the cache starts afresh past it. */
  constructor(private readonly bound = 1 << 17) {}

  get(a: object, b: object, compute: () => T): T {
    if (a === this.lastA && b === this.lastB) return this.lastValue as T;
    const value = this.lookUp(a, b, compute);
    this.lastA = a;
    this.lastB = b;
    this.lastValue = value;
    return value;
  }

  private lookUp(a: object, b: object, compute: () => T): T {
    let pairs = this.entries.get(a);
    if (pairs) {
      const known = pairs.get(b);
      if (known !== undefined || pairs.has(b)) return known as T;
    }
    const value = compute();
    if (this.size >= this.bound) {
      this.entries = new Map();
      this.size = 0;
      pairs = undefined;
    }
    if (!pairs) this.entries.set(a, (pairs = new Map()));
    pairs.set(b, value);
    this.size++;
    return value;
  }
}
