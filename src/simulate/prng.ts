// The random numbers of a simulation: xoshiro128** seeded by splitmix32 from
// the run's seed and the walk's number alone, so that walk k is the same
// whichever thread runs it and whatever ran before it.

/** splitmix32's output function: a well-mixed 32-bit value of `x`. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const GOLDEN = 0x9e3779b9;

export class WalkRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The generator of walk `walk` of a run seeded with `seed` (a safe integer of at least 0). */
  constructor(seed: number, walk: number) {
    // The seed's two halves and the walk number go through splitmix32 in turn.
    let x = mix32((seed >>> 0) + GOLDEN);
    x = mix32(x ^ Math.floor(seed / 2 ** 32) ^ 0x632be59b);
    x = mix32(x ^ walk ^ 0x7f4a7c15);
    const next = () => (x = (x + GOLDEN) >>> 0, mix32(x));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // xoshiro's state must not be all zero.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32-bit value (xoshiro128**). */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A whole number in [0, n), uniform up to a bias below n / 2^32. */
  below(n: number): number {
    return Math.floor((this.next() / 2 ** 32) * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
