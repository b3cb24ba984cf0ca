// A level's states, packed in chunks, come back byte for byte in batches,
// across chunk boundaries and while the level is still growing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LevelBuffer } from '../../src/engine/level-buffer.js';
import { seededRandom } from '../helpers.js';

describe('level buffer', () => {
  it('gives back every state byte for byte, sliced while it grows, and lets go of sliced chunks', () => {
    const random = seededRandom(7);
    const states: Uint8Array[] = [];
    const level = new LevelBuffer();
    const source = new Uint8Array(200);
    let sliced = 0;
    let peak = 0;
    // About 3 MB of states: several chunks.
    for (let k = 0; k < 60_000; k++) {
      const length = 1 + Math.floor(random() * 100);
      const at = Math.floor(random() * 100);
      for (let i = 0; i < length; i++) source[at + i] = Math.floor(random() * 256);
      states.push(source.slice(at, at + length));
      level.push(source, at, at + length);
      if (level.count - sliced >= 1000) {
        const { bytes, offsets } = level.slice(sliced, sliced + 1000);
        for (let j = 0; j < 1000; j++) assert.deepEqual(bytes.subarray(offsets[j], offsets[j + 1]), states[sliced + j]);
        sliced += 1000;
      }
      peak = Math.max(peak, level.bytes);
    }
    assert.equal(sliced, 60_000);
    assert.ok(peak < 3 * 2 ** 20, `held at most ${peak} bytes while about 3 MB went through`);
  });

  it('refuses a slice out of order', () => {
    const level = new LevelBuffer();
    for (let k = 0; k < 10; k++) level.push(new Uint8Array([k]), 0, 1);
    level.slice(0, 5);
    assert.throws(() => level.slice(0, 5), /out of order/);
    assert.deepEqual([...level.slice(5, 10).bytes], [5, 6, 7, 8, 9]);
  });
});
