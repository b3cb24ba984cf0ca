// 64-bit state fingerprints: xxh64 of the canonical bytes, kept as two 32-bit
// halves so that no BigInt is made on the hot path (src/hash/xxh64.ts).
import { Xxh64 } from './xxh64.js';

export interface Fingerprinter {
  /** Fingerprints bytes[start..end) (all of `bytes` by default); the halves are then in `hi` and `lo`. */
  hash(bytes: Uint8Array, start?: number, end?: number): void;
  hi: number;
  lo: number;
}

/** A fingerprinter of its own for each caller (it holds the last result). */
export async function createFingerprinter(): Promise<Fingerprinter> {
  const hasher = new Xxh64();
  const fp: Fingerprinter = {
    hi: 0,
    lo: 0,
    hash(bytes, start = 0, end = bytes.length) {
      hasher.hash(bytes, start, end);
      fp.hi = hasher.hi;
      fp.lo = hasher.lo;
    },
  };
  return fp;
}
