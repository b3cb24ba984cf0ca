// Isolation and transparency: the grouped step-consistency check agrees with a
// brute-force comparison of all pairs of reachable states; transparency's
// shortcuts agree with erasing and stepping literally; counterexamples replay
// and show the stated difference; the verified design holds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Context } from '../../src/state/context.js';
import type { State } from '../../src/state/records.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { formatResponse, sameResponse } from '../../src/spec/response.js';
import { step } from '../../src/spec/step.js';
import { Erasure } from '../../src/props/erasure.js';
import { recipientOf } from '../../src/props/observation.js';
import { Views } from '../../src/props/views.js';
import { replayTrace } from '../../src/trace/replay.js';
import { lastState } from '../../src/spec/trace.js';
import { itfText, parseItf, traceToItf } from '../../src/trace/itf.js';
import { checkWith, contextOf, statesByDepth, counterexampleIn } from '../helpers.js';
import { counterexampleOf } from '../../src/props/verdict.js';

const twoTrusted = { oses: [{ trusted: true }, { trusted: true }], virtualAddresses: 1, values: 1 };
const noBuffers = { cache: { size: 0 }, tlb: { size: 0 } };
const small: Record<string, Record<string, unknown>> = {
  'verified design': twoTrusted,
  'an untrusted OS': { ...twoTrusted, oses: [{ trusted: true }, {}] },
  'cache kept on switch': { ...twoTrusted, hypervisor: { flushCacheOnSwitch: false } },
  'TLB kept on switch': { ...twoTrusted, hypervisor: { flushTlbOnSwitch: false } },
  'shared allocation': { ...twoTrusted, machinePages: 3, hypervisor: { allocation: 'shared' } },
  'shared allocation, machine addresses observed': { ...twoTrusted, ...noBuffers, hypervisor: { allocation: 'shared' }, observe: { machineAddresses: true } },
  'shared allocation without scrubbing': { ...twoTrusted, ...noBuffers, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } },
};

/** The reachable states of a context with their depth, enumerated once for the brute-force checks that read them. */
const reachedBy = new WeakMap<Context, ReturnType<typeof statesByDepth>>();
function reachedOf(ctx: Context): ReturnType<typeof statesByDepth> {
  let reached = reachedBy.get(ctx);
  if (!reached) reachedBy.set(ctx, (reached = statesByDepth(ctx)));
  return reached;
}
const contexts = new Map(Object.entries(small).map(([name, config]) => [name, contextOf(config)]));

/**
 * The shortest isolation violation, comparing every pair of reachable states
 * with equal views. States come in breadth-first order, so a pair is found at
 * the depth of its later state, and none past the shortest so far can do better.
 */
function bruteForceIsolation(ctx: Context): number {
  const views = new Views(ctx);
  const actions = alphabetOf(ctx).actions;
  const reached = reachedOf(ctx);
  let shortest = Infinity;
  for (let i = 0; i < ctx.n; i++) {
    // What i observes of every action from a state: disabled, or its response (if i receives it) and the view it leads to.
    const observed = (s: State) =>
      actions.map((a) => {
        const o = step(ctx, s, a);
        if (!o) return null;
        const response = recipientOf(s, a) === i ? formatResponse(o.response) : '';
        return `${response}|${Views.key(views.of(i, o.state))}`;
      });
    const switchIndex = actions.findIndex((a) => a.kind === 'switch' && a.os === i);
    const classes = new Map<string, { seen: (string | null)[]; active: boolean }[]>();
    for (const { state, depth } of reached) {
      if (depth + 1 >= shortest) break;
      const key = Views.key(views.of(i, state));
      const t = { seen: observed(state), active: state.active === i };
      // Locally respects: any other action leaves i's view as it was.
      actions.forEach((a, ai) => {
        if (t.active || (a.kind === 'switch' && a.os === i) || t.seen[ai] === null) return;
        if (t.seen[ai]!.split('|').slice(1).join('|') !== key) shortest = Math.min(shortest, depth + 1);
      });
      // Step consistency: the new state against every earlier one i cannot tell it from.
      const members = classes.get(key) ?? [];
      const differs = members.some((s) => {
        const relevant = s.active ? actions.map((_, ai) => ai) : [switchIndex];
        return relevant.some((ai) => {
          const u = s.seen[ai];
          const v = t.seen[ai];
          if (!s.active && (u === null || v === null)) return false;
          return u !== v;
        });
      });
      if (differs) shortest = depth + 1;
      members.push(t);
      classes.set(key, members);
    }
  }
  return shortest;
}

