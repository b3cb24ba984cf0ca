// A run stops once every requested property is violated, with the verdicts
// and counterexamples a run to the fixpoint gives; a property still undecided,
// or one that needs the whole graph (liveness), keeps it going.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Verdict } from '../../src/check/check.js';
import { checkWith } from '../helpers.js';

/** A small configuration that breaks valid states and isolation (stale TLB entries survive a switch). */
const STALE_TLB = { oses: [{}, {}], virtualAddresses: 1, values: 1, machinePages: 3, hypervisor: { flushTlbOnSwitch: false } };

/** What a verdict says: status, length, detail and the actions of every trace. */
function gist(verdict: Verdict): unknown {
  if (verdict.status !== 'violated') return { status: verdict.status };
  const c = verdict.counterexample;
  return {
    status: verdict.status,
    counterexample: {
      length: c.length,
      detail: c.detail,
      traces: c.traces.map((t) => [t.label, t.trace.steps.map((s) => s.actionIndex)]),
    },
  };
}

describe('a run stops when nothing is left to decide', async () => {
  const full = await checkWith(STALE_TLB, ['valid', 'isolation'], { limits: { exhaustive: true } });

  it('the configuration breaks both properties before its last level', () => {
    assert.equal(full.engine.complete, true);
    assert.deepEqual(full.verdicts.map((v) => v.status), ['violated', 'violated']);
    const deepest = Math.max(...[...full.engine.findings.values()].map((f) => f.depth));
    assert.ok(deepest + 1 < full.engine.levels.length - 1, 'the findings leave levels to explore');
  });

  for (const properties of [['valid'], ['isolation'], ['valid', 'isolation']] as const) {
    it(`${properties.join(' and ')}: stops once violated, with the full run's counterexamples`, async () => {
      const { engine, verdicts } = await checkWith(STALE_TLB, properties);
      assert.deepEqual([engine.complete, engine.stoppedBy], [false, 'violation']);
      assert.ok(engine.store.size < full.engine.store.size);
      for (const verdict of verdicts) assert.deepEqual(gist(verdict), gist(full.verdicts.find((v) => v.property === verdict.property)!));
    });
  }

  it('a property that holds keeps the run going to the fixpoint', async () => {
    const { engine, verdicts } = await checkWith(STALE_TLB, ['valid', 'conformance']);
    assert.deepEqual([engine.complete, engine.store.size], [true, full.engine.store.size]);
    assert.deepEqual(verdicts.map((v) => v.status), ['violated', 'holds']);
    assert.deepEqual(gist(verdicts[0]!), gist(full.verdicts[0]!));
  });

  it('availability, decided on the whole graph, keeps the run going', async () => {
    const { engine, verdicts } = await checkWith(STALE_TLB, ['valid', 'availability']);
    assert.deepEqual([engine.complete, engine.store.size], [true, full.engine.store.size]);
    assert.equal(verdicts[0]!.status, 'violated');
  });

  it('no-tlb-flush with valid only ends soon after its violation at depth 10, as before', async () => {
    const config = JSON.parse(readFileSync(new URL('../../../configs/no-tlb-flush.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const { engine, verdicts } = await checkWith(config, ['valid']);
    const verdict = verdicts[0]!;
    assert.equal(engine.stoppedBy, 'violation');
    assert.ok(verdict.status === 'violated' && verdict.counterexample.length === 10, 'violated with a trace of 10 actions');
    // The run ends with the batch that found it: at most one level further.
    assert.ok(engine.levels.length - 1 <= 11, `explored to depth ${engine.levels.length - 1}`);
  });
});
