// Planted bugs: each copy of step with a known mistake fails conformance or
// valid somewhere in its reachable states.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { conformanceOf } from '../../src/props/conformance.js';
import { validityFailures } from '../../src/props/valid.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { contextOf, reachableStates } from '../helpers.js';

describe('planted bugs are caught', () => {
  for (const mutant of MUTANTS) {
    it(`${mutant.name}: ${mutant.mistake}`, () => {
      const ctx = contextOf({ virtualAddresses: 1, values: 1, ...mutant.config });
      let caught: string | null = null;
      for (const s of reachableStates(ctx, 200_000, mutant.step)) {
        const invalid = validityFailures(ctx, s);
        if (invalid.length > 0) caught = `valid.${invalid[0]!.name}`;
        for (const a of alphabetOf(ctx).actions) {
          const failure = conformanceOf(ctx, s, a, mutant.step(ctx, s, a));
          if (failure) caught = `conformance ${failure.clause}`;
          if (caught) break;
        }
        if (caught) break;
      }
      assert.ok(caught, 'the mistake went unnoticed');
    });
  }
});
