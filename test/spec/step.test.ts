// The executable specification, action by action: a success case and a case
// for each error code (MODEL.md section 3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { is, List } from 'immutable';
import { initialState } from '../../src/state/initial.js';
import { entry, HYP, NONE, OTHER, rw, type Entry, type State } from '../../src/state/records.js';
import { step } from '../../src/spec/step.js';
import { formatResponse } from '../../src/spec/response.js';
import { action, contextOf, run, served, take } from '../helpers.js';

// Two OSes; with the defaults (M = 4, partitioned) OS 0 owns pages 0-1 and OS 1 pages 2-3,
// and each starts with its page table at pa 0 on its lowest page.
const untrusted = contextOf();
const trusted = contextOf({ oses: [{ trusted: true }, { trusted: false }] });
const reserved = contextOf({ oses: [{ trusted: true }], virtualAddresses: 3, reservedVirtualAddresses: 1, machinePages: 3 });

/** Trusted OS 0 running, with va 0 mapped to its RW page 1 (pa 1). */
const mapped = run(trusted, ['chmod', 'pin(1, rw)', 'new(0, 1)']);

const pairs = (entries: List<Entry>) => entries.map((e) => ({ va: e.va, ma: e.ma })).toArray();

function answer(ctx = trusted, s: State, notation: string): string {
  return formatResponse(take(ctx, s, notation).response);
}

function assertError(ctx: typeof trusted, s: State, notation: string, code: string): void {
  const outcome = take(ctx, s, notation);
  assert.equal(formatResponse(outcome.response), `err(${code})`);
  assert.ok(is(outcome.state, s), 'an error leaves the state unchanged');
}

describe('initial state', () => {
  it('pins a page table at pa 0 on the lowest page of each partition', () => {
    const s = initialState(untrusted);
    assert.equal(s.p2m.get(0)!.get(0), 0);
    assert.equal(s.p2m.get(1)!.get(0), 2);
    assert.equal(s.memory.get(0)!.owner, 0);
    assert.equal(s.memory.get(2)!.owner, 1);
    assert.equal(s.memory.get(1)!.owner, NONE);
    assert.deepEqual([s.active, s.activity, s.mode, s.cache.size, s.tlb.size], [0, 'waiting', 'svc', 0, 0]);
  });

  it('maps reserved addresses to hypervisor pages', () => {
    const s = initialState(reserved);
    const table = s.memory.get(0)!.content;
    assert.equal(table.kind, 'pt');
    assert.deepEqual(table.kind === 'pt' ? table.mappings.toJS() : null, { 2: 3 });
    assert.equal(s.memory.get(3)!.owner, HYP);
  });
});

describe('read', () => {
  it('is disabled while the hypervisor is waiting', () => {
    assert.equal(step(trusted, initialState(trusted), action(trusted, 'read(0)')), null);
  });

  it('misses, then hits, filling cache and TLB with the translation', () => {
    const first = take(trusted, mapped, 'read(0)');
    assert.equal(formatResponse(first.response), 'ok(null, miss)');
    assert.deepEqual(pairs(first.state.cache), [{ va: 0, ma: 1 }]);
    assert.deepEqual(pairs(first.state.tlb), [{ va: 0, ma: 1 }]);
    assert.equal(answer(trusted, first.state, 'read(0)'), 'ok(null, hit)');
  });

  it('answers InvalidAddress for a reserved address', () => {
    assertError(reserved, run(reserved, ['chmod']), 'read(2)', 'InvalidAddress');
  });

  it('answers NotMapped for an unmapped address, filling nothing', () => {
    assertError(trusted, mapped, 'read(1)', 'NotMapped');
  });

  it('answers WrongPageType when a cache hit reaches a page that is not RW', () => {
    assertError(trusted, mapped.set('cache', List([entry(0, 0)])), 'read(0)', 'WrongPageType');
  });

  it('answers WrongPageType when the TLB reaches a page that is not RW, undoing its reordering', () => {
    const ctx = contextOf({ oses: [{ trusted: true }, { trusted: false }], tlb: { size: 2 } });
    const s = run(ctx, ['chmod', 'pin(1, rw)', 'new(0, 1)']).set('tlb', List([entry(1, 0), entry(0, 1)]));
    assertError(ctx, s, 'read(1)', 'WrongPageType');
  });
});

