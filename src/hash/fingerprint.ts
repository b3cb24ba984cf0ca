// 64-bit state fingerprints: xxh64 of the canonical bytes, kept as two 32-bit
// halves so that no BigInt survives the hot path.
import xxhash from 'xxhash-wasm';

export interface Fingerprinter {
  /** Fingerprints `bytes`; the halves are then in `hi` and `lo`. */
  hash(bytes: Uint8Array): void;
  /** Fingerprints the UTF-8 bytes of `text`, likewise. */
  hashText(text: string): void;
  hi: number;
  lo: number;
}

let api: Awaited<ReturnType<typeof xxhash>> | undefined;

/** The hasher is WebAssembly, instantiated once per thread. */
export async function createFingerprinter(): Promise<Fingerprinter> {
  api ??= await xxhash();
  const { h64Raw, h64 } = api;
  const fp: Fingerprinter = {
    hi: 0,
    lo: 0,
    hash(bytes) {
      split(h64Raw(bytes));
    },
    hashText(text) {
      split(h64(text));
    },
  };
  const split = (value: bigint) => {
    fp.hi = Number(value >> 32n);
    fp.lo = Number(BigInt.asUintN(32, value));
  };
  return fp;
}

/** A fingerprint as 16 hexadecimal digits (for reports and tests). */
export function formatFingerprint(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
