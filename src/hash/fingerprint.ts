// 64-bit state fingerprints: xxh64 of the canonical bytes, kept as two 32-bit
// halves so that no BigInt survives the hot path.
import xxhash from 'xxhash-wasm';

export interface Fingerprinter {
  /** Fingerprints `bytes`; the halves are then in `hi` and `lo`. */
  hash(bytes: Uint8Array): void;
  hi: number;
  lo: number;
}

let api: Awaited<ReturnType<typeof xxhash>> | undefined;

/** The hasher is WebAssembly, instantiated once per thread. */
export async function createFingerprinter(): Promise<Fingerprinter> {
  api ??= await xxhash();
  const { h64Raw } = api;
  const fp: Fingerprinter = {
    hi: 0,
    lo: 0,
    hash(bytes) {
      split(h64Raw(bytes));
    },
  };
  const split = (value: bigint) => {
    fp.hi = Number(value >> 32n);
    fp.lo = Number(BigInt.asUintN(32, value));
  };
  return fp;
}
