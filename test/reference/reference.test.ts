// The executable specification and the independent reference implementation
// reach the same number of states and transitions, to the same depth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import { contextOf, reachableStates } from '../helpers.js';
import { exploreReference } from './model.js';

const CROSS_CHECKED: Record<string, Record<string, unknown>> = {
  'one trusted OS, reserved address': { oses: [{ trusted: true }], virtualAddresses: 2, reservedVirtualAddresses: 1, machinePages: 2 },
  'trusted and untrusted': { oses: [{ trusted: true }, {}], virtualAddresses: 2, reservedVirtualAddresses: 1, machinePages: 3 },
  'shared allocation without scrubbing': { oses: [{}, {}], virtualAddresses: 1, values: 1, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } },
  'FIFO, no flushes': {
    oses: [{}, {}],
    virtualAddresses: 1,
    values: 1,
    cache: { size: 1, policy: 'fifo' },
    tlb: { size: 2, policy: 'fifo' },
    hypervisor: { flushCacheOnSwitch: false, flushTlbOnSwitch: false, invalidateOnUnmap: false },
  },
};

describe('cross-check against the reference implementation', () => {
  for (const [name, partial] of Object.entries(CROSS_CHECKED)) {
    it(name, () => {
      const config = { oses: [{}, {}], ...partial };
      const ctx = contextOf(config);
      const states = reachableStates(ctx);
      let transitions = 0;
      for (const s of states) for (const a of alphabetOf(ctx).actions) if (step(ctx, s, a)) transitions++;
      const reference = exploreReference(config);
      assert.deepEqual({ distinct: states.length, transitions }, { distinct: reference.distinct, transitions: reference.transitions });
    });
  }
});
