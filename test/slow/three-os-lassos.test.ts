// Opt-in (VIRTCHECK_SLOW=1, `npm run test:slow`; minutes): availability on
// three untrusted OSes that may be switched away from a pending hypercall,
// about 1.8 million states. Every lasso has the shallowest prefix and a cycle
// proved shortest, fair, and replaying, with a search budget of only 64 KiB;
// "every OS runs" is 2 + 7. With 16 KiB its search stops at a bound of 7 and
// the greedy walk's cycle of 12 steps is said not to be proved shortest.
// Under symmetry reduction (555,360 orbits) the verdicts and lassos are the same.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/state/config.js';
import { checkCycle, checkReplays } from '../fixtures/lassos.js';
import { checkWith, counterexampleIn } from '../helpers.js';
import { SLOW_ONLY } from '../opt-in.js';

const skip = SLOW_ONLY;

describe('three OSes switched away from a pending hypercall', { skip }, () => {
  it('every lasso has a shortest fair cycle that replays: every OS runs is 2 + 7', async () => {
    const file = fileURLToPath(new URL('../../../configs/three-os-switch-with-pending.json', import.meta.url));
    const { model, engine, verdicts } = await checkWith(parseConfigText(readFileSync(file, 'utf8')) as never, ['availability'], { cycleSearchBytes: 64 * 1024 });
    assert.equal(engine.store.size, 1_797_120);
    const parts = Object.fromEntries(verdicts[0]!.parts!.map((p) => [p.name, p]));
    assert.equal(parts['no-lock-out']!.status, 'holds');
    const expected = { 'hypercalls-answered': [2, 3], 'every-os-runs': [2, 7], 'papers-form': [2, 4] };
    for (const [name, [prefix, cycle]] of Object.entries(expected)) {
      const { lasso } = parts[name]!;
      assert.deepEqual(lasso, { prefix, cycle, cycleMinimal: true, cycleAtLeast: cycle }, name);
      const labeled = counterexampleIn(verdicts[0]!).traces.find((t) => t.label === name)!;
      checkCycle(model, name, labeled);
      checkReplays(model, labeled);
    }
  });

  it('under symmetry reduction, the same verdicts and lassos, from 555,360 orbits', async () => {
    const file = fileURLToPath(new URL('../../../configs/three-os-switch-with-pending.json', import.meta.url));
    const config = parseConfigText(readFileSync(file, 'utf8')) as never;
    const { model, engine, verdicts, symmetry } = await checkWith(config, ['availability'], { cycleSearchBytes: 64 * 1024, symmetry: true });
    assert.equal(symmetry.applied, true);
    assert.equal(engine.represented!.states, 1_797_120);
    assert.equal(engine.store.size, 555_360);
    const parts = Object.fromEntries(verdicts[0]!.parts!.map((p) => [p.name, p]));
    assert.equal(parts['no-lock-out']!.status, 'holds');
    const expected = { 'hypercalls-answered': [2, 3], 'every-os-runs': [2, 7], 'papers-form': [2, 4] };
    for (const [name, [prefix, cycle]] of Object.entries(expected)) {
      assert.deepEqual(parts[name]!.lasso, { prefix, cycle, cycleMinimal: true, cycleAtLeast: cycle }, name);
      const labeled = counterexampleIn(verdicts[0]!).traces.find((t) => t.label === name)!;
      checkCycle(model, name, labeled);
      checkReplays(model, labeled);
    }
  });

  it('with 16 KiB, every OS runs gets a fair cycle of 12 steps, not proved shortest, none shorter than 7', async () => {
    const file = fileURLToPath(new URL('../../../configs/three-os-switch-with-pending.json', import.meta.url));
    const { model, verdicts } = await checkWith(parseConfigText(readFileSync(file, 'utf8')) as never, ['availability'], { cycleSearchBytes: 16 * 1024 });
    const part = verdicts[0]!.parts!.find((p) => p.name === 'every-os-runs')!;
    assert.deepEqual(part.lasso, { prefix: 2, cycle: 12, cycleMinimal: false, cycleAtLeast: 7 });
    assert.match(part.detail!, /a fair cycle of 12 steps after 2; shorter ones may exist, none of fewer than 7 steps/);
    const labeled = counterexampleIn(verdicts[0]!).traces.find((t) => t.label === 'every-os-runs')!;
    checkCycle(model, 'every-os-runs', labeled);
    checkReplays(model, labeled);
  });
});
