// Under symmetry reduction the counts keep their meaning: the states and
// transitions the stored orbits stand for are those of the unreduced run,
// and, under the stabiliser of the initial state, so are the levels.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PropertyName } from '../../src/props/property.js';
import type { Limits } from '../../src/engine/engine.js';
import { checkWith, NON_DEFAULT_KNOBS } from '../helpers.js';

const CONFIGURATIONS: Record<string, Record<string, unknown>> = {
  'two untrusted OSes': { virtualAddresses: 1, values: 2 },
  'three untrusted OSes': { oses: [{}, {}, {}], virtualAddresses: 1, machinePages: 3, values: 2, cache: { size: 0 }, tlb: { size: 0 } },
  'three OSes, unequal partitions': { oses: [{}, {}, {}], virtualAddresses: 1, values: 2, machinePages: 5, cache: { size: 0 }, tlb: { size: 0 } },
  'two trusted and one untrusted OS': { oses: [{ trusted: true }, { trusted: true }, {}], virtualAddresses: 1, machinePages: 3, values: 1, cache: { size: 0 }, tlb: { size: 0 } },
  'shared allocation, images of the initial state deep or unreachable': { virtualAddresses: 1, values: 2, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } },
  'observed machine addresses': { virtualAddresses: 1, values: 1, machinePages: 4, observe: { machineAddresses: true } },
  'every knob off': { virtualAddresses: 1, values: 2, hypervisor: NON_DEFAULT_KNOBS },
};

async function compare(config: Record<string, unknown>, properties: PropertyName[], bounds: Limits = {}) {
  // Exhaustive: a violated configuration is counted to its fixpoint too.
  const limits = { ...bounds, exhaustive: true };
  const full = await checkWith(config, properties, { limits });
  const reduced = await checkWith(config, properties, { limits, symmetry: true });
  return { full: full.engine, reduced: reduced.engine, plan: reduced.symmetry };
}

describe('symmetry reduction: states and transitions counted from the orbits', () => {
  for (const [name, config] of Object.entries(CONFIGURATIONS)) {
    it(name, async () => {
      const { full, reduced, plan } = await compare(config, ['valid']);
      assert.equal(plan.applied, true);
      assert.ok(reduced.store.size <= full.store.size);
      assert.equal(reduced.represented!.states, full.store.size);
      assert.equal(reduced.represented!.transitions, full.transitions);
    });
  }

  it('under the stabiliser of the initial state (a depth bound), level by level', async () => {
    let applied = 0;
    for (const config of Object.values(CONFIGURATIONS)) {
      const { full, reduced, plan } = await compare(config, ['valid'], { maxDepth: 6 });
      // One value and no other OS interchangeable with OS 0 (active): only the identity fixes the initial state (two of them).
      if (!plan.applied) continue;
      applied++;
      assert.equal(plan.group!.subgroup, 'stabiliser');
      assert.deepEqual(reduced.represented!.levels, full.levels);
      assert.equal(reduced.represented!.states, full.store.size);
    }
    assert.equal(applied, Object.keys(CONFIGURATIONS).length - 2);
  });
});
