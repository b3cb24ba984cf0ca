// The coordinator's help (src/engine/engine.ts, `Helping`): batches it
// expands itself while an answer is late, and batches it takes back from a
// slow thread at a level's end, leave every count, verdict and counterexample
// as a run that expands each batch in turn.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, type CheckResult, type Expansion } from '../../src/check/check.js';
import { expanderFor } from '../../src/engine/expand.js';
import type { Batch, BatchResult } from '../../src/engine/batch.js';
import { PROPERTY_NAMES, type PropertyName } from '../../src/props/property.js';
import { step } from '../../src/spec/step.js';
import { contextOf, withoutTimings } from '../helpers.js';

const LEAKY = { virtualAddresses: 1, values: 1, machinePages: 3, hypervisor: { flushTlbOnSwitch: false } };
const BATCH_SIZE = 8;

/** What a run decided: counts, levels, coverage, verdicts and their counterexamples. */
function decided(result: CheckResult) {
  const { engine } = result;
  return withoutTimings({
    distinct: engine.store.size,
    levels: engine.levels,
    transitions: engine.transitions,
    coverage: [...engine.coverage],
    findings: [...engine.findings.entries()],
    verdicts: result.verdicts,
  });
}

/**
 * A stand-in for worker threads: each batch handed to it is answered after
 * `delayMs`, at most `slots` at a time. It counts the batches it was given and
 * the coordinator's own.
 */
async function slowThreads(model: Parameters<typeof expanderFor>[0], properties: readonly PropertyName[], slots: number, delayMs: number) {
  const expander = await expanderFor(model, properties);
  const counts = { handed: 0, here: 0, running: 0 };
  const expansion: Expansion = {
    expand: (batch: Batch) => {
      counts.handed++;
      counts.running++;
      return new Promise<BatchResult>((resolve) =>
        setTimeout(() => {
          counts.running--;
          resolve(expander.expand(batch));
        }, delayMs),
      );
    },
    help: {
      expand: (batch) => {
        counts.here++;
        return expander.expand(batch);
      },
      room: () => slots - counts.running,
    },
  };
  return { expansion, counts };
}

describe('the coordinator helps the threads that expand', () => {
  const model = { ctx: contextOf(LEAKY), step };
  const batchesOf = (levels: number[]) => levels.reduce((sum, n) => sum + Math.ceil(n / BATCH_SIZE), 0);

  it('expanding batches itself and taking back late ones gives the results of expanding each in turn', async () => {
    const alone = await check(model, { properties: PROPERTY_NAMES, batchSize: BATCH_SIZE });
    assert.ok(alone.verdicts.some((v) => v.status === 'violated'), 'a configuration with counterexamples');
    const { expansion, counts } = await slowThreads(model, PROPERTY_NAMES, 2, 3);
    const helped = await check(model, { properties: PROPERTY_NAMES, batchSize: BATCH_SIZE, inFlight: 2, expander: async () => expansion });
    assert.deepEqual(decided(helped), decided(alone));
    const batches = batchesOf(alone.engine.levels);
    assert.ok(counts.here > 0 && counts.handed > 0, `both expanded: ${counts.here} here, ${counts.handed} handed out`);
    // A batch taken back is expanded twice: by the coordinator, and by the thread whose answer is dropped.
    assert.ok(counts.here + counts.handed > batches, `some batch taken back: ${counts.here} + ${counts.handed} for ${batches} batches`);
  });

  it('with no room on the threads, the coordinator expands every batch', async () => {
    const { expansion, counts } = await slowThreads(model, ['valid'], 0, 3);
    const helped = await check(model, { properties: ['valid'], batchSize: BATCH_SIZE, expander: async () => expansion });
    assert.equal(counts.handed, 0);
    assert.equal(counts.here, batchesOf(helped.engine.levels));
    assert.deepEqual(decided(helped), decided(await check(model, { properties: ['valid'], batchSize: BATCH_SIZE })));
  });
});
