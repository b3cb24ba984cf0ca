// Memoisation by the identity of two objects: the parts of states are shared
// (interned by the codec, kept by successors), so derived values computed from
// them are computed once per distinct pair. A bounded cache of strong
// references rather than WeakMaps (most keys are short-lived successor parts,
// and weak tables of them cost the garbage collector more than they save);
// each first key keeps its last few second keys in a flat array.
const PAIRS_PER_KEY = 4;

export class Memo2<T> {
  private entries = new Map<object, (object | T)[]>();

  constructor(private readonly bound = 1 << 16) {}

  get(a: object, b: object, compute: () => T): T {
    let pairs = this.entries.get(a);
    if (pairs) {
      for (let k = 0; k < pairs.length; k += 2) if (pairs[k] === b) return pairs[k + 1] as T;
    } else {
      if (this.entries.size >= this.bound) this.entries = new Map();
      this.entries.set(a, (pairs = []));
    }
    const value = compute();
    if (pairs.length >= 2 * PAIRS_PER_KEY) pairs.splice(0, 2);
    pairs.push(b, value);
    return value;
  }
}
