// Estimating a state count from the start of a run: exact when the sample
// reaches the fixpoint, never below what was explored, and within an order of
// magnitude on configurations whose counts are known.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { estimateSize, fitParabola, MIN_LEVELS } from '../../src/check/estimate.js';
import { checkWith } from '../helpers.js';

describe('fitting a parabola', () => {
  it('recovers the coefficients of exact data', () => {
    const xs = [3, 4, 5, 6, 7, 8, 9];
    const fit = fitParabola(xs, xs.map((x) => 2 - 0.5 * x - 0.25 * x * x))!;
    assert.ok(Math.abs(fit.c0 - 2) < 1e-9 && Math.abs(fit.c1 + 0.5) < 1e-9 && Math.abs(fit.c2 + 0.25) < 1e-9, JSON.stringify(fit));
  });
});

describe('estimating the state count', () => {
  it('a sample that reaches the fixpoint is exact', async () => {
    const { engine } = await checkWith({ virtualAddresses: 1 }, ['valid']);
    assert.deepEqual(estimateSize(engine.levels, 0, true), { kind: 'exact', states: engine.store.size });
  });

  it('too few levels give a lower bound only', () => {
    const levels = [1, 2, 15, 16, 6].slice(0, MIN_LEVELS - 1);
    const estimate = estimateSize(levels, 10, false);
    assert.equal(estimate.kind, 'lower-bound');
    assert.equal((estimate as { atLeast: number }).atLeast, 50);
  });

  it('a profile that has not bent down gives a lower bound only', () => {
    const growing = Array.from({ length: 12 }, (_, d) => 2 ** d);
    assert.equal(estimateSize(growing, 0, false).kind, 'lower-bound');
  });

  const known: Record<string, Record<string, unknown>> = {
    default: {},
    'trusted and untrusted': { oses: [{ trusted: true }, {}] },
    'one virtual address': { virtualAddresses: 1 },
    'cache of two': { cache: { size: 2 } },
    'shared allocation, three pages': { virtualAddresses: 1, values: 1, machinePages: 3, hypervisor: { allocation: 'shared' } },
  };
  for (const [name, config] of Object.entries(known)) {
    it(`within an order of magnitude from a quarter and from half of the run: ${name}`, async () => {
      const full = await checkWith(config, ['valid']);
      const states = full.engine.store.size;
      for (const share of [0.25, 0.5]) {
        const sample = await checkWith(config, ['valid'], { limits: { maxStates: Math.floor(share * states) } });
        const explored = sample.engine.store.size;
        // The sample is the start of the full run, level by level.
        const levels = sample.engine.levels;
        assert.deepEqual(levels, full.engine.levels.slice(0, levels.length));
        const estimate = estimateSize(levels, explored - levels.reduce((a, b) => a + b, 0), sample.engine.complete);
        assert.equal(estimate.kind, 'extrapolated', `${share}: ${JSON.stringify(estimate)}`);
        if (estimate.kind !== 'extrapolated') continue;
        assert.equal(estimate.atLeast, explored);
        assert.ok(estimate.low >= explored && estimate.low <= estimate.states && estimate.states <= estimate.high);
        const factor = Math.max(estimate.states / states, states / estimate.states);
        assert.ok(factor < 10, `${share}: estimated ${estimate.states} for ${states}`);
      }
    });
  }
});
