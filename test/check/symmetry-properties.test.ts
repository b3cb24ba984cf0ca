// Symmetry reduction for isolation, transparency and availability (and valid, conformance):
// with and without it, the same verdicts, counterexample lengths and counts;
// under it, counterexamples are traces of the unreduced system that replay,
// and a step-consistency counterexample's two traces end in states the OS
// cannot tell apart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PropertyName } from '../../src/props/property.js';
import { step } from '../../src/spec/step.js';
import type { StepFunction } from '../../src/spec/response.js';
import { counterexampleOf, type CheckResult } from '../../src/check/check.js';
import type { Model } from '../../src/spec/model.js';
import { replayTrace } from '../../src/trace/replay.js';
import { lastState, type Trace } from '../../src/spec/trace.js';
import { Views } from '../../src/props/views.js';
import { itfText, parseItf, traceToItf } from '../../src/trace/itf.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { checkCycle } from '../fixtures/lassos.js';
import { THREE, THREE_OS_KNOBS } from '../fixtures/three-os.js';
import { SLOW_ONLY } from '../opt-in.js';
import { Canonicaliser } from '../../src/hash/canonical.js';
import { groupElements } from '../../src/hash/symmetry-group.js';
import { StateCodec } from '../../src/state/encoding.js';
import type { State } from '../../src/state/records.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { chooseSymmetry } from '../../src/check/symmetry.js';
import { symmetryLines } from '../../src/report/summary.js';
import { orbitImagesAnalysis } from '../../src/props/orbit-images.js';
import type { Renaming } from '../../src/props/renaming.js';
import { imageOfTrace } from '../../src/trace/image.js';
import { action, checkWith, contextOf, NON_DEFAULT_KNOBS, reachableStates, run, seededRandom, served } from '../helpers.js';
import type { Context } from '../../src/state/context.js';

/** The trace of a script from the initial state. */
function traceOf(ctx: Context, script: readonly string[]): Trace {
  let trace: Trace = { initial: run(ctx, []), steps: [] };
  for (const notation of script) {
    const a = action(ctx, notation);
    const outcome = step(ctx, lastState(trace), a)!;
    trace = { initial: trace.initial, steps: [...trace.steps, { actionIndex: alphabetOf(ctx).indexOf(notation)!, action: a, response: outcome.response, state: outcome.state }] };
  }
  return trace;
}

const PROPERTIES: PropertyName[] = ['valid', 'conformance', 'isolation', 'transparency'];

/** Each verdict, its counterexample's length, and (for a property of parts) each part's, a lasso's prefix and cycle apart. */
function verdictsOf(result: CheckResult): string[] {
  return result.verdicts.map(
    (v) =>
      `${v.property}: ${v.status}${v.status === 'violated' ? ` in ${counterexampleOf(v)!.length}` : ''}` +
      (v.parts ?? [])
        .map((p) => ` ${p.name} ${p.status}${p.length === undefined ? '' : ` in ${p.length}`}${p.lasso ? ` (${p.lasso.prefix} + ${p.lasso.cycle})` : ''}`)
        .join(''),
  );
}

/** Every trace of every counterexample replays; a two-trace one ends in states the OS named cannot tell apart. */
function assertConcrete(model: Model, result: CheckResult): void {
  const views = new Views(model.ctx);
  for (const verdict of result.verdicts) {
    const c = counterexampleOf(verdict);
    if (!c) continue;
    for (const labeled of c.traces) {
      const itf = parseItf(JSON.parse(itfText(traceToItf(labeled, { source: 'test', description: verdict.property }))));
      assert.equal(replayTrace(model, itf).failure, undefined, `${verdict.property}: a trace does not replay`);
      if (labeled.loop) checkCycle(model, labeled.label, labeled);
    }
    if (verdict.property === 'availability') continue;
    assert.equal(Math.max(...c.traces.map(({ trace }) => trace.steps.length)), c.length);
    if (c.traces.length !== 2) continue;
    const os = Number(/OS (\d+) cannot tell/.exec(c.detail)![1]);
    const [first, second] = c.traces.map(({ trace }) => lastState({ initial: trace.initial, steps: trace.steps.slice(0, -1) }));
    assert.equal(Views.key(views.of(os, first!)), Views.key(views.of(os, second!)), 'the two traces end in states the OS can tell apart');
  }
}

async function compare(config: Record<string, unknown>, stepFn: StepFunction = step, properties = PROPERTIES) {
  const full = await checkWith(config, properties, { step: stepFn });
  const reduced = await checkWith(config, properties, { step: stepFn, symmetry: true });
  assert.deepEqual(verdictsOf(reduced), verdictsOf(full));
  if (reduced.symmetry.applied) {
    assert.equal(reduced.engine.represented!.states, full.engine.store.size);
    assert.equal(reduced.engine.represented!.transitions, full.engine.transitions);
    assertConcrete(reduced.model, reduced);
  }
  return { full, reduced };
}

describe('isolation and transparency under symmetry reduction: three OSes, each design knob', () => {
  const variants: Record<string, Record<string, unknown>> = {
    ...THREE_OS_KNOBS,
    // One page each (1,176 states): with THREE's partitions it is 67,392, compared in test:slow below.
    'switch with a pending hypercall': { ...THREE, physicalAddresses: 1, machinePages: 3, hypervisor: { switchWithPendingHypercall: true } },
  };
  const slowVariants: Record<string, Record<string, unknown>> = {
    'switch with a pending hypercall, unequal partitions': { ...THREE, hypervisor: { switchWithPendingHypercall: true } },
  };
  for (const [name, config] of [...Object.entries(variants), ...Object.entries(slowVariants)]) {
    it(name, { skip: name in slowVariants ? SLOW_ONLY : false }, async () => {
      const { reduced } = await compare(config);
      assert.equal(reduced.symmetry.applied, true);
    });
  }

  it('two OSes and two values, a violation of each property but conformance', async () => {
    const { reduced } = await compare({ virtualAddresses: 1, values: 2, hypervisor: { flushTlbOnSwitch: false } });
    assert.deepEqual(
      reduced.verdicts.map((v) => v.status),
      ['violated', 'holds', 'violated', 'violated'],
    );
  });
});

