// XXH64 (seed 0) in plain JavaScript on 32-bit halves: the same 64-bit values
// as the xxhash-wasm library's h64Raw, without its per-call copy into
// WebAssembly memory and the BigInts it answers with (a fingerprint is hashed
// for every successor; the BigInts cost more than the hash). A 64-bit value is
// a pair of 32-bit halves; the steps below work on one register, an
// Int32Array (hi at 0, lo at 1), so that hashing allocates nothing and no
// intermediate number is boxed.

// The five primes of XXH64, as halves.
const P1_HI = 0x9e3779b1 | 0;
const P1_LO = 0x85ebca87 | 0;
const P2_HI = 0xc2b2ae3d | 0;
const P2_LO = 0x27d4eb4f | 0;
const P3_HI = 0x165667b1 | 0;
const P3_LO = 0x9e3779f9 | 0;
const P4_HI = 0x85ebca77 | 0;
const P4_LO = 0xc2b2ae63 | 0;
const P5_HI = 0x27d4eb2f | 0;
const P5_LO = 0x165667c5 | 0;

const HI = 0;
const LO = 1;

function set(r: Int32Array, hi: number, lo: number): void {
  r[HI] = hi;
  r[LO] = lo;
}

function add(r: Int32Array, hi: number, lo: number): void {
  const sum = (r[LO]! >>> 0) + (lo >>> 0);
  r[LO] = sum;
  r[HI] = r[HI]! + hi + (sum > 0xffffffff ? 1 : 0);
}

/** r = r * (hi, lo) modulo 2^64: the low halves' full product by 16-bit pieces, the cross terms modulo 2^32. */
function mul(r: Int32Array, hi: number, lo: number): void {
  const a = r[LO]!;
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = lo & 0xffff;
  const b1 = lo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const carried = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  r[HI] = carried + Math.imul(r[HI]!, lo) + Math.imul(a, hi);
  r[LO] = (mid << 16) | (p00 & 0xffff);
}

/** Rotation left by 0 < bits < 32. */
function rotl(r: Int32Array, bits: number): void {
  const hi = r[HI]!;
  const lo = r[LO]!;
  r[HI] = (hi << bits) | (lo >>> (32 - bits));
  r[LO] = (lo << bits) | (hi >>> (32 - bits));
}

/** XXH64's round: acc = rotl(acc + input * P2, 31) * P1, the accumulator in `r`. */
function round(r: Int32Array, inputHi: number, inputLo: number): void {
  const accHi = r[HI]!;
  const accLo = r[LO]!;
  set(r, inputHi, inputLo);
  mul(r, P2_HI, P2_LO);
  add(r, accHi, accLo);
  rotl(r, 31);
  mul(r, P1_HI, P1_LO);
}

function read32(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

const ROTATIONS = [1, 7, 12, 18];

export class Xxh64 {
  /** The halves of the last hash, unsigned. */
  hi = 0;
  lo = 0;
  private readonly r = new Int32Array(2);
  /** The four accumulators of inputs of 32 bytes or more, as halves. */
  private readonly v = new Int32Array(8);

  /** XXH64 of bytes[start..end), seed 0; the result is in `hi` and `lo`. */
  hash(bytes: Uint8Array, start: number, end: number): void {
    const { r } = this;
    let at = start;
    if (end - start >= 32) {
      this.stripes(bytes, start, end);
      at = start + ((end - start) & ~31);
    } else {
      set(r, P5_HI, P5_LO);
    }
    add(r, 0, end - start);
    for (; at + 8 <= end; at += 8) {
      const hHi = r[HI]!;
      const hLo = r[LO]!;
      set(r, 0, 0);
      round(r, read32(bytes, at + 4), read32(bytes, at));
      set(r, hHi ^ r[HI]!, hLo ^ r[LO]!);
      rotl(r, 27);
      mul(r, P1_HI, P1_LO);
      add(r, P4_HI, P4_LO);
    }
    if (at + 4 <= end) {
      const hHi = r[HI]!;
      const hLo = r[LO]!;
      set(r, 0, read32(bytes, at));
      mul(r, P1_HI, P1_LO);
      set(r, hHi ^ r[HI]!, hLo ^ r[LO]!);
      rotl(r, 23);
      mul(r, P2_HI, P2_LO);
      add(r, P3_HI, P3_LO);
      at += 4;
    }
    for (; at < end; at++) {
      const hHi = r[HI]!;
      const hLo = r[LO]!;
      set(r, 0, bytes[at]!);
      mul(r, P5_HI, P5_LO);
      set(r, hHi ^ r[HI]!, hLo ^ r[LO]!);
      rotl(r, 11);
      mul(r, P1_HI, P1_LO);
    }
    // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
    r[LO] = r[LO]! ^ (r[HI]! >>> 1);
    mul(r, P2_HI, P2_LO);
    set(r, r[HI]! ^ (r[HI]! >>> 29), r[LO]! ^ ((r[LO]! >>> 29) | (r[HI]! << 3)));
    mul(r, P3_HI, P3_LO);
    this.hi = r[HI]! >>> 0;
    this.lo = (r[LO]! ^ r[HI]!) >>> 0;
  }

  /** The 32-byte stripes of a long input and the merge of the four accumulators, into `r`. */
  private stripes(bytes: Uint8Array, start: number, end: number): void {
    const { r, v } = this;
    // The accumulators start at seed + P1 + P2, seed + P2, seed, seed - P1.
    set(r, P1_HI, P1_LO);
    add(r, P2_HI, P2_LO);
    v[0] = r[HI]!;
    v[1] = r[LO]!;
    v[2] = P2_HI;
    v[3] = P2_LO;
    v[4] = 0;
    v[5] = 0;
    // 0 - P1: the two's complement of its halves (P1's low half is not 0, so no carry).
    v[6] = ~P1_HI;
    v[7] = -P1_LO;
    for (let at = start; at + 32 <= end; at += 32) {
      for (let lane = 0; lane < 4; lane++) {
        set(r, v[2 * lane]!, v[2 * lane + 1]!);
        round(r, read32(bytes, at + 8 * lane + 4), read32(bytes, at + 8 * lane));
        v[2 * lane] = r[HI]!;
        v[2 * lane + 1] = r[LO]!;
      }
    }
    let hHi = 0;
    let hLo = 0;
    for (let lane = 0; lane < 4; lane++) {
      set(r, v[2 * lane]!, v[2 * lane + 1]!);
      rotl(r, ROTATIONS[lane]!);
      add(r, hHi, hLo);
      hHi = r[HI]!;
      hLo = r[LO]!;
    }
    for (let lane = 0; lane < 4; lane++) {
      // mergeRound: h = (h ^ round(0, v)) * P1 + P4.
      set(r, 0, 0);
      round(r, v[2 * lane]!, v[2 * lane + 1]!);
      set(r, hHi ^ r[HI]!, hLo ^ r[LO]!);
      mul(r, P1_HI, P1_LO);
      add(r, P4_HI, P4_LO);
      hHi = r[HI]!;
      hLo = r[LO]!;
    }
    set(r, hHi, hLo);
  }
}
