// The order that sorts 64-bit fingerprints (hi, lo halves, unsigned): a
// least-significant-digit radix sort on 16-bit digits, linear in the count,
// which a comparison sort of an index array is not.
const DIGIT = 16;
const BUCKETS = 1 << DIGIT;

/** Indices 0..n-1 ordered by (hi[i], lo[i]); equal fingerprints keep their order. */
export function fingerprintOrder(hi: Uint32Array, lo: Uint32Array, n: number): Uint32Array {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let into = new Uint32Array(n);
  const starts = new Uint32Array(BUCKETS);
  for (const [key, shift] of [
    [lo, 0],
    [lo, DIGIT],
    [hi, 0],
    [hi, DIGIT],
  ] as const) {
    starts.fill(0);
    for (let i = 0; i < n; i++) starts[(key[order[i]!]! >>> shift) & (BUCKETS - 1)]++;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = starts[d]!;
      starts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const o = order[i]!;
      into[starts[(key[o]! >>> shift) & (BUCKETS - 1)]++] = o;
    }
    [order, into] = [into, order];
  }
  return order;
}
