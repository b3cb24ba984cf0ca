// Availability under symmetry reduction, decided on the quotient graph: with
// and without reduction, the same status, lengths and lasso (prefix, cycle)
// for every sub-property and the same number of reachable states; under it,
// every lasso is a fair cycle of the real system that replays, and each OS a
// counterexample names is the one its trace shows failing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counterexampleOf, type CheckResult, type LabeledTrace } from '../../src/check/check.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { StateCodec } from '../../src/state/encoding.js';
import type { State } from '../../src/state/records.js';
import type { Model } from '../../src/spec/model.js';
import { lastState } from '../../src/spec/trace.js';
import { checkCycle, checkReplays } from '../fixtures/lassos.js';
import { availabilityOracle } from '../fixtures/liveness-oracle.js';
import { referenceGraph } from '../reference/model.js';
import { checkWith } from '../helpers.js';
import { MUTANTS } from '../fixtures/mutants.js';
import type { StepFunction } from '../../src/spec/response.js';
import { THREE, THREE_OS_KNOBS } from '../fixtures/three-os.js';

/** Each part's status, length and lasso. */
function partsOf(result: CheckResult) {
  return result.verdicts[0]!.parts!.map((p) => ({ name: p.name, status: p.status, length: p.length, lasso: p.lasso }));
}

/** The states reachable from `s` (itself included). */
function reachableFrom(model: Model, s: State): State[] {
  const codec = new StateCodec(model.ctx);
  const key = (t: State) => Buffer.from(codec.encode(t)).toString('latin1');
  const seen = new Set([key(s)]);
  const queue = [s];
  for (let at = 0; at < queue.length; at++) {
    for (const a of alphabetOf(model.ctx).actions) {
      const next = model.step(model.ctx, queue[at]!, a)?.state;
      if (next && !seen.has(key(next))) {
        seen.add(key(next));
        queue.push(next);
      }
    }
  }
  return queue;
}

const runs = (s: State, os: number) => s.activity === 'running' && s.active === os;

/** The OSes a part's detail names fail on the trace: locked out at its last state, or failing all along its cycle. */
function checkNamedOses(model: Model, part: string, detail: string, labeled: LabeledTrace): void {
  const named = [...detail.matchAll(/OS (\d+)/g)].map((m) => Number(m[1]));
  if (part === 'papers-form') return;
  assert.ok(named.length > 0, `${part}: names an OS`);
  if (part === 'no-lock-out') {
    const after = reachableFrom(model, lastState(labeled.trace));
    for (const os of named) assert.ok(!after.some((s) => runs(s, os)), `${part}: OS ${os} can run again`);
    return;
  }
  const cycle = [labeled.trace.initial, ...labeled.trace.steps.map((s) => s.state)].slice(labeled.loop!.index);
  const [os] = named;
  const fails = part === 'hypercalls-answered' ? (s: State) => s.oss.get(os!)!.hcall !== null : (s: State) => !runs(s, os!);
  assert.ok(cycle.every(fails), `${part}: OS ${os} does not fail all along the cycle`);
}

async function compare(config: Record<string, unknown>, options: { cycleSearchBytes?: number; step?: StepFunction } = {}) {
  const full = await checkWith(config, ['availability'], options);
  const reduced = await checkWith(config, ['availability'], { ...options, symmetry: true });
  assert.deepEqual(partsOf(reduced), partsOf(full));
  assert.equal(reduced.symmetry.applied, true, reduced.symmetry.reason);
  assert.equal(reduced.engine.represented!.states, full.engine.store.size);
  const verdict = reduced.verdicts[0]!;
  for (const part of verdict.parts!) {
    if (part.status !== 'violated') continue;
    const labeled = counterexampleOf(verdict)!.traces.find((t) => t.label === part.name)!;
    checkReplays(reduced.model, labeled);
    if (part.name !== 'no-lock-out') checkCycle(reduced.model, part.name, labeled);
    checkNamedOses(reduced.model, part.name, part.detail!, labeled);
  }
  return { full, reduced };
}

