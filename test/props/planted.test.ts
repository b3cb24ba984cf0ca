// Planted bugs: each copy of step with a known mistake fails conformance or
// valid somewhere in its reachable states; each variant of the axiomatic
// specification with a known mistake makes the checker report the real step.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { conformanceOf } from '../../src/props/conformance.js';
import { validityFailures } from '../../src/props/valid.js';
import { step } from '../../src/spec/step.js';
import { AXIOMATIC } from '../../src/spec/axiomatic.js';
import { check } from '../../src/check/check.js';
import { modelOf, type Model } from '../../src/spec/model.js';
import { replayTrace } from '../../src/trace/replay.js';
import { itfText, parseItf, traceToItf } from '../../src/trace/itf.js';
import { AXIOMATIC_MUTANTS } from '../fixtures/axiomatic-mutants.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { configOf, contextOf, reachableStates, statesByDepth, counterexampleIn } from '../helpers.js';

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
      assert.equal(caught, mutant.caughtBy, 'the mistake went unnoticed, or was caught by something else');
    });
  }
});

describe('planted bugs in the axiomatic specification are caught by the checker', () => {
  it('the axiomatic specification itself, given the same way, holds', async () => {
    const { verdicts } = await check({ ctx: contextOf({ virtualAddresses: 1, values: 1 }), step, axiomatic: AXIOMATIC }, { properties: ['conformance'] });
    assert.equal(verdicts[0]!.status, 'holds');
  });

  for (const mutant of AXIOMATIC_MUTANTS) {
    it(`${mutant.name}: ${mutant.mistake}`, async () => {
      const config = { virtualAddresses: 1, values: 1 };
      const ctx = contextOf(config);
      // The real step's model: the engine tries its enabled actions only, and judges the disabled in one call per state.
      const model: Model = modelOf(configOf(config), { axiomatic: mutant.spec });
      assert.ok(model.enabledActions);
      const { verdicts } = await check(model, { properties: ['conformance'] });
      const verdict = verdicts.find((v) => v.property === 'conformance')!;
      assert.equal(verdict.status, 'violated');
      const counterexample = counterexampleIn(verdict);
      assert.match(counterexample.detail, new RegExp(`^clause ${mutant.clause}:`));
      // As short as the shortest violation found by brute force.
      let shortest = Infinity;
      for (const { state, depth } of statesByDepth(ctx)) {
        if (depth + 1 < shortest && alphabetOf(ctx).actions.some((a) => conformanceOf(ctx, state, a, step(ctx, state, a), mutant.spec) !== null)) {
          shortest = depth + 1;
        }
      }
      assert.equal(counterexample.length, shortest);
      // The trace is one of the real step, so it replays, written as ITF and read back.
      const trace = counterexample.traces[0]!.trace;
      const itf = parseItf(JSON.parse(itfText(traceToItf({ trace }, { source: 'test', description: mutant.name }))));
      const replayed = replayTrace(model, itf);
      assert.equal(replayed.failure, undefined, JSON.stringify(replayed.failure));
    });
  }
});
