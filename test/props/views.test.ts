// view_i(s): what an OS observes, component by component (MODEL.md section 6.1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { List } from 'immutable';
import { entry } from '../../src/state/records.js';
import { ViewBytes } from '../../src/props/view-bytes.js';
import { Views, viewDifferences } from '../../src/props/views.js';
import { contextOf, reachableStates, run } from '../helpers.js';

const config = { oses: [{ trusted: true }, { trusted: true }], virtualAddresses: 3, reservedVirtualAddresses: 1, machinePages: 6 };
const ctx = contextOf(config);
/** OS 0 running, va 0 mapped to its RW page (pa 1, machine page 1) holding 1. */
const s = run(ctx, ['chmod', 'pin(1, rw)', 'new(0, 1)', 'write(0, 1)']);

describe('views', () => {
  it('show the active OS its activity, record, pages, cache, TLB and free pages', () => {
    const view = new Views(ctx).of(0, s);
    assert.deepEqual(view, {
      status: 'active, running, svc',
      os: 'currPage 0, hcall none',
      memory: 'pa 0: PT{0->pa 1, 2->hyp}; pa 1: RW(1)',
      cache: '[0->pa 1]',
      tlb: '[0->pa 1]',
      freePages: '[Other]',
      p2m: '',
    });
  });

  it('hide cache and TLB from an OS that is not active, and name foreign pages', () => {
    const views = new Views(ctx);
    const other = views.of(1, s);
    assert.deepEqual([other.status, other.cache, other.tlb, other.memory], ['not active', '', '', 'pa 0: PT{2->hyp}']);
    const stale = s.set('tlb', List([entry(0, 3)]));
    assert.equal(views.of(0, stale).tlb, '[0->foreign]');
  });

  it('show machine addresses only when they are observable', () => {
    const observing = contextOf({ ...config, observe: { machineAddresses: true } });
    const view = new Views(observing).of(0, run(observing, ['chmod', 'pin(1, rw)', 'new(0, 1)']));
    assert.equal(view.memory, 'pa 0 (ma 0): PT{0->pa 1 (ma 1), 2->hyp (ma 6)}; pa 1 (ma 1): RW(null)');
    assert.equal(view.p2m, '{0->0, 1->1}');
  });

  it('say which components differ', () => {
    const views = new Views(ctx);
    const before = views.of(0, s);
    const after = views.of(0, s.set('cache', List()));
    assert.deepEqual(viewDifferences(0, before, after, ['before', 'after']), ["OS 0's cache is [0->pa 1] before and empty after"]);
    assert.equal(views.same(0, s, s.set('cache', List())), false);
    assert.equal(views.same(1, s, s.set('cache', List())), true);
  });
});

describe('view bytes', () => {
  it('equal bytes and equal texts go together, on every reachable state', () => {
    const configurations = [
      { oses: [{ trusted: true }, {}], virtualAddresses: 2, reservedVirtualAddresses: 1, machinePages: 4, values: 1 },
      { oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false, flushCacheOnSwitch: false } },
      { oses: [{ trusted: true }, { trusted: true }], virtualAddresses: 1, values: 1, cache: { size: 0 }, tlb: { size: 0 }, hypervisor: { allocation: 'shared', scrubFreedPages: false }, observe: { machineAddresses: true } },
      { oses: [{ trusted: true }], virtualAddresses: 2, values: 1, physicalAddresses: 3, machinePages: 3, hypervisor: { scrubFreedPages: false, invalidateOnUnmap: false } },
    ];
    for (const config of configurations) {
      const ctx = contextOf(config);
      const views = new Views(ctx);
      const bytes = new ViewBytes(ctx);
      const textOf = new Map<string, string>();
      const bytesOf = new Map<string, string>();
      for (const s of reachableStates(ctx)) {
        for (let i = 0; i < ctx.n; i++) {
          const b = Buffer.from(bytes.of(i, s)).toString('hex');
          const t = Views.key(views.of(i, s));
          assert.equal(textOf.get(b) ?? t, t, `bytes ${b} stand for two views`);
          assert.equal(bytesOf.get(t) ?? b, b, `view ${t} has two encodings`);
          textOf.set(b, t);
          bytesOf.set(t, b);
        }
      }
      assert.ok(textOf.size > 10);
    }
  });
});
