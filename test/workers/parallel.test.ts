// Worker threads: the same results for any number of threads, and a clear
// failure when a thread throws or dies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, type CheckResult } from '../../src/check/check.js';
import { DEFAULT_BATCH_SIZE, type Limits } from '../../src/engine/engine.js';
import type { Model } from '../../src/spec/model.js';
import { PROPERTY_NAMES, type PropertyName } from '../../src/props/property.js';
import { counterexampleFiles } from '../../src/report/counterexample-files.js';
import { resultJson, type ResultJson } from '../../src/report/result.js';
import { checkOnWorkers } from '../../src/check/parallel-check.js';
import { loadModel, REAL_STEP, type ModelSource, type StepReference } from '../../src/workers/model-source.js';
import { WorkerFailure } from '../../src/workers/pool.js';
import { failingStep } from '../fixtures/failing-steps.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { SLOW_ONLY } from '../opt-in.js';
import { contextOf, withoutTimings } from '../helpers.js';

const SMALL = { virtualAddresses: 1, values: 1, machinePages: 3 };
// Small batches, so that a level spans several batches that finish out of order.
const BATCH_SIZE = 8;

function sourceOf(config: Record<string, unknown>, step: StepReference = REAL_STEP): ModelSource {
  return { config: contextOf(config).config, step };
}

/** The result JSON and counterexample files, without what legitimately differs between runs (times, memory, the run's parameters). */
function comparable(model: Model, result: CheckResult, limits: Limits) {
  const traces = counterexampleFiles('run', 'config.json', result.verdicts);
  const json = resultJson(model, { configFile: 'config.json', startedAt: new Date(0), workers: 0, limits }, result, { code: 0 }, { written: true, files: traces.byProperty });
  return { json: withoutTimings(json), traces: traces.files };
}

interface Run {
  readonly limits: Limits;
  readonly properties?: readonly PropertyName[];
  readonly symmetry?: boolean;
}

const optionsOf = (run: Run) => ({ properties: run.properties ?? PROPERTY_NAMES, limits: run.limits, symmetry: run.symmetry, batchSize: BATCH_SIZE });

async function inThread(source: ModelSource, run: Run) {
  const model = await loadModel(source);
  const result = await check(model, optionsOf(run));
  assert.equal(result.symmetry.applied, run.symmetry === true);
  return comparable(model, result, run.limits);
}

async function onWorkers(source: ModelSource, run: Run, workers: number) {
  const result = await checkOnWorkers(source, { ...optionsOf(run), workers });
  assert.equal(result.workers, workers);
  return comparable(result.model, result, run.limits);
}

const leaky = sourceOf({ ...SMALL, hypervisor: { flushTlbOnSwitch: false } });
const CASES: { name: string; source: ModelSource; run: Run; violated: boolean }[] = [
  { name: 'the verified design', source: sourceOf(SMALL), run: { limits: {} }, violated: false },
  { name: 'no TLB flush on switch (valid, isolation, transparency)', source: leaky, run: { limits: {} }, violated: true },
  { name: 'no TLB flush on switch, stopping at the first violation', source: leaky, run: { limits: { stopOnFirst: true } }, violated: true },
  {
    name: 'no TLB flush on switch, with symmetry reduction (canonical successors in the threads)',
    // Two values: interchangeable, so that there is a symmetry to reduce by.
    source: sourceOf({ ...SMALL, values: 2, hypervisor: { flushTlbOnSwitch: false } }),
    run: { limits: {}, properties: ['valid', 'conformance'], symmetry: true },
    violated: true,
  },
  {
    name: 'a failed hypercall kept pending (availability, lasso counterexamples)',
    source: sourceOf({ ...SMALL, hypervisor: { consumeFailedHypercall: false } }),
    run: { limits: {} },
    violated: true,
  },
  {
    name: 'a failed hypercall kept pending, with symmetry reduction (quotient labels from the threads)',
    // Partitions of equal size: the two OSes are interchangeable.
    source: sourceOf({ ...SMALL, machinePages: 4, hypervisor: { consumeFailedHypercall: false } }),
    run: { limits: {}, properties: ['availability'], symmetry: true },
    violated: true,
  },
  { name: 'a state limit', source: sourceOf(SMALL), run: { limits: { maxStates: 200 } }, violated: false },
  { name: 'a depth bound', source: sourceOf(SMALL), run: { limits: { maxDepth: 6 } }, violated: false },
  ...MUTANTS.map((m) => ({ name: `planted bug ${m.name}`, source: sourceOf({ ...SMALL, ...m.config }, m.reference), run: { limits: {} }, violated: true })),
];

