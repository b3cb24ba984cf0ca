// Limits stop a run before the fixpoint, and verdicts then never say "holds".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/check/check.js';
import { step } from '../../src/spec/step.js';
import { checkWith, contextOf, upToDepthOf } from '../helpers.js';

describe('limits', async () => {
  const full = await checkWith({}, ['valid']);
  const diameter = full.engine.levels.length - 1;

  it('--depth d explores exactly the states within d actions', async () => {
    for (const depth of [0, 1, 7, diameter - 1]) {
      const { engine, verdicts } = await checkWith({}, ['valid', 'conformance'], { limits: { maxDepth: depth } });
      const within = full.engine.levels.slice(0, depth + 1).reduce((a, b) => a + b, 0);
      assert.equal(engine.store.size, within);
      assert.deepEqual([engine.complete, engine.stoppedBy, engine.checkedDepth], [false, 'depth', depth]);
      for (const v of verdicts) assert.deepEqual([v.status, upToDepthOf(v)], ['inconclusive', depth]);
    }
  });

  it('a depth bound at the diameter still reaches the fixpoint', async () => {
    const { engine, verdicts } = await checkWith({}, ['valid'], { limits: { maxDepth: diameter } });
    assert.deepEqual([engine.complete, engine.store.size], [true, full.engine.store.size]);
    assert.equal(verdicts[0]!.status, 'holds');
  });

  it('--max-states stores no more than asked', async () => {
    const { engine, verdicts } = await checkWith({}, ['valid'], { limits: { maxStates: 1000 } });
    assert.deepEqual([engine.store.size, engine.stoppedBy, verdicts[0]!.status], [1000, 'max-states', 'inconclusive']);
    assert.ok(upToDepthOf(verdicts[0]!)! < diameter);
  });

  it('a state limit the run never reaches does not stop it', async () => {
    const { engine } = await checkWith({}, ['valid'], { limits: { maxStates: full.engine.store.size } });
    assert.deepEqual([engine.complete, engine.store.size], [true, full.engine.store.size]);
  });

  it('--stop-on-first stops at the first violation; the others are inconclusive', async () => {
    const { engine, verdicts } = await checkWith({ hypervisor: { flushTlbOnSwitch: false } }, ['conformance', 'valid'], {
      limits: { stopOnFirst: true },
    });
    assert.equal(engine.stoppedBy, 'violation');
    assert.deepEqual(
      verdicts.map((v) => [v.property, v.status]),
      [
        ['conformance', 'inconclusive'],
        ['valid', 'violated'],
      ],
    );
  });

  it('an interruption stops the run between batches', async () => {
    const result = await check({ ctx: contextOf(), step }, { properties: ['valid'], interrupted: () => true, batchSize: 64 });
    assert.deepEqual([result.engine.complete, result.engine.stoppedBy], [false, 'interrupted']);
    assert.equal(result.verdicts[0]!.status, 'inconclusive');
  });
});
