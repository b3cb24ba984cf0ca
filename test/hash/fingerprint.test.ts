// Fingerprints: the two halves are those of the 64-bit xxh64 of the bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import xxhash from 'xxhash-wasm';
import { createFingerprinter } from '../../src/hash/fingerprint.js';

describe('fingerprints', () => {
  it('splits xxh64 into its unsigned high and low 32 bits', async () => {
    const { h64Raw } = await xxhash();
    const fp = await createFingerprinter();
    let highBitSet = 0;
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: n % 50 }, (_, i) => (n * 37 + i * 11) & 0xff);
      const whole = h64Raw(bytes);
      fp.hash(bytes);
      assert.equal(fp.hi, Number(whole / 2n ** 32n), `high half of ${n}`);
      assert.equal(fp.lo, Number(whole % 2n ** 32n), `low half of ${n}`);
      if (fp.hi >= 2 ** 31) highBitSet++;
    }
    // Halves of 2^31 and more must stay unsigned.
    assert.ok(highBitSet > 0);
  });
});