describe('write', () => {
  it('stores the value, write-allocating in the cache', () => {
    const { state, response } = take(trusted, mapped, 'write(0, 1)');
    assert.equal(formatResponse(response), 'ok');
    assert.ok(is(state.memory.get(1)!.content, rw(1)));
    assert.equal(state.memory.get(1)!.owner, 0);
    assert.deepEqual(pairs(state.cache), [{ va: 0, ma: 1 }]);
    assert.equal(answer(trusted, state, 'read(0)'), 'ok(1, hit)');
  });

  it('answers InvalidAddress, NotMapped and WrongPageType like read', () => {
    assertError(reserved, run(reserved, ['chmod']), 'write(2, 0)', 'InvalidAddress');
    assertError(trusted, mapped, 'write(1, 0)', 'NotMapped');
    assertError(trusted, mapped.set('tlb', List([entry(1, 0)])), 'write(1, 0)', 'WrongPageType');
  });
});

describe('hcall', () => {
  it('records the operation and hands control to the hypervisor', () => {
    const s = run(untrusted, ['chmod', 'hcall(pin(1, rw))']);
    assert.equal(s.activity, 'waiting');
    assert.equal(s.mode, 'svc');
    assert.equal(answer(untrusted, s, 'silent'), 'ok');
    assert.equal(s.oss.get(0)!.hcall?.kind, 'pin');
  });

  it('answers TrustedHypercall for a trusted OS', () => {
    assertError(trusted, run(trusted, ['chmod']), 'hcall(pin(1, rw))', 'TrustedHypercall');
  });

  it('answers HypercallPending when one is already pending', () => {
    const pending = run(untrusted, ['chmod', 'hcall(del(0))']);
    assertError(untrusted, pending.with({ activity: 'running', mode: 'usr' }), 'hcall(del(1))', 'HypercallPending');
  });
});

describe('ret_ctrl, silent, switch and chmod', () => {
  it('ret_ctrl returns control to the hypervisor', () => {
    const s = run(untrusted, ['chmod', 'ret_ctrl']);
    assert.deepEqual([s.activity, s.mode], ['waiting', 'svc']);
    assert.equal(step(untrusted, s, action(untrusted, 'ret_ctrl')), null);
  });

  it('silent is always enabled and changes nothing', () => {
    for (const s of [initialState(untrusted), run(untrusted, ['chmod']), run(untrusted, ['chmod', 'hcall(del(0))'])]) {
      const outcome = take(untrusted, s, 'silent');
      assert.ok(is(outcome.state, s));
    }
  });

  it('switch makes another OS active and flushes cache and TLB', () => {
    const s = run(trusted, ['read(0)', 'ret_ctrl', 'switch(1)'], mapped);
    assert.deepEqual([s.active, s.activity, s.mode, s.cache.size, s.tlb.size], [1, 'waiting', 'svc', 0, 0]);
    assert.equal(run(trusted, ['switch(0)'], s).active, 0, 'switching to the active OS is allowed');
  });

  it('switch and chmod are disabled while a hypercall is pending or an OS runs', () => {
    const pending = run(untrusted, ['chmod', 'hcall(del(0))']);
    for (const notation of ['switch(1)', 'chmod']) {
      assert.equal(step(untrusted, pending, action(untrusted, notation)), null);
      assert.equal(step(untrusted, run(untrusted, ['chmod']), action(untrusted, notation)), null);
    }
  });

  it('chmod runs an untrusted OS in usr mode and a trusted one in svc mode', () => {
    assert.equal(run(untrusted, ['chmod']).mode, 'usr');
    assert.equal(run(trusted, ['chmod']).mode, 'svc');
  });
});

describe('privileged operations: gate and service', () => {
  it('answers NotPrivileged to an untrusted OS that attempts one itself', () => {
    assertError(untrusted, run(untrusted, ['chmod']), 'pin(1, rw)', 'NotPrivileged');
  });

  it('serves only the pending operation, consuming it', () => {
    const pending = run(untrusted, ['chmod', 'hcall(pin(1, rw))']);
    assert.equal(step(untrusted, pending, action(untrusted, 'pin(1, pt)')), null);
    const { state, response } = take(untrusted, pending, 'pin(1, rw)');
    assert.equal(formatResponse(response), 'ok');
    assert.equal(state.oss.get(0)!.hcall, null);
    assert.equal(state.activity, 'waiting');
  });

  it('consumes a served hypercall that fails, changing nothing else', () => {
    const pending = run(untrusted, ['chmod', 'hcall(unpin(1))']);
    const { state, response } = take(untrusted, pending, 'unpin(1)');
    assert.equal(formatResponse(response), 'err(NotPinned)');
    assert.ok(is(state, pending.set('oss', pending.oss.set(0, pending.oss.get(0)!.withHcall(null)))));
  });
});

