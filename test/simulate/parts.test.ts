// The parts of a simulation: the minimality search's three answers, the
// distinct-state estimate, shrinking's loop removal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/check/check.js';
import type { Model } from '../../src/spec/model.js';
import { step } from '../../src/spec/step.js';
import { StateCodec } from '../../src/state/encoding.js';
import { DistinctEstimate, DISTINCT_ERROR } from '../../src/simulate/distinct.js';
import { proveMinimal, type BoundedCheck } from '../../src/simulate/minimality.js';
import { replayActions } from '../../src/simulate/oracle.js';
import { withoutLoops } from '../../src/simulate/shrink.js';
import { walkActions } from '../../src/simulate/walk.js';
import { contextOf } from '../helpers.js';

const leaky: Model = { ctx: contextOf({ virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } }), step };
const bfs: BoundedCheck = (property, limits) => check(leaky, { properties: [property], limits });

describe('minimality search', () => {
  it('proves a counterexample of the shortest length minimal', async () => {
    const m = await proveMinimal(bfs, 'valid', 10, 1_000_000);
    assert.equal(m.status, 'proved');
    assert.equal(m.depth, 9);
  });

  it('finds the shortest when the shrunk one is longer', async () => {
    const m = await proveMinimal(bfs, 'transparency', 12, 1_000_000);
    assert.equal(m.status, 'shorter');
    assert.equal(m.status === 'shorter' && m.counterexample.length, 8);
  });

  it('says "not proved" when its state budget cuts the search', async () => {
    const m = await proveMinimal(bfs, 'valid', 10, 50);
    assert.equal(m.status, 'not-proved');
    assert.ok(m.depth < 9);
    assert.match(m.status === 'not-proved' ? m.reason : '', /stopped \(max-states\)/);
  });
});

describe('distinct-state estimate', () => {
  it('is within four standard errors of the true count', () => {
    for (const count of [100, 5_000, 200_000]) {
      const estimate = new DistinctEstimate();
      const words = new Uint32Array(2 * count);
      // Distinct pseudo-random fingerprints, each added twice: duplicates do not count.
      let x = 12345;
      for (let k = 0; k < words.length; k++) words[k] = x = (Math.imul(x, 1103515245) + 12345 + k) >>> 0;
      estimate.addAll(words);
      estimate.addAll(words);
      assert.ok(Math.abs(estimate.value - count) <= 4 * DISTINCT_ERROR * count + 2, `${estimate.value} for ${count}`);
    }
  });
});

describe('loop removal', () => {
  it('cuts every stretch that comes back to a state, and the trace still ends in the same state', () => {
    // A random walk comes back to states it saw (errors leave the state as it is).
    const seq = walkActions(leaky, 1, 0, 30);
    const cut = withoutLoops(leaky, seq);
    assert.ok(cut.length < seq.length);
    const codec = new StateCodec(leaky.ctx);
    const keys = (actions: readonly number[]) => {
      const trace = replayActions(leaky, actions)!;
      return [trace.initial, ...trace.steps.map((st) => st.state)].map((st) => Buffer.from(codec.encode(st)).toString('hex'));
    };
    assert.equal(keys(cut).at(-1), keys(seq).at(-1));
    assert.equal(new Set(keys(cut)).size, cut.length + 1);
  });
});