/** The shortest transparency violation, erasing and stepping the single-OS platform literally. */
function literalTransparency(ctx: Context): number {
  const views = new Views(ctx);
  const erasure = new Erasure(ctx);
  const actions = alphabetOf(ctx).actions;
  let shortest = Infinity;
  for (const { state: s, depth } of reachedOf(ctx)) {
    // Breadth-first order: no later state gives a shorter violation.
    if (depth + 1 >= shortest) break;
    for (const a of actions) {
      const o = step(ctx, s, a);
      if (!o) continue;
      for (let i = 0; i < ctx.n; i++) {
        const afterAlone = Views.key(views.of(i, erasure.erase(i, o.state)));
        let violated: boolean;
        if (s.active !== i) {
          violated = afterAlone !== Views.key(views.of(i, erasure.erase(i, s)));
        } else {
          const alone = a.kind === 'switch' ? actions.find((b) => b.kind === 'switch' && b.os === i)! : a;
          const single = step(ctx, erasure.erase(i, s), alone);
          violated = !single || !sameResponse(single.response, o.response) || Views.key(views.of(i, single.state)) !== afterAlone;
        }
        if (violated) shortest = Math.min(shortest, depth + 1);
      }
    }
  }
  return shortest;
}

describe('isolation and transparency against brute force', () => {
  for (const [name, config] of Object.entries(small)) {
    it(name, async () => {
      const ctx = contexts.get(name)!;
      const { verdicts } = await checkWith(config, ['isolation', 'transparency']);
      const expected = { isolation: bruteForceIsolation(ctx), transparency: literalTransparency(ctx) };
      assert.equal(verdicts.length, 2);
      for (const verdict of verdicts) {
        const length = expected[verdict.property as 'isolation' | 'transparency'];
        assert.equal(verdict.status, length === Infinity ? 'holds' : 'violated', verdict.property);
        assert.equal(counterexampleOf(verdict)?.length, length === Infinity ? undefined : length, verdict.property);
      }
    });
  }
});

describe('the view of the single-OS platform', () => {
  it('Views.alone(i, s) is view_i(erase_i(s)) on every reachable state', () => {
    for (const ctx of contexts.values()) {
      const views = new Views(ctx);
      const erasure = new Erasure(ctx);
      for (const { state } of reachedOf(ctx)) {
        for (let i = 0; i < ctx.n; i++) {
          assert.equal(Views.key(views.alone(i, state)), Views.key(views.of(i, erasure.erase(i, state))));
        }
      }
    }
  });
});

describe('isolation counterexamples', () => {
  it('a step-consistency counterexample gives two traces that replay and end in the stated difference', async () => {
    const config = { ...twoTrusted, hypervisor: { flushTlbOnSwitch: false } };
    const { model, verdicts } = await checkWith(config, ['isolation']);
    const c = counterexampleIn(verdicts[0]!);
    assert.deepEqual(
      c.traces.map((t) => t.label),
      ['first', 'second'],
    );
    assert.match(c.detail, /^step consistency: OS 1 cannot tell the two states apart, but after switch\(1\) OS 1's TLB is empty in the first run and \[0->foreign\] in the second$/);
    assert.equal(c.length, Math.max(...c.traces.map((t) => t.trace.steps.length)));
    for (const { trace } of c.traces) {
      const replayed = replayTrace(model, parseItf(JSON.parse(itfText(traceToItf({ trace }, { source: 'test', description: 'isolation' })))));
      assert.equal(replayed.failure, undefined);
    }
    const views = new Views(model.ctx);
    const [first, second] = c.traces.map((t) => views.of(1, lastState(t.trace)));
    assert.equal(first!.tlb, '[]');
    assert.equal(second!.tlb, '[0->foreign]');
    // Before the last action, OS 1 could not tell the two states apart.
    const [x, y] = c.traces.map((t) => t.trace.steps.at(-2)?.state ?? t.trace.initial);
    assert.equal(Views.key(views.of(1, x!)), Views.key(views.of(1, y!)));
  });

  it('the verified design holds on the default and trusted configurations', async () => {
    for (const config of [{}, { oses: [{ trusted: true }, {}] }]) {
      const { verdicts } = await checkWith(config, ['isolation', 'transparency']);
      assert.deepEqual(
        verdicts.map((v) => v.status),
        ['holds', 'holds'],
      );
    }
  });
});