describe('pin', () => {
  it('pins an RW page holding null on the lowest free page of the partition', () => {
    const s = run(trusted, ['chmod', 'pin(1, rw)']);
    assert.equal(s.p2m.get(0)!.get(1), 1);
    assert.ok(is(s.memory.get(1)!.content, rw(null)));
  });

  it('pins a fresh page table holding only the reserved entries', () => {
    const s = run(reserved, ['chmod', 'pin(1, pt)']);
    const content = s.memory.get(1)!.content;
    assert.deepEqual(content.kind === 'pt' ? content.mappings.toJS() : null, { 2: 3 });
  });

  it('answers AlreadyPinned and OutOfMemory', () => {
    assertError(trusted, run(trusted, ['chmod']), 'pin(0, rw)', 'AlreadyPinned');
    const wide = contextOf({ oses: [{ trusted: true }, { trusted: false }], physicalAddresses: 3 });
    assertError(wide, run(wide, ['chmod', 'pin(1, rw)']), 'pin(2, rw)', 'OutOfMemory');
  });
});

describe('unpin', () => {
  it('frees the page', () => {
    const s = run(trusted, ['chmod', 'pin(1, rw)', 'unpin(1)']);
    assert.equal(s.p2m.get(0)!.has(1), false);
    assert.equal(s.memory.get(1)!.owner, NONE);
    assert.ok(is(s.memory.get(1)!.content, OTHER));
  });

  it('answers NotPinned, and PageInUse for the current page table or a mapped page', () => {
    assertError(trusted, run(trusted, ['chmod']), 'unpin(1)', 'NotPinned');
    assertError(trusted, run(trusted, ['chmod']), 'unpin(0)', 'PageInUse');
    assertError(trusted, mapped, 'unpin(1)', 'PageInUse');
  });
});

describe('new and del', () => {
  it('new maps a virtual address to a pinned RW page in the current page table', () => {
    const table = mapped.memory.get(0)!.content;
    assert.deepEqual(table.kind === 'pt' ? table.mappings.toJS() : null, { 0: 1 });
  });

  it('new answers InvalidAddress, NotPinned, WrongPageType and AlreadyMapped', () => {
    assertError(reserved, run(reserved, ['chmod', 'pin(1, rw)']), 'new(2, 1)', 'InvalidAddress');
    assertError(trusted, run(trusted, ['chmod']), 'new(0, 1)', 'NotPinned');
    assertError(trusted, run(trusted, ['chmod']), 'new(0, 0)', 'WrongPageType');
    assertError(trusted, mapped, 'new(0, 1)', 'AlreadyMapped');
  });

  it('del removes the mapping and its cache and TLB entries', () => {
    const s = run(trusted, ['read(0)', 'del(0)'], mapped);
    const table = s.memory.get(0)!.content;
    assert.deepEqual(table.kind === 'pt' ? table.mappings.toJS() : null, {});
    assert.deepEqual([s.cache.size, s.tlb.size], [0, 0]);
  });

  it('del answers InvalidAddress and NotMapped', () => {
    assertError(reserved, run(reserved, ['chmod']), 'del(2)', 'InvalidAddress');
    assertError(trusted, mapped, 'del(1)', 'NotMapped');
  });
});

describe('lswitch', () => {
  it('makes another page table current and flushes cache and TLB', () => {
    const wide = contextOf({ oses: [{ trusted: true }, { trusted: false }], physicalAddresses: 3, machinePages: 6 });
    const s = run(wide, ['chmod', 'pin(1, rw)', 'new(0, 1)', 'read(0)', 'pin(2, pt)', 'lswitch(2)']);
    assert.equal(s.oss.get(0)!.currPage, 2);
    assert.deepEqual([s.cache.size, s.tlb.size], [0, 0]);
    assert.equal(answer(wide, s, 'read(0)'), 'err(NotMapped)');
  });

  it('answers NotPinned and WrongPageType', () => {
    assertError(trusted, run(trusted, ['chmod']), 'lswitch(1)', 'NotPinned');
    assertError(trusted, mapped, 'lswitch(1)', 'WrongPageType');
  });
});

describe('served scripts', () => {
  it('an untrusted OS maps and uses a page through hypercalls', () => {
    const s = run(untrusted, ['chmod', ...served('pin(1, rw)'), ...served('new(0, 1)'), 'write(0, 1)', 'read(0)']);
    assert.ok(is(s.memory.get(1)!.content, rw(1)));
    assert.equal(s.oss.get(0)!.hcall, null);
  });
});
