// The visited-state store: set semantics, ids in insertion order, parent
// links, and growth that keeps every entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NO_PARENT, StateStore } from '../../src/hash/state-store.js';
import { seededRandom } from '../helpers.js';

describe('state store', () => {
  it('numbers new fingerprints in order and finds them again', () => {
    const store = new StateStore(16);
    assert.equal(store.add(1, 2, NO_PARENT), 0);
    assert.equal(store.add(3, 4, 0), 1);
    assert.equal(store.add(1, 2, 1), -1, 'a known fingerprint answers -(id + 1)');
    assert.equal(store.find(3, 4), 1);
    assert.equal(store.find(4, 3), -1);
    assert.deepEqual(store.fingerprintOf(1), { hi: 3, lo: 4 });
  });

  it('keeps every state and parent through many growths', () => {
    const store = new StateStore(16);
    const random = seededRandom(7);
    const fingerprints: [number, number][] = [];
    const seen = new Set<string>();
    while (fingerprints.length < 200_000) {
      const fp: [number, number] = [(random() * 2 ** 32) >>> 0, (random() * 2 ** 32) >>> 0];
      if (seen.has(fp.join())) continue;
      seen.add(fp.join());
      const parent = fingerprints.length === 0 ? NO_PARENT : fingerprints.length - 1;
      assert.equal(store.add(fp[0], fp[1], parent), fingerprints.length);
      fingerprints.push(fp);
    }
    for (let id = 0; id < fingerprints.length; id += 997) {
      assert.equal(store.find(...fingerprints[id]!), id);
      assert.equal(store.parentOf(id), id === 0 ? NO_PARENT : id - 1);
    }
    assert.deepEqual(store.pathTo(3), [0, 1, 2, 3]);
  });

  it('tells apart fingerprints that differ only in the high half, in the bits its slots keep and in the others', () => {
    // The same low half and high halves with equal top bits: slot tags that agree, through the table's growths.
    const store = new StateStore(16);
    const his: number[] = [];
    for (let k = 0; k < 4096; k++) his.push(((k & 0xff) * 0x01000001 + (k >> 8)) >>> 0);
    his.forEach((hi, id) => assert.equal(store.add(hi, 12345, 0), id));
    his.forEach((hi, id) => {
      assert.equal(store.find(hi, 12345), id);
      assert.equal(store.add(hi, 12345, 0), -(id + 1));
    });
    assert.equal(store.find(0xffffffff, 12345), -1);
    assert.equal(store.find(his[7]!, 12346), -1);
  });

  it('says beforehand how many bytes it will hold for a number of states', () => {
    const store = new StateStore();
    const random = seededRandom(11);
    for (const target of [1, 49_152, 49_153, 65_537, 150_000]) {
      while (store.size < target) store.add((random() * 2 ** 32) >>> 0, (random() * 2 ** 32) >>> 0, 0);
      assert.equal(StateStore.bytesFor(store.size), store.bytes, `${store.size} states`);
    }
  });
});