// A thread pool costs more than these runs: every case is compared with three threads (the main thread
// and two worker threads, whose batches finish out of order), and with two (the main thread and one
// worker thread, which take batches from each other) for a few cases in the suite, every case in test:slow.
const TWO_THREADS_IN_SUITE = new Set([
  'the verified design',
  'no TLB flush on switch (valid, isolation, transparency)',
  'a failed hypercall kept pending (availability, lasso counterexamples)',
  `planted bug ${MUTANTS[1]!.name}`,
]);

// A planted bug's step reaches the threads by its module and export name, the same way for each: one
// planted bug in the suite, every one in test:slow (each is caught in this thread by test/props/planted.test.ts).
const PLANTED_IN_SUITE = `planted bug ${MUTANTS[1]!.name}`;

describe('any number of worker threads gives the same results', () => {
  for (const { name, source, run, violated } of CASES) {
    let inThreadRun: ReturnType<typeof inThread> | undefined;
    const reference = () => (inThreadRun ??= inThread(source, run));
    it(name, { skip: name.startsWith('planted bug') && name !== PLANTED_IN_SUITE ? SLOW_ONLY : false }, async () => {
      const expected = await reference();
      assert.equal(Object.values((expected.json as ResultJson).verdicts).some((v) => v.status === 'violated'), violated);
      if (violated) assert.ok(expected.traces.length > 0);
      assert.deepEqual(await onWorkers(source, run, 3), expected, 'three threads');
    });
    it(`${name}: two threads`, { skip: TWO_THREADS_IN_SUITE.has(name) ? false : SLOW_ONLY }, async () => {
      assert.deepEqual(await onWorkers(source, run, 2), await reference(), 'two threads');
    });
  }
});

describe('threads start with the first full batch', () => {
  it('a run whose levels each fit in one batch starts none, and gives the results of a run in this thread', async () => {
    const source = sourceOf({ ...SMALL, hypervisor: { flushTlbOnSwitch: false } });
    const options = { properties: PROPERTY_NAMES, limits: {} };
    const onWorkers = await checkOnWorkers(source, { ...options, workers: 2 });
    assert.equal(onWorkers.workers, 1, 'the main thread alone');
    assert.ok(onWorkers.engine.levels.every((count) => count < DEFAULT_BATCH_SIZE), 'no level fills a batch');
    const model = await loadModel(source);
    assert.deepEqual(comparable(onWorkers.model, onWorkers, {}), comparable(model, await check(model, options), {}));
  });
});

describe('a failing worker thread stops the run, keeping what was consumed before it', () => {
  // The threads start with the first batch: the planted failures are in the first levels, which would otherwise be expanded in this thread.
  const run = (step: StepReference) => checkOnWorkers(sourceOf(SMALL, step), { properties: PROPERTY_NAMES, workers: 2, threadsAtOnce: true });
  const failureOf = async (step: StepReference): Promise<WorkerFailure> => {
    const result = await run(step);
    assert.deepEqual([result.engine.complete, result.engine.stoppedBy], [false, 'failure']);
    assert.ok(result.verdicts.every((v) => v.status === 'inconclusive'));
    assert.ok(result.engine.failure instanceof WorkerFailure);
    return result.engine.failure;
  };

  it('reports a thread that throws, with its error', async () => {
    const failure = await failureOf(failingStep('throwsWhenOs1Runs'));
    assert.match(failure.message, /a worker thread failed expanding states \d+\.\.\d+: planted failure: OS 1 is active/);
    assert.equal(failure.outOfMemory, false);
  });

  it('reports a thread that exits', async () => {
    const failure = await failureOf(failingStep('exitsWhenOs1Runs'));
    assert.match(failure.message, /a worker thread failed expanding states \d+\.\.\d+: worker exited with code: 7/);
  });

  it('reports threads that cannot start', async () => {
    const failure = await failureOf({ module: new URL('../fixtures/worker-start-failure.js', import.meta.url).href, name: 'step' });
    assert.match(failure.message, /a worker thread failed.*: planted failure: no step in worker threads/);
  });

  it('refuses a step reference that names no function, before starting threads', async () => {
    await assert.rejects(run({ module: REAL_STEP.module, name: 'nothing' }), /has no function export named nothing/);
  });
});
