// Counterexamples: the checker reports planted bugs and broken designs with
// traces that replay, and no shorter trace reaches a violation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import type { StepFunction } from '../../src/spec/response.js';
import { step } from '../../src/spec/step.js';
import { conformanceOf } from '../../src/props/conformance.js';
import { validityFailures } from '../../src/props/valid.js';
import { replayTrace } from '../../src/trace/replay.js';
import { parseItf, itfText, traceToItf } from '../../src/trace/itf.js';
import type { Context } from '../../src/state/context.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { checkWith, contextOf, statesByDepth, counterexampleIn } from '../helpers.js';

/** The length of the shortest violation of valid and of conformance, by brute force. */
function shortestViolations(ctx: Context, stepFn: StepFunction): { valid: number; conformance: number } {
  let valid = Infinity;
  let conformance = Infinity;
  for (const { state, depth } of statesByDepth(ctx, stepFn)) {
    if (depth < valid && validityFailures(ctx, state).length > 0) valid = depth;
    if (depth + 1 < conformance && alphabetOf(ctx).actions.some((a) => conformanceOf(ctx, state, a, stepFn(ctx, state, a)) !== null)) {
      conformance = depth + 1;
    }
  }
  return { valid, conformance };
}

const broken: { name: string; config: Record<string, unknown>; step: StepFunction }[] = [
  ...MUTANTS.map((m) => ({ name: `planted bug ${m.name}`, config: { virtualAddresses: 1, values: 1, ...m.config }, step: m.step })),
  { name: 'design flushTlbOnSwitch: false', config: { virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } }, step },
  { name: 'design invalidateOnUnmap: false', config: { virtualAddresses: 1, values: 1, hypervisor: { invalidateOnUnmap: false } }, step },
];

describe('counterexamples are shortest and replay', () => {
  for (const { name, config, step: stepFn } of broken) {
    it(name, async () => {
      const { model, verdicts } = await checkWith(config, ['valid', 'conformance'], { step: stepFn });
      const expected = shortestViolations(contextOf(config), stepFn);
      let reported = 0;
      for (const verdict of verdicts) {
        const shortest = expected[verdict.property as 'valid' | 'conformance'];
        if (shortest === Infinity) {
          assert.equal(verdict.status, 'holds', `${verdict.property} should hold`);
          continue;
        }
        reported++;
        assert.equal(verdict.status, 'violated', `${verdict.property} should be violated`);
        const c = counterexampleIn(verdict);
        assert.equal(c.length, shortest, `${verdict.property}: reported ${c.length} steps, the shortest is ${shortest}`);
        const trace = c.traces[0]!.trace;
        // Written as ITF and read back, the trace replays under the same model.
        const itf = parseItf(JSON.parse(itfText(traceToItf({ trace }, { source: 'test', description: name }))));
        const replayed = replayTrace(model, itf);
        assert.equal(replayed.failure, undefined, JSON.stringify(replayed.failure));
        assert.equal(replayed.steps.length, trace.steps.length);
      }
      assert.ok(reported > 0, 'nothing was violated');
    });
  }
});

describe('a counterexample of the real step does not replay under another design', () => {
  it('a TLB leak trace stops replaying where the flush happens', async () => {
    const config = { virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } };
    const { verdicts } = await checkWith(config, ['valid']);
    const trace = counterexampleIn(verdicts[0]!).traces[0]!.trace;
    const itf = parseItf(JSON.parse(itfText(traceToItf({ trace }, { source: 'test', description: 'leak' }))));
    const replayed = replayTrace({ ctx: contextOf({ virtualAddresses: 1, values: 1 }), step }, itf);
    assert.equal(replayed.failure?.index, trace.steps.length);
    assert.match(replayed.failure!.problem, /differs from the trace in tlb/);
  });
});
