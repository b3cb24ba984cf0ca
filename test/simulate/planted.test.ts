// Simulation finds every planted bug of the model's tests, shrinks it to a
// trace that replays, and its minimality search agrees with check's shortest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../../src/spec/step.js';
import { check } from '../../src/check/check.js';
import { counterexampleOf } from '../../src/props/verdict.js';
import type { Model } from '../../src/spec/model.js';
import { replayTrace } from '../../src/trace/replay.js';
import type { PropertyName } from '../../src/props/property.js';
import { itfText, parseItf, traceToItf } from '../../src/trace/itf.js';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import { walksInThread } from '../../src/simulate/walkers.js';
import { AXIOMATIC_MUTANTS } from '../fixtures/axiomatic-mutants.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { contextOf } from '../helpers.js';

const OPTIONS = { seed: 7, walkLength: 200, walks: 400, proofStates: 1_000_000, viewClasses: 100_000, walksPerTask: 4, inFlight: 1 };

/** Simulates in this thread; the minimality search is a check in this thread too. */
export async function simulateInThread(model: Model, properties: readonly PropertyName[], options: Partial<typeof OPTIONS> = {}): Promise<SimulationResult> {
  return simulate(model, await walksInThread(model, properties), (property, limits) => check(model, { properties: [property], limits }), {
    ...OPTIONS,
    ...options,
    properties,
  });
}

/** The shortest counterexample's length, by an exhaustive check. */
async function shortest(model: Model, property: PropertyName): Promise<number> {
  const { verdicts } = await check(model, { properties: [property], limits: { stopOnFirst: true } });
  return counterexampleOf(verdicts[0]!)!.length;
}

function assertReplays(model: Model, result: SimulationResult, property: PropertyName): void {
  const verdict = result.verdicts.find((v) => v.property === property)!;
  assert.equal(verdict.status, 'violated');
  if (verdict.status !== 'violated') return;
  for (const labeled of verdict.counterexample.traces) {
    const itf = parseItf(JSON.parse(itfText(traceToItf(labeled, { source: 'test', description: property }))));
    const replayed = replayTrace(model, itf);
    assert.equal(replayed.failure, undefined, JSON.stringify(replayed.failure));
  }
}

describe('simulation finds the planted bugs', () => {
  for (const mutant of MUTANTS) {
    it(`${mutant.name}: ${mutant.mistake}`, async () => {
      const model: Model = { ctx: contextOf({ virtualAddresses: 1, values: 1, ...mutant.config }), step: mutant.step };
      const property = mutant.caughtBy.split(/[ .]/)[0] as PropertyName;
      const result = await simulateInThread(model, [property]);
      assertReplays(model, result, property);
      const verdict = result.verdicts[0]!;
      assert.ok(verdict.status === 'violated');
      assert.match(verdict.counterexample.detail, new RegExp(`^${property === 'valid' ? 'conjunct' : `clause ${mutant.caughtBy.split(' ')[1]}`}`));
      assert.equal(verdict.minimality.status === 'not-proved', false);
      assert.equal(verdict.counterexample.length, await shortest(model, property));
    });
  }

  for (const mutant of AXIOMATIC_MUTANTS) {
    it(`axiomatic ${mutant.name}: ${mutant.mistake}`, async () => {
      const model: Model = { ctx: contextOf({ virtualAddresses: 1, values: 1 }), step, axiomatic: mutant.spec };
      const result = await simulateInThread(model, ['conformance']);
      assertReplays(model, result, 'conformance');
      const verdict = result.verdicts[0]!;
      assert.ok(verdict.status === 'violated');
      assert.match(verdict.counterexample.detail, new RegExp(`^clause ${mutant.clause}:`));
      assert.equal(verdict.minimality.status === 'not-proved', false);
      assert.equal(verdict.counterexample.length, await shortest(model, 'conformance'));
    });
  }
});
