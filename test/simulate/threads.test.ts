// The same seed gives the same simulation, whatever runs the walks: this
// thread, one worker thread or two.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/check/check.js';
import { counterexampleOf } from '../../src/props/verdict.js';
import { replayTrace } from '../../src/trace/replay.js';
import { itfText, parseItf, traceToItf } from '../../src/trace/itf.js';
import type { Model } from '../../src/spec/model.js';
import type { PropertyName } from '../../src/props/property.js';
import { step } from '../../src/spec/step.js';
import { simulate, type SimulationResult, type WalkRunner } from '../../src/simulate/simulate.js';
import { walksInThread, walksOnPool, WALK_WORKER } from '../../src/simulate/walkers.js';
import { REAL_STEP } from '../../src/workers/model-source.js';
import { WorkerPool } from '../../src/workers/pool.js';
import { parseConfig } from '../../src/state/config.js';
import { makeContext } from '../../src/state/context.js';

const CONFIG = parseConfig({ oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } });
const PROPERTIES: PropertyName[] = ['valid', 'isolation', 'transparency', 'availability'];

async function run(model: Model, walks: WalkRunner, seed: number, inFlight: number): Promise<SimulationResult> {
  return simulate(model, walks, (property, limits) => check(model, { properties: [property], limits }), {
    properties: PROPERTIES,
    seed,
    walkLength: 40,
    walks: 8,
    proofStates: 1_000_000,
    viewClasses: 100_000,
    walksPerTask: 2,
    inFlight,
  });
}

/** What must not depend on who ran the walks: all but timings. */
function comparable(result: SimulationResult): unknown {
  const { walkMs: _w, shrinkMs: _s, proofMs: _p, verdicts, ...rest } = result;
  return {
    ...rest,
    coverage: [...rest.coverage],
    verdicts: verdicts.map((v) =>
      v.status !== 'violated'
        ? v
        : { ...v, counterexample: { detail: v.counterexample.detail, traces: v.counterexample.traces.map((t) => t.trace.steps.map((s) => s.actionIndex)) } },
    ),
  };
}

describe('simulation is determined by its seed', () => {
  it('gives the same result in this thread and on one and two worker threads', async () => {
    const model: Model = { ctx: makeContext(CONFIG), step };
    const raw = await run(model, await walksInThread(model, PROPERTIES), 10, 1);
    const inThread = comparable(raw);
    for (const threads of [1, 2]) {
      const pool = new WorkerPool({ source: { config: CONFIG, step: REAL_STEP }, properties: PROPERTIES.slice(0, 3), expander: {} }, threads, WALK_WORKER);
      try {
        assert.deepEqual(comparable(await run(model, walksOnPool(pool), 10, 4 * threads)), inThread, `${threads} threads`);
      } finally {
        await pool.destroy();
      }
    }
    const result = inThread as { verdicts: { status: string; minimality?: { status: string } }[]; walks: number };
    // Violations were found, and one shrunk trace was beaten by the breadth-first search, so that the comparison covers it all.
    assert.deepEqual(
      result.verdicts.map((v) => `${v.status} ${v.minimality?.status ?? ''}`),
      ['violated shorter', 'violated proved', 'violated proved', 'not-checked '],
    );
    assert.equal(result.walks, 6);
    // Each length is the shortest, as an exhaustive check finds it.
    for (const v of raw.verdicts) {
      if (v.status !== 'violated') continue;
      const { verdicts } = await check(model, { properties: [v.property], limits: { stopOnFirst: true } });
      assert.equal(v.counterexample.length, counterexampleOf(verdicts[0]!)!.length, v.property);
    }
    // The isolation pair's two traces replay, written as ITF and read back.
    const isolation = raw.verdicts[1]!;
    assert.ok(isolation.status === 'violated' && isolation.counterexample.traces.length === 2);
    for (const labeled of isolation.counterexample.traces) {
      const itf = parseItf(JSON.parse(itfText(traceToItf(labeled, { source: 'test', description: 'isolation' }))));
      assert.equal(replayTrace(model, itf).failure, undefined);
    }
  });

  it('gives other walks for another seed', async () => {
    const model: Model = { ctx: makeContext(CONFIG), step };
    const walks = await walksInThread(model, ['valid']);
    const [a, b] = [await walks({ seed: 1, first: 5, count: 1, length: 30, properties: ['valid'] }), await walks({ seed: 2, first: 5, count: 1, length: 30, properties: ['valid'] })];
    assert.notDeepEqual([...a[0]!.actions], [...b[0]!.actions]);
    // Walk 5 alone is walk 5 of a longer run.
    const again = await walks({ seed: 1, first: 3, count: 3, length: 30, properties: ['valid'] });
    assert.deepEqual([...again[2]!.actions], [...a[0]!.actions]);
  });
});
