// The executable specification's enabled actions, found once per control
// (activity, pending hypercall, OSes present), against `step` itself on every
// reachable state: the engine tries only these, so a miss would lose states.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { enabledActionsOf } from '../../src/spec/enabled.js';
import { modelOf } from '../../src/spec/model.js';
import { step } from '../../src/spec/step.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { configOf, contextOf, NON_DEFAULT_KNOBS, reachableStates } from '../helpers.js';

const CONFIGS: Record<string, Record<string, unknown>> = {
  default: { virtualAddresses: 1 },
  'a trusted OS': { oses: [{ trusted: true }, {}], virtualAddresses: 1 },
  'every non-default knob': { virtualAddresses: 1, hypervisor: NON_DEFAULT_KNOBS },
  'three OSes': { oses: [{}, {}, {}], virtualAddresses: 1, machinePages: 6, values: 1 },
};

describe('enabled actions', () => {
  for (const [name, partial] of Object.entries(CONFIGS)) {
    it(`are exactly those step enables, in every reachable state (${name})`, () => {
      const ctx = contextOf(partial);
      const { actions } = alphabetOf(ctx);
      const enabledIn = enabledActionsOf(ctx);
      const states = reachableStates(ctx);
      assert.ok(states.length > 100, `only ${states.length} states`);
      for (const s of states) {
        const { indices, mask } = enabledIn(s);
        const expected = actions.flatMap((a, i) => (step(ctx, s, a) === null ? [] : [i]));
        assert.deepEqual([...indices], expected);
        assert.deepEqual([...mask], actions.map((_, i) => (expected.includes(i) ? 1 : 0)));
      }
    });
  }

  it('are known for the real step only: a planted-bug step is tried on every action', () => {
    assert.ok(modelOf(configOf()).enabledActions);
    assert.ok(modelOf(configOf(), { step }).enabledActions);
    for (const mutant of MUTANTS) assert.equal(modelOf(configOf(), { step: mutant.step }).enabledActions, undefined, mutant.name);
  });
});
