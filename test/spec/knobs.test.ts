// Each non-default design knob changes the executable specification exactly
// where MODEL.md section 7 says: over every reachable state and every action
// of a small configuration, the knob's step and the default step differ only
// in the documented place, and they do differ somewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { is } from 'immutable';
import { isOp, type Action } from '../../src/state/actions.js';
import type { Context } from '../../src/state/context.js';
import { NONE, type State } from '../../src/state/records.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { sameResponse, type Outcome } from '../../src/spec/response.js';
import { step } from '../../src/spec/step.js';
import { contextOf, reachableStates } from '../helpers.js';

type Difference = (s: State, a: Action, base: Outcome | null, varied: Outcome | null) => boolean;

interface KnobCase {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly knob: Record<string, unknown>;
  /** Is this difference between the default and the knob's step the documented one? */
  readonly documented: Difference | null;
}

const okBoth = (base: Outcome | null, varied: Outcome | null): base is Outcome =>
  base !== null && varied !== null && base.response.kind === 'ok' && varied.response.kind === 'ok';

/** The memory pages at which two states differ, provided nothing else differs. */
function differingPages(x: State, y: State): number[] | null {
  if (!is(x.set('memory', y.memory), y)) return null;
  return x.memory.keySeq().filter((ma) => !is(x.memory.get(ma), y.memory.get(ma))).toArray();
}

const small = { virtualAddresses: 1, values: 1 };

const cases: KnobCase[] = [
  {
    name: 'flushCacheOnSwitch: false keeps the cache on switch',
    config: small,
    knob: { flushCacheOnSwitch: false },
    documented: (s, a, base, varied) =>
      a.kind === 'switch' && okBoth(base, varied) && s.cache.size > 0 && is(varied!.state, base.state.set('cache', s.cache)),
  },
  {
    name: 'flushTlbOnSwitch: false keeps the TLB on switch',
    config: small,
    knob: { flushTlbOnSwitch: false },
    documented: (s, a, base, varied) =>
      a.kind === 'switch' && okBoth(base, varied) && s.tlb.size > 0 && is(varied!.state, base.state.set('tlb', s.tlb)),
  },
  {
    name: 'flushOnLswitch: false keeps cache and TLB on lswitch',
    config: { ...small, oses: [{ trusted: true }] },
    knob: { flushOnLswitch: false },
    documented: (s, a, base, varied) =>
      a.kind === 'lswitch' && okBoth(base, varied) && is(varied!.state, base.state.with({ cache: s.cache, tlb: s.tlb })),
  },
  {
    name: 'invalidateOnUnmap: false keeps entries on del and unpin',
    config: { ...small, oses: [{ trusted: true }] },
    knob: { invalidateOnUnmap: false },
    documented: (s, a, base, varied) =>
      (a.kind === 'del' || a.kind === 'unpin') &&
      okBoth(base, varied) &&
      is(varied!.state, base.state.with({ cache: s.cache, tlb: s.tlb })),
  },
  {
    name: 'scrubFreedPages: false keeps the content of freed pages, and RW data on re-pin',
    config: { ...small, oses: [{ trusted: true }] },
    knob: { scrubFreedPages: false },
    documented: (s, a, base, varied) => {
      if (!okBoth(base, varied) || (a.kind !== 'unpin' && !(a.kind === 'pin' && a.page === 'rw'))) return false;
      const pages = differingPages(base.state, varied!.state);
      if (pages?.length !== 1) return false;
      const ma = pages[0]!;
      const kept = varied!.state.memory.get(ma)!;
      const left = s.memory.get(ma)!.content;
      return a.kind === 'unpin' ? kept.owner === NONE && is(kept.content, left) : left.kind === 'rw' && is(kept.content, left);
    },
  },
  {
    name: 'consumeFailedHypercall: false leaves a failed hypercall pending',
    config: small,
    knob: { consumeFailedHypercall: false },
    documented: (s, a, base, varied) =>
      s.activity === 'waiting' &&
      isOp(a) &&
      base?.response.kind === 'err' &&
      varied !== null &&
      sameResponse(base.response, varied.response) &&
      is(varied.state, s) &&
      is(base.state, s.set('oss', s.oss.set(s.active, s.oss.get(s.active)!.withHcall(null)))),
  },
  {
    name: 'switchWithPendingHypercall: true enables switch away from a pending hypercall',
    config: { ...small, physicalAddresses: 1 },
    knob: { switchWithPendingHypercall: true },
    documented: (s, a, base, varied) =>
      a.kind === 'switch' && base === null && varied !== null && s.oss.get(s.active)!.hcall !== null,
  },
  {
    name: 'allocation: shared lets pin take any free guest page',
    config: { ...small, machinePages: 3 },
    knob: { allocation: 'shared' },
    documented: (_s, a) => a.kind === 'pin',
  },
];

function outcomesDiffer(x: Outcome | null, y: Outcome | null): boolean {
  if (x === null || y === null) return x !== y;
  return !sameResponse(x.response, y.response) || !is(x.state, y.state);
}

function compare(base: Context, varied: Context, documented: Difference | null): number {
  let differences = 0;
  for (const s of reachableStates(varied)) {
    for (const a of alphabetOf(varied).actions) {
      const x = step(base, s, a);
      const y = step(varied, s, a);
      if (!outcomesDiffer(x, y)) continue;
      differences++;
      assert.ok(documented?.(s, a, x, y), `undocumented difference on ${JSON.stringify(a)} from ${JSON.stringify(s)}`);
    }
  }
  return differences;
}

describe('design knobs change step exactly where documented', () => {
  for (const { name, config, knob, documented } of cases) {
    it(name, () => {
      const differences = compare(contextOf(config), contextOf({ ...config, hypervisor: knob }), documented);
      assert.ok(differences > 0, 'the knob never changes anything');
    });
  }

  it('observe.machineAddresses changes no step (it only widens the views)', () => {
    const differences = compare(contextOf(small), contextOf({ ...small, observe: { machineAddresses: true } }), null);
    assert.equal(differences, 0);
  });
});
