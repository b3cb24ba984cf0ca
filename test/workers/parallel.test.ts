// Worker threads: the same results for any number of threads, and a clear
// failure when a thread throws or dies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, type CheckResult } from '../../src/explore/check.js';
import type { Limits } from '../../src/explore/engine.js';
import type { Model } from '../../src/explore/model.js';
import { PROPERTY_NAMES } from '../../src/props/property.js';
import { counterexampleFiles } from '../../src/report/counterexample-files.js';
import { resultJson, type ResultJson } from '../../src/report/result.js';
import { checkOnWorkers } from '../../src/workers/parallel-check.js';
import { loadModel, REAL_STEP, type ModelSource, type StepReference } from '../../src/workers/model-source.js';
import { WorkerFailure } from '../../src/workers/pool.js';
import { failingStep } from '../fixtures/failing-steps.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { contextOf, withoutTimings } from '../helpers.js';

const SMALL = { virtualAddresses: 1, values: 1, machinePages: 3 };
const PROPERTIES = PROPERTY_NAMES;
// Small batches, so that a level spans several batches that finish out of order.
const BATCH_SIZE = 8;

function sourceOf(config: Record<string, unknown>, step: StepReference = REAL_STEP): ModelSource {
  return { config: contextOf(config).config, step };
}

/** The result JSON and counterexample files, without what legitimately differs between runs (times, memory, the run's parameters). */
function comparable(model: Model, result: CheckResult, limits: Limits) {
  const traces = counterexampleFiles('run', 'config.json', result.verdicts);
  const json = resultJson(model, { configFile: 'config.json', startedAt: new Date(0), workers: 0, limits }, result, 0, traces.byProperty);
  return { json: withoutTimings(json), traces: traces.files };
}

async function inThread(source: ModelSource, limits: Limits) {
  const model = await loadModel(source);
  return comparable(model, await check(model, { properties: PROPERTIES, limits, batchSize: BATCH_SIZE }), limits);
}

async function onWorkers(source: ModelSource, limits: Limits, workers: number) {
  const result = await checkOnWorkers(source, { properties: PROPERTIES, limits, batchSize: BATCH_SIZE, workers });
  assert.equal(result.workers, workers);
  return comparable(result.model, result, limits);
}

const CASES: { name: string; source: ModelSource; limits: Limits; violated: boolean }[] = [
  { name: 'the verified design', source: sourceOf(SMALL), limits: {}, violated: false },
  { name: 'no TLB flush on switch (valid, isolation, transparency)', source: sourceOf({ ...SMALL, hypervisor: { flushTlbOnSwitch: false } }), limits: {}, violated: true },
  {
    name: 'no TLB flush on switch, stopping at the first violation',
    source: sourceOf({ ...SMALL, hypervisor: { flushTlbOnSwitch: false } }),
    limits: { stopOnFirst: true },
    violated: true,
  },
  {
    name: 'a failed hypercall kept pending (availability, lasso counterexamples)',
    source: sourceOf({ ...SMALL, hypervisor: { consumeFailedHypercall: false } }),
    limits: {},
    violated: true,
  },
  { name: 'a state limit', source: sourceOf(SMALL), limits: { maxStates: 200 }, violated: false },
  { name: 'a depth bound', source: sourceOf(SMALL), limits: { maxDepth: 6 }, violated: false },
  ...MUTANTS.map((m) => ({ name: `planted bug ${m.name}`, source: sourceOf({ ...SMALL, ...m.config }, m.reference), limits: {}, violated: true })),
];

describe('any number of worker threads gives the same results', () => {
  for (const { name, source, limits, violated } of CASES) {
    it(name, async () => {
      const reference = await inThread(source, limits);
      assert.equal(Object.values((reference.json as ResultJson).verdicts).some((v) => v.status === 'violated'), violated);
      if (violated) assert.ok(reference.traces.length > 0);
      assert.deepEqual(await onWorkers(source, limits, 1), reference, 'one worker thread');
      assert.deepEqual(await onWorkers(source, limits, 2), reference, 'two worker threads');
    });
  }
});

describe('a failing worker thread stops the run', () => {
  const run = (step: StepReference) => checkOnWorkers(sourceOf(SMALL, step), { properties: PROPERTIES, workers: 2 });

  it('reports a thread that throws, with its error', async () => {
    await assert.rejects(run(failingStep('throwsWhenOs1Runs')), (error: unknown) => {
      assert.ok(error instanceof WorkerFailure);
      assert.match(error.message, /a worker thread failed expanding states \d+\.\.\d+: planted failure: OS 1 is active/);
      return true;
    });
  });

  it('reports a thread that exits', async () => {
    await assert.rejects(run(failingStep('exitsWhenOs1Runs')), (error: unknown) => {
      assert.ok(error instanceof WorkerFailure);
      assert.match(error.message, /a worker thread failed expanding states \d+\.\.\d+: worker exited with code: 7/);
      return true;
    });
  });

  it('reports threads that cannot start', async () => {
    await assert.rejects(run({ module: new URL('../fixtures/worker-start-failure.js', import.meta.url).href, name: 'step' }), (error: unknown) => {
      assert.ok(error instanceof WorkerFailure);
      assert.match(error.message, /a worker thread failed.*: planted failure: no step in worker threads/);
      return true;
    });
  });

  it('refuses a step reference that names no function, before starting threads', async () => {
    await assert.rejects(run({ module: REAL_STEP.module, name: 'nothing' }), /has no function export named nothing/);
  });
});
