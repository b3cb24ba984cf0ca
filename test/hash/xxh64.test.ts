// The JavaScript XXH64 gives the xxhash-wasm library's values (the
// fingerprints every stored state, checkpoint and spilled run was made with)
// on every path of the algorithm: short inputs, the tails of 8, 4 and 1
// bytes, and inputs of one or more 32-byte stripes, at any offset.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import xxhash from 'xxhash-wasm';
import { Xxh64 } from '../../src/hash/xxh64.js';
import { createFingerprinter } from '../../src/hash/fingerprint.js';
import { seededRandom } from '../helpers.js';

describe('xxh64', () => {
  it('equals the library on every length up to 200 bytes, at several offsets', async () => {
    const { h64Raw } = await xxhash();
    const random = seededRandom(11);
    const hasher = new Xxh64();
    for (let length = 0; length <= 200; length++) {
      for (const offset of [0, 1, 3, 8]) {
        const buffer = new Uint8Array(offset + length + 2);
        for (let i = 0; i < buffer.length; i++) buffer[i] = Math.floor(random() * 256);
        hasher.hash(buffer, offset, offset + length);
        const expected = h64Raw(buffer.subarray(offset, offset + length));
        assert.equal((BigInt(hasher.hi) << 32n) | BigInt(hasher.lo), expected, `length ${length} at offset ${offset}`);
      }
    }
  });

  it('gives unsigned halves, and the fingerprinter hashes all of an array by default', async () => {
    const fp = await createFingerprinter();
    const bytes = Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 255, 0);
    fp.hash(bytes);
    const whole = [fp.hi, fp.lo];
    fp.hash(Uint8Array.of(7, ...bytes, 7), 1, bytes.length + 1);
    assert.deepEqual([fp.hi, fp.lo], whole);
    assert.ok(whole.every((half) => Number.isInteger(half) && half >= 0 && half < 2 ** 32));
  });
});
