// XXH64 (seed 0) in plain JavaScript on 32-bit halves: the same 64-bit values
// as the xxhash-wasm library's h64Raw, without its per-call copy into
// WebAssembly memory and the BigInts it answers with (a fingerprint is hashed
// for every successor; the BigInts cost more than the hash). A 64-bit value is
// a pair of 32-bit halves in local variables; each step below returns the low
// half of its result and leaves the high half in `high`. Halves are kept as
// signed 32-bit integers (`| 0`), which V8 stores without boxing, so that
// hashing allocates nothing; arithmetic reads them unsigned (`>>> 0`).

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

const TWO_32 = 4294967296;

/** The high half of the last step's result. */
let high = 0;

/**
 * (ah, al) * (bh, bl) modulo 2^64. The high half of al * bl is exact: the
 * double product is within 2^12 of the true one, whose low half Math.imul
 * gives exactly, so the rounded quotient is the true high half.
 */
function mul(ah: number, al: number, bh: number, bl: number): number {
  const lo = Math.imul(al, bl);
  const carried = Math.round(((al >>> 0) * (bl >>> 0) - (lo >>> 0)) / TWO_32);
  high = (carried + Math.imul(ah, bl) + Math.imul(al, bh)) | 0;
  return lo;
}

function add(ah: number, al: number, bh: number, bl: number): number {
  const sum = (al >>> 0) + (bl >>> 0);
  high = (ah + bh + (sum > 0xffffffff ? 1 : 0)) | 0;
  return sum | 0;
}

/** XXH64's round: rotl(acc + input * P2, 31) * P1. */
function round(accHi: number, accLo: number, inHi: number, inLo: number): number {
  let lo = mul(inHi, inLo, P2_HI, P2_LO);
  lo = add(high, lo, accHi, accLo);
  lo = rotl(high, lo, 31);
  return mul(high, lo, P1_HI, P1_LO);
}

/** mergeRound: (acc ^ round(0, value)) * P1 + P4. */
function merge(accHi: number, accLo: number, valueHi: number, valueLo: number): number {
  const lo = round(0, 0, valueHi, valueLo);
  const product = mul(accHi ^ high, accLo ^ lo, P1_HI, P1_LO);
  return add(high, product, P4_HI, P4_LO);
}

/** Rotation left by 0 < bits < 32 of (hi, lo): returns the low half, the high half in `high`. */
function rotl(hi: number, lo: number, bits: number): number {
  high = (hi << bits) | (lo >>> (32 - bits));
  return (lo << bits) | (hi >>> (32 - bits));
}

function read32(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

export class Xxh64 {
  /** The halves of the last hash, unsigned. */
  hi = 0;
  lo = 0;

  /** XXH64 of bytes[start..end), seed 0; the result is in `hi` and `lo`. */
  hash(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    let at = start;
    let hHi: number;
    let hLo: number;
    if (length >= 32) {
      // Four accumulators over 32-byte stripes: seed + P1 + P2, seed + P2, seed, seed - P1.
      let v1Lo = add(P1_HI, P1_LO, P2_HI, P2_LO);
      let v1Hi = high;
      let v2Hi = P2_HI;
      let v2Lo = P2_LO;
      let v3Hi = 0;
      let v3Lo = 0;
      // 0 - P1, as two's complement halves (P1's low half is not 0: no borrow into the high half's +1).
      let v4Hi = ~P1_HI;
      let v4Lo = -P1_LO | 0;
      for (; at + 32 <= end; at += 32) {
        v1Lo = round(v1Hi, v1Lo, read32(bytes, at + 4), read32(bytes, at));
        v1Hi = high;
        v2Lo = round(v2Hi, v2Lo, read32(bytes, at + 12), read32(bytes, at + 8));
        v2Hi = high;
        v3Lo = round(v3Hi, v3Lo, read32(bytes, at + 20), read32(bytes, at + 16));
        v3Hi = high;
        v4Lo = round(v4Hi, v4Lo, read32(bytes, at + 28), read32(bytes, at + 24));
        v4Hi = high;
      }
      hLo = rotl(v1Hi, v1Lo, 1);
      hHi = high;
      const rotated7Lo = rotl(v2Hi, v2Lo, 7);
      hLo = add(hHi, hLo, high, rotated7Lo);
      hHi = high;
      const rotated12Lo = rotl(v3Hi, v3Lo, 12);
      hLo = add(hHi, hLo, high, rotated12Lo);
      hHi = high;
      const rotated18Lo = rotl(v4Hi, v4Lo, 18);
      hLo = add(hHi, hLo, high, rotated18Lo);
      hHi = high;
      hLo = merge(hHi, hLo, v1Hi, v1Lo);
      hHi = high;
      hLo = merge(hHi, hLo, v2Hi, v2Lo);
      hHi = high;
      hLo = merge(hHi, hLo, v3Hi, v3Lo);
      hHi = high;
      hLo = merge(hHi, hLo, v4Hi, v4Lo);
      hHi = high;
    } else {
      hHi = P5_HI;
      hLo = P5_LO;
    }
    hLo = add(hHi, hLo, 0, length);
    hHi = high;
    for (; at + 8 <= end; at += 8) {
      // h = rotl(h ^ round(0, input), 27) * P1 + P4
      const kLo = round(0, 0, read32(bytes, at + 4), read32(bytes, at));
      hLo = rotl(hHi ^ high, hLo ^ kLo, 27);
      hLo = mul(high, hLo, P1_HI, P1_LO);
      hLo = add(high, hLo, P4_HI, P4_LO);
      hHi = high;
    }
    if (at + 4 <= end) {
      // h = rotl(h ^ (input * P1), 23) * P2 + P3
      const kLo = mul(0, read32(bytes, at), P1_HI, P1_LO);
      hLo = rotl(hHi ^ high, hLo ^ kLo, 23);
      hLo = mul(high, hLo, P2_HI, P2_LO);
      hLo = add(high, hLo, P3_HI, P3_LO);
      hHi = high;
      at += 4;
    }
    for (; at < end; at++) {
      // h = rotl(h ^ (byte * P5), 11) * P1
      const kLo = mul(0, bytes[at]!, P5_HI, P5_LO);
      hLo = rotl(hHi ^ high, hLo ^ kLo, 11);
      hLo = mul(high, hLo, P1_HI, P1_LO);
      hHi = high;
    }
    // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
    hLo ^= hHi >>> 1;
    hLo = mul(hHi, hLo, P2_HI, P2_LO);
    hHi = high;
    hLo ^= (hLo >>> 29) | (hHi << 3);
    hHi ^= hHi >>> 29;
    hLo = mul(hHi, hLo, P3_HI, P3_LO);
    this.hi = high >>> 0;
    this.lo = (hLo ^ high) >>> 0;
  }
}
