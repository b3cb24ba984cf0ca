// The canonical encoding: decoding gives the state back, and distinct states
// give distinct bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { is, Set as ISet } from 'immutable';
import type { Context } from '../../src/state/context.js';
import { initialState } from '../../src/state/initial.js';
import type { State } from '../../src/state/records.js';
import { StateCodec, maxEncodedSize } from '../../src/state/encoding.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import { contextOf } from '../helpers.js';

/** Reachable states told apart by value equality alone, without the codec. */
function reachableByValue(ctx: Context): State[] {
  const states = [initialState(ctx)];
  let seen = ISet(states);
  for (let i = 0; i < states.length; i++) {
    for (const a of alphabetOf(ctx).actions) {
      const next = step(ctx, states[i]!, a)?.state;
      if (next && !seen.has(next)) {
        seen = seen.add(next);
        states.push(next);
      }
    }
  }
  return states;
}

const configurations = {
  default: {},
  'reserved addresses, trusted OS, buffers of two': {
    oses: [{ trusted: true }, {}],
    virtualAddresses: 3,
    reservedVirtualAddresses: 1,
    machinePages: 3,
    cache: { size: 2 },
    tlb: { size: 2, policy: 'fifo' },
  },
};

describe('canonical encoding', () => {
  for (const [name, config] of Object.entries(configurations)) {
    it(`round-trips every reachable state, injectively (${name})`, () => {
      const ctx = contextOf(config);
      const codec = new StateCodec(ctx);
      const byKey = new Map<string, number>();
      const states = reachableByValue(ctx);
      states.forEach((s, i) => {
        const bytes = codec.encode(s);
        assert.ok(bytes.length <= maxEncodedSize(ctx));
        const back = codec.decode(bytes);
        assert.ok(is(back, s), `state ${i} does not round-trip`);
        assert.deepEqual(codec.encode(back), bytes);
        const key = Buffer.from(bytes).toString('latin1');
        assert.equal(byKey.get(key), undefined, `states ${byKey.get(key)} and ${i} share an encoding`);
        byKey.set(key, i);
      });
    });
  }

  it('decodes equal pages of different memories to one object', () => {
    // Decoded memories are held by the codec's intern table for the rest of a
    // run; sharing their pages is what keeps each entry small.
    const ctx = contextOf(configurations['reserved addresses, trusted OS, buffers of two']);
    const codec = new StateCodec(ctx);
    const pages = new Map<string, object>();
    let memories = 0;
    let shared = 0;
    for (const s of reachableByValue(ctx)) {
      const memory = codec.decode(codec.encode(s)).memory;
      memories++;
      memory.forEach((page) => {
        const key = JSON.stringify(page);
        const known = pages.get(key);
        if (known === undefined) pages.set(key, page);
        else {
          assert.equal(page, known, `two decodings of page ${key} are distinct objects`);
          shared++;
        }
      });
    }
    assert.ok(memories > 100 && shared > pages.size, `${memories} memories, ${pages.size} distinct pages`);
  });
});

