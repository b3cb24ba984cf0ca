// Cache and TLB replacement: LRU moves a hit to the end, FIFO does not; a fill
// into a full sequence evicts its first entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { List } from 'immutable';
import { entry, type Entry } from '../../src/state/records.js';
import { fill, findVa, touch } from '../../src/spec/replacement.js';
import { contextOf, run, take } from '../helpers.js';

const seq = (...vas: number[]) => List(vas.map((va) => entry(va, va)));
const vas = (entries: List<Entry>) => entries.map((e) => e.va).toArray();

describe('replacement order', () => {
  it('LRU moves a hit to the end; FIFO leaves the order', () => {
    assert.deepEqual(vas(touch(seq(0, 1, 2), findVa(seq(0, 1, 2), 0), 'lru')), [1, 2, 0]);
    assert.deepEqual(vas(touch(seq(0, 1, 2), 0, 'fifo')), [0, 1, 2]);
  });

  it('a fill appends, evicting the first entry when full; size 0 disables', () => {
    assert.deepEqual(vas(fill(seq(0), entry(1, 1), 2)), [0, 1]);
    assert.deepEqual(vas(fill(seq(0, 1), entry(2, 2), 2)), [1, 2]);
    assert.deepEqual(vas(fill(seq(), entry(2, 2), 0)), []);
  });

  for (const policy of ['lru', 'fifo'] as const) {
    it(`a ${policy} cache of two entries evicts the ${policy === 'lru' ? 'least recently used' : 'first filled'} line`, () => {
      const ctx = contextOf({
        oses: [{ trusted: true }, { trusted: false }],
        virtualAddresses: 3,
        physicalAddresses: 3,
        machinePages: 8,
        cache: { size: 2, policy },
        tlb: { size: 0 },
      });
      const s = run(ctx, ['chmod', 'pin(1, rw)', 'pin(2, rw)', 'new(0, 1)', 'new(1, 2)', 'new(2, 1)', 'read(0)', 'read(1)', 'read(0)', 'read(2)']);
      assert.deepEqual(vas(s.cache), policy === 'lru' ? [0, 2] : [1, 2]);
      assert.equal(take(ctx, s, 'read(0)').response.kind, 'value');
    });
  }
});
