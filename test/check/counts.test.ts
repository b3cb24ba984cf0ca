// Exact state counts: the checker explores exactly the reachable states of
// MODEL.md's transition system, as the independent reference implementation
// enumerates them (distinct states, transitions, depth).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exploreReference } from '../reference/model.js';
import { checkWith } from '../helpers.js';

const configurations: Record<string, Record<string, unknown>> = {
  default: { oses: [{}, {}] },
  'trusted and untrusted, reserved address': { oses: [{ trusted: true }, {}], virtualAddresses: 2, reservedVirtualAddresses: 1, machinePages: 3 },
  'one OS, FIFO cache of two, no TLB': { oses: [{}], virtualAddresses: 2, physicalAddresses: 2, machinePages: 2, cache: { size: 2, policy: 'fifo' }, tlb: { size: 0 } },
  'three OSes, one value': { oses: [{}, {}, { trusted: true }], virtualAddresses: 1, values: 1, physicalAddresses: 2, machinePages: 3 },
  'shared allocation, no scrubbing, no flushes': {
    oses: [{}, {}],
    virtualAddresses: 1,
    values: 1,
    machinePages: 3,
    hypervisor: { allocation: 'shared', scrubFreedPages: false, flushCacheOnSwitch: false, flushTlbOnSwitch: false },
  },
};

describe('state counts agree with the reference implementation', () => {
  for (const [name, config] of Object.entries(configurations)) {
    it(name, async () => {
      const { engine } = await checkWith(config, ['valid']);
      const reference = exploreReference(config);
      assert.equal(engine.complete, true);
      assert.deepEqual(
        { distinct: engine.store.size, transitions: engine.transitions, depth: engine.levels.length - 1 },
        reference,
      );
      assert.equal(engine.levels.reduce((a, b) => a + b, 0), engine.store.size);
    });
  }
});
