// What stops a check from outside (Ctrl-C, the memory limit, a failing
// expander) leaves an honest partial result, and an analysis that runs after
// exploration yields to the event loop, so that a stop asked for meanwhile is
// honoured before it ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/check/check.js';
import { step } from '../../src/spec/step.js';
import { outcomeOf } from '../../src/report/result.js';
import { contextOf } from '../helpers.js';

const STARVING = { virtualAddresses: 1, values: 1, physicalAddresses: 2, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } };

describe('stopping a check from outside', () => {
  it('a stop asked for while availability is analysed (seen only if the analysis yields) leaves it inconclusive, never holds', async () => {
    const model = { ctx: contextOf(STARVING), step };
    let stop = false;
    const phases: string[] = [];
    const result = await check(model, {
      properties: ['valid', 'availability'],
      interrupted: () => stop,
      // Set from the event loop: only an analysis that yields to it can see it.
      onPhase: (phase) => {
        phases.push(phase);
        if (phase === 'analysing availability') setImmediate(() => (stop = true));
      },
    });
    assert.deepEqual(phases, ['exploring', 'analysing availability']);
    assert.equal(result.engine.complete, true);
    const [valid, availability] = result.verdicts;
    assert.equal(valid!.status, 'holds', 'exploration was complete: safety verdicts stand');
    assert.equal(availability!.status, 'inconclusive');
    assert.ok(availability!.parts!.every((p) => p.status === 'inconclusive'));
    assert.deepEqual(outcomeOf(result), { complete: false, stoppedBy: 'interrupted', stoppedIn: 'analysing availability' });
    // Not stopped, the same analysis finds the violation.
    const full = await check(model, { properties: ['availability'] });
    assert.equal(full.verdicts[0]!.status, 'violated');
  });

  it('the memory limit stops exploration like a limit, with the states so far', async () => {
    const model = { ctx: contextOf(STARVING), step };
    let polls = 0;
    const result = await check(model, { properties: ['valid'], batchSize: 8, overMemory: () => ++polls >= 3 });
    assert.deepEqual([result.engine.complete, result.engine.stoppedBy], [false, 'memory-limit']);
    assert.equal(result.verdicts[0]!.status, 'inconclusive');
    assert.ok(result.engine.store.size > 1);
  });

  it('a failing expander ends the run with its error and the states consumed before it', async () => {
    const model = { ctx: contextOf(STARVING), step };
    let calls = 0;
    const inline = await import('../../src/engine/expand.js').then((m) => m.expanderFor(model, ['valid'], {}));
    const result = await check(model, {
      properties: ['valid'],
      batchSize: 8,
      expander: async () => ({
        expand: async (batch) => {
          if (++calls === 5) throw new Error('planted expander failure');
          return inline.expand(batch);
        },
      }),
    });
    assert.deepEqual([result.engine.complete, result.engine.stoppedBy], [false, 'failure']);
    assert.match((result.engine.failure as Error).message, /planted expander failure/);
    assert.ok(result.engine.store.size > 1);
    assert.equal(result.verdicts[0]!.status, 'inconclusive');
  });
});
