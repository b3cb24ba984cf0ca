// Conformance and valid hold along seeded pseudo-random walks from the initial
// state of several configurations (reproducible: the seed is in the test name).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatAction } from '../../src/state/actions.js';
import { initialState } from '../../src/state/initial.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import { conformanceOf } from '../../src/props/conformance.js';
import { validityFailures } from '../../src/props/valid.js';
import { contextOf, NON_DEFAULT_KNOBS, seededRandom } from '../helpers.js';

const configurations: Record<string, Record<string, unknown>> = {
  default: {},
  'trusted and untrusted, reserved addresses': {
    oses: [{ trusted: true }, { trusted: false }],
    virtualAddresses: 3,
    reservedVirtualAddresses: 1,
    physicalAddresses: 3,
    machinePages: 6,
  },
  'three OSes, FIFO buffers of two': {
    oses: [{}, {}, { trusted: true }],
    virtualAddresses: 3,
    physicalAddresses: 3,
    machinePages: 7,
    values: 3,
    cache: { size: 2, policy: 'fifo' },
    tlb: { size: 2, policy: 'fifo' },
  },
  'shared allocation without scrubbing': {
    physicalAddresses: 3,
    machinePages: 5,
    hypervisor: { allocation: 'shared', scrubFreedPages: false },
  },
  'no flushes, no invalidation': {
    oses: [{ trusted: true }, {}],
    physicalAddresses: 3,
    machinePages: 6,
    cache: { size: 2 },
    tlb: { size: 2 },
    hypervisor: NON_DEFAULT_KNOBS,
  },
};

/** Knob combinations that break valid states on purpose; conformance must still hold. */
const breaksValid = new Set(['no flushes, no invalidation']);

describe('conformance and valid along random walks', () => {
  for (const [name, config] of Object.entries(configurations)) {
    const seed = 0x5eed + name.length;
    it(`${name} (seed ${seed}, 40 walks of 60 steps)`, () => {
      const ctx = contextOf(config);
      const actions = alphabetOf(ctx).actions;
      const random = seededRandom(seed);
      let errors = 0;
      for (let walk = 0; walk < 40; walk++) {
        let s = initialState(ctx);
        for (let depth = 0; depth < 60; depth++) {
          if (!breaksValid.has(name)) assert.deepEqual(validityFailures(ctx, s), [], `walk ${walk} step ${depth}`);
          const enabled = [];
          for (const a of actions) {
            const outcome = step(ctx, s, a);
            const failure = conformanceOf(ctx, s, a, outcome);
            assert.equal(failure, null, `walk ${walk} step ${depth}: ${formatAction(a)}: ${JSON.stringify(failure)}`);
            if (outcome) enabled.push(outcome);
            if (outcome?.response.kind === 'err') errors++;
          }
          s = enabled[Math.floor(random() * enabled.length)]!.state;
        }
      }
      // The walks reach the error paths, not only the always-enabled actions.
      assert.ok(errors > 0, 'no action answered an error');
    });
  }
});
