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
  // Through a typed-array view rather than BigInt shifts, which allocate.
  const whole = new BigUint64Array(1);
  const halves = new Uint32Array(whole.buffer);
  const split = (value: bigint) => {
    whole[0] = value;
    fp.hi = halves[HI]!;
    fp.lo = halves[LO]!;
  };
  return fp;
}

/** Where the high and the low half of a 64-bit word lie in this machine's byte order. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;