const tiny = { virtualAddresses: 1, values: 1, physicalAddresses: 1, cache: { size: 0 }, tlb: { size: 0 } };

describe('availability under symmetry reduction, against the oracle', () => {
  const configs: Record<string, Record<string, unknown>> = {
    'two OSes': { ...tiny, oses: [{}, {}], machinePages: 2 },
    'three OSes, failed hypercalls kept': { ...tiny, oses: [{}, {}, {}], machinePages: 3, hypervisor: { consumeFailedHypercall: false } },
    'three OSes, switch with a pending hypercall': { ...tiny, oses: [{}, {}, {}], machinePages: 3, hypervisor: { switchWithPendingHypercall: true } },
  };
  for (const [name, config] of Object.entries(configs)) {
    it(name, async () => {
      const expected = availabilityOracle(referenceGraph(config));
      const { reduced } = await compare(config);
      assert.ok(reduced.engine.store.size < reduced.engine.represented!.states, 'reduced');
      for (const part of reduced.verdicts[0]!.parts!) {
        assert.equal(part.status, expected[part.name]!.status, part.name);
        if (part.status === 'violated') assert.equal(part.lasso?.prefix ?? part.length, expected[part.name]!.depth, part.name);
      }
    });
  }
});

describe('availability under symmetry reduction: three OSes, each design knob', () => {
  const variants: Record<string, Record<string, unknown>> = {
    ...THREE_OS_KNOBS,
    'switch with a pending hypercall': { ...THREE, physicalAddresses: 1, machinePages: 3, hypervisor: { switchWithPendingHypercall: true } },
    'shared allocation, two values': { ...THREE, physicalAddresses: 1, values: 2, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } },
    'shared allocation, failed hypercalls kept and switch with pending': {
      ...THREE,
      physicalAddresses: 1,
      values: 2,
      machinePages: 3,
      hypervisor: { allocation: 'shared', consumeFailedHypercall: false, switchWithPendingHypercall: true },
    },
  };
  for (const [name, config] of Object.entries(variants)) it(name, async () => void (await compare(config)));

  it('with isolation, by the stabiliser of the initial state', async () => {
    const config = { ...THREE, hypervisor: { consumeFailedHypercall: false, switchWithPendingHypercall: true } };
    const full = await checkWith(config, ['isolation', 'availability']);
    const reduced = await checkWith(config, ['isolation', 'availability'], { symmetry: true });
    assert.equal(reduced.symmetry.group?.subgroup, 'stabiliser');
    assert.ok(reduced.engine.store.size < full.engine.store.size);
    assert.deepEqual(partsOf({ ...reduced, verdicts: reduced.verdicts.slice(1) }), partsOf({ ...full, verdicts: full.verdicts.slice(1) }));
  });

  it('with no memory for the cycle search, lassos are fair, replay, and are not called shortest unless proved', async () => {
    const { reduced } = await compare({ ...tiny, oses: [{}, {}, {}], machinePages: 3, hypervisor: { switchWithPendingHypercall: true } }, { cycleSearchBytes: 0 });
    const lassos = reduced.verdicts[0]!.parts!.flatMap((p) => p.lasso ?? []);
    assert.ok(lassos.length > 0);
    for (const lasso of lassos) assert.ok(lasso.cycleMinimal ? lasso.cycle === lasso.cycleAtLeast : lasso.cycle > lasso.cycleAtLeast);
  });
});

describe('planted bugs are still caught under reduction, with the same lassos', () => {
  for (const mutant of MUTANTS) {
    it(mutant.name, async () => {
      const { reduced } = await compare({ ...tiny, values: 2, machinePages: 4, ...mutant.config }, { step: mutant.step });
      if (mutant.name === 'forgotten-hypercall-consumption') assert.equal(reduced.verdicts[0]!.status, 'violated');
    });
  }
});
