// Post's frame on the OSes an action does not touch: a change to another OS's
// record or p2m map fails Post, and a map rebuilt with equal values is no
// change (maps compare by value, as everywhere in the model).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Map as IMap } from 'immutable';
import { AXIOMATIC } from '../../src/spec/axiomatic.js';
import { OsState } from '../../src/state/records.js';
import { action, contextOf, run, take } from '../helpers.js';

describe('axiomatic Post: the other OSes', () => {
  const ctx = contextOf();
  // OS 0 running, then asking for pin(1, rw): the hypervisor serves it next.
  const running = run(ctx, ['chmod']);
  const asked = take(ctx, running, 'hcall(pin(1, rw))');
  const pending = asked.state;
  const pinned = take(ctx, pending, 'pin(1, rw)');

  it('holds for the executable step, and for states whose maps are rebuilt with equal values', () => {
    assert.equal(AXIOMATIC.post(ctx, running, action(ctx, 'hcall(pin(1, rw))'), asked.state, asked.response), null);
    assert.equal(AXIOMATIC.post(ctx, pending, action(ctx, 'pin(1, rw)'), pinned.state, pinned.response), null);
    const rebuiltOss = pinned.state.set('oss', IMap([...pinned.state.oss.entries()].map(([os, r]) => [os, new OsState(r.currPage, r.hcall)])));
    const rebuiltP2m = rebuiltOss.set('p2m', IMap([...pinned.state.p2m.entries()].map(([os, map]) => [os, IMap([...map.entries()])])));
    assert.notEqual(rebuiltP2m.oss, pinned.state.oss);
    assert.equal(AXIOMATIC.post(ctx, pending, action(ctx, 'pin(1, rw)'), rebuiltP2m, pinned.response), null);
  });

  it("fails when another OS's record changes", () => {
    const other = asked.state.oss.get(1)!;
    const changed = asked.state.set('oss', asked.state.oss.set(1, other.withCurrPage(other.currPage + 1)));
    assert.equal(AXIOMATIC.post(ctx, running, action(ctx, 'hcall(pin(1, rw))'), changed, asked.response), 'another OS record changed');
  });

  it("fails when another OS's p2m map changes", () => {
    const after = pinned.state;
    const changed = after.set('p2m', after.p2m.set(1, after.p2m.get(1)!.set(1, 3)));
    assert.equal(AXIOMATIC.post(ctx, pending, action(ctx, 'pin(1, rw)'), changed, pinned.response), "another OS's p2m changed");
    const dropped = after.set('p2m', after.p2m.delete(1));
    assert.equal(AXIOMATIC.post(ctx, pending, action(ctx, 'pin(1, rw)'), dropped, pinned.response), "another OS's p2m changed");
  });
});