describe('isolation under reduction: the images subgroup, and the stabiliser where it is violated', () => {
  it('holding, it is decided under the images subgroup; violated, the run is made again under the stabiliser', async () => {
    const holding = await compare({ virtualAddresses: 1, values: 2 });
    assert.equal(holding.reduced.symmetry.group?.subgroup, 'images');
    assert.equal(holding.reduced.symmetry.rerun, undefined);
    const violated = await compare({ virtualAddresses: 1, values: 2, hypervisor: { flushTlbOnSwitch: false } });
    assert.equal(violated.reduced.symmetry.group?.subgroup, 'stabiliser');
    assert.match(violated.reduced.symmetry.rerun?.reason ?? '', /^isolation was violated under the images subgroup/);
    // The first run stopped at the violation, short of the whole space; the summary says there were two.
    assert.ok(violated.reduced.symmetry.rerun!.orbits < violated.reduced.engine.store.size);
    assert.match(symmetryLines(violated.reduced.symmetry).join('\n'), /\n {2}run twice: isolation was violated under the images subgroup.*the second, under the stabiliser, gave these verdicts$/);
  });
});

describe('planted bugs are still caught under reduction', () => {
  for (const mutant of MUTANTS) {
    it(mutant.name, async () => {
      const { reduced } = await compare({ virtualAddresses: 1, values: 2, ...mutant.config }, mutant.step, ['valid', 'conformance', 'isolation']);
      assert.equal(reduced.symmetry.applied, true);
      assert.ok(reduced.verdicts.some((v) => v.status === 'violated'));
    });
  }
});

describe('random small configurations, with and without reduction', () => {
  const random = seededRandom(13);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let k = 0; k < 8; k++) {
    const n = pick([1, 2, 3]);
    const knobs = Object.fromEntries(Object.entries(NON_DEFAULT_KNOBS).filter(() => random() < 0.3));
    const config = {
      oses: Array.from({ length: n }, () => ({ trusted: random() < 0.3 })),
      virtualAddresses: 1,
      physicalAddresses: n === 3 ? 1 : pick([1, 2]),
      values: pick([1, 2]),
      machinePages: n + pick([0, 1]),
      cache: { size: pick([0, 1]) },
      tlb: { size: pick([0, 1]) },
      hypervisor: { allocation: pick(['partitioned', 'shared']), scrubFreedPages: random() < 0.7, ...knobs },
      observe: { machineAddresses: random() < 0.2 },
    };
    it(JSON.stringify(config), async () => {
      await compare(config);
      await compare(config, step, ['availability']);
    });
  }
});

describe('step consistency sees every state of each orbit', () => {
  const ctx = contextOf(THREE);
  const model = { ctx, step };
  const { permutations } = chooseSymmetry(model, true, ['isolation']);
  const canon = new Canonicaliser(ctx, permutations!);
  const codec = new StateCodec(ctx);
  const key = (s: State) => Buffer.from(codec.encode(s)).toString('latin1');
  const reachable = reachableStates(ctx);

  it('the images of the representatives are the reachable states, each once', () => {
    const seen: string[] = [];
    const recorder = {
      property: 'isolation' as const,
      state: (s: State) => void seen.push(key(s)),
      image: (s: State, _outcomes: unknown, g: Renaming) => void seen.push(Buffer.from(canon.apply(codec.encode(s), g.element)).toString('latin1')),
      take: () => new Uint32Array(0),
    };
    const analysis = orbitImagesAnalysis(ctx, permutations!, recorder);
    const representatives = new Map(reachable.map((s) => [Buffer.from(canon.canonical(codec.encode(s))).toString('latin1'), s]));
    for (const bytes of representatives.keys()) {
      const r = codec.decode(Buffer.from(bytes, 'latin1'));
      analysis.state(r, alphabetOf(ctx).actions.map((a) => step(ctx, r, a)));
    }
    assert.ok(representatives.size < reachable.length);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(new Set(seen), new Set(reachable.map(key)));
  });

  it('a trace maps to a trace from the same initial state that replays', () => {
    // The swap of OS 1 and 2, which fixes the initial state (OS 0 is active there).
    const swap = groupElements(ctx, permutations!).find((g) => g.os.os[0] === 0 && g.os.os[1] === 2 && g.values.every((v, k) => v === k))!;
    const trace = traceOf(ctx, ['switch(1)', 'chmod', ...served('pin(1, rw)')]);
    const image = imageOfTrace(ctx, canon, trace, swap);
    assert.equal(key(image.initial), key(trace.initial));
    assert.equal(image.steps[0]!.action.kind === 'switch' && image.steps[0]!.action.os, 2);
    assert.equal(key(lastState(image)), key(codec.decode(canon.apply(codec.encode(lastState(trace)), swap))));
    const itf = parseItf(JSON.parse(itfText(traceToItf({ trace: image }, { source: 'test', description: 'image' }))));
    assert.equal(replayTrace(model, itf).failure, undefined);
  });
});
