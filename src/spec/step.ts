// The executable specification: the deterministic, total `step(s, a)` of
// MODEL.md section 3. Each action runs its checks in the documented order and
// answers the first that fails; on an error the state is left as it was (a
// served hypercall aside, which is consumed).
import type { Map as IMap } from 'immutable';
import type { Action, Op } from '../state/actions.js';
import { isAccessible, mayAllocate, type Context } from '../state/context.js';
import { freshPageTable } from '../state/initial.js';
import { entry, FREE_PAGE, NONE, Page, pt, rw, type State } from '../state/records.js';
import { dropWhere, EMPTY, fill, findVa, touch } from './replacement.js';
import { err, OK, type ErrorCode, type Outcome } from './response.js';
import { isEnabled } from './enabled.js';

export function step(ctx: Context, s: State, a: Action): Outcome | null {
  if (!isEnabled(ctx, s, a)) return null;
  switch (a.kind) {
    case 'read':
      return access(ctx, s, a.va, null);
    case 'write':
      return access(ctx, s, a.va, a.val);
    case 'hcall':
      return hypercall(ctx, s, a.op);
    case 'ret_ctrl':
      return { state: s.with({ activity: 'waiting', mode: 'svc' }), response: OK };
    case 'silent':
      return { state: s, response: OK };
    case 'switch':
      return switchTo(ctx, s, a.os);
    case 'chmod':
      return chmod(ctx, s);
    default:
      return privileged(ctx, s, a);
  }
}

function fail(s: State, code: ErrorCode): Outcome {
  return { state: s, response: err(code) };
}

/** The current page table of the active OS: its machine page and entries. */
function currentTable(s: State): { ma: number; mappings: IMap<number, number> } | null {
  const o = s.active;
  const ma = s.p2m.get(o)?.get(s.oss.get(o)!.currPage);
  if (ma === undefined) return null;
  const content = s.memory.get(ma)!.content;
  return content.kind === 'pt' ? { ma, mappings: content.mappings } : null;
}

/** read (val = null) and write: the same checks; a cache hit consults no TLB or page table. */
function access(ctx: Context, s: State, va: number, val: number | null): Outcome {
  if (!isAccessible(ctx, va)) return fail(s, 'InvalidAddress');
  const cacheAt = findVa(s.cache, va);
  if (cacheAt >= 0) {
    const ma = s.cache.get(cacheAt)!.ma;
    const content = s.memory.get(ma)!.content;
    if (content.kind !== 'rw') return fail(s, 'WrongPageType');
    const cache = touch(s.cache, cacheAt, ctx.cache.policy);
    if (val === null) return { state: s.set('cache', cache), response: { kind: 'value', value: content.value, hit: true } };
    return { state: s.with({ cache, memory: writePage(s, ma, val) }), response: OK };
  }
  let tlb = s.tlb;
  let ma: number;
  const tlbAt = findVa(tlb, va);
  if (tlbAt >= 0) {
    ma = tlb.get(tlbAt)!.ma;
    tlb = touch(tlb, tlbAt, ctx.tlb.policy);
  } else {
    const mapped = currentTable(s)?.mappings.get(va);
    if (mapped === undefined) return fail(s, 'NotMapped');
    ma = mapped;
    tlb = fill(tlb, entry(va, ma), ctx.tlb.size);
  }
  const content = s.memory.get(ma)!.content;
  if (content.kind !== 'rw') return fail(s, 'WrongPageType');
  const cache = fill(s.cache, entry(va, ma), ctx.cache.size);
  if (val === null) {
    return { state: s.with({ cache, tlb }), response: { kind: 'value', value: content.value, hit: false } };
  }
  return { state: s.with({ cache, tlb, memory: writePage(s, ma, val) }), response: OK };
}

function writePage(s: State, ma: number, val: number) {
  return s.memory.set(ma, s.memory.get(ma)!.withContent(rw(val)));
}

function hypercall(ctx: Context, s: State, op: Op): Outcome {
  const o = s.active;
  if (ctx.trusted[o]) return fail(s, 'TrustedHypercall');
  if (s.oss.get(o)!.hcall !== null) return fail(s, 'HypercallPending');
  return {
    state: s.with({ oss: s.oss.set(o, s.oss.get(o)!.withHcall(op)), activity: 'waiting', mode: 'svc' }),
    response: OK,
  };
}

function switchTo(ctx: Context, s: State, j: number): Outcome {
  return {
    state: s.with({
      active: j,
      activity: 'waiting',
      mode: 'svc',
      cache: ctx.knobs.flushCacheOnSwitch ? EMPTY : s.cache,
      tlb: ctx.knobs.flushTlbOnSwitch ? EMPTY : s.tlb,
    }),
    response: OK,
  };
}

function chmod(ctx: Context, s: State): Outcome {
  return { state: s.with({ activity: 'running', mode: ctx.trusted[s.active] ? 'svc' : 'usr' }), response: OK };
}

/**
 * A privileged operation, attempted by the running OS itself or served by the
 * hypervisor for the pending hypercall. A served hypercall is consumed whether
 * it succeeds or fails (unless knob consumeFailedHypercall is false).
 */
function privileged(ctx: Context, s: State, op: Op): Outcome {
  const o = s.active;
  // Enabled while waiting only for the pending hypercall: then it is served.
  const served = s.activity === 'waiting';
  if (!served && s.mode === 'usr') return fail(s, 'NotPrivileged');
  const outcome = perform(ctx, s, o, op);
  if (!served) return outcome;
  if (outcome.response.kind === 'err' && !ctx.knobs.consumeFailedHypercall) return outcome;
  const after = outcome.state;
  return { state: after.set('oss', after.oss.set(o, after.oss.get(o)!.withHcall(null))), response: outcome.response };
}

function perform(ctx: Context, s: State, o: number, op: Op): Outcome {
  switch (op.kind) {
    case 'pin':
      return pin(ctx, s, o, op.pa, op.page);
    case 'unpin':
      return unpin(ctx, s, o, op.pa);
    case 'new':
      return newMapping(ctx, s, o, op.va, op.pa);
    case 'del':
      return deleteMapping(ctx, s, op.va);
    case 'lswitch':
      return lswitch(ctx, s, o, op.pa);
  }
}

function pin(ctx: Context, s: State, o: number, pa: number, kind: 'rw' | 'pt'): Outcome {
  const map = s.p2m.get(o)!;
  if (map.has(pa)) return fail(s, 'AlreadyPinned');
  const ma = s.memory.findIndex((page, m) => page.owner === NONE && mayAllocate(ctx, o, m));
  if (ma < 0) return fail(s, 'OutOfMemory');
  const left = s.memory.get(ma)!.content;
  const content =
    kind === 'pt' ? freshPageTable(ctx) : !ctx.knobs.scrubFreedPages && left.kind === 'rw' ? left : rw(null);
  return {
    state: s.with({
      p2m: s.p2m.set(o, map.set(pa, ma)),
      memory: s.memory.set(ma, new Page(o, content)),
    }),
    response: OK,
  };
}

function unpin(ctx: Context, s: State, o: number, pa: number): Outcome {
  const map = s.p2m.get(o)!;
  const ma = map.get(pa);
  if (ma === undefined) return fail(s, 'NotPinned');
  if (pa === s.oss.get(o)!.currPage) return fail(s, 'PageInUse');
  const referenced = s.memory.some(
    (page) => page.owner === o && page.content.kind === 'pt' && page.content.mappings.includes(ma),
  );
  if (referenced) return fail(s, 'PageInUse');
  const freed = ctx.knobs.scrubFreedPages ? FREE_PAGE : new Page(NONE, s.memory.get(ma)!.content);
  const invalidate = ctx.knobs.invalidateOnUnmap;
  return {
    state: s.with({
      p2m: s.p2m.set(o, map.delete(pa)),
      memory: s.memory.set(ma, freed),
      cache: invalidate ? dropWhere(s.cache, (e) => e.ma === ma) : s.cache,
      tlb: invalidate ? dropWhere(s.tlb, (e) => e.ma === ma) : s.tlb,
    }),
    response: OK,
  };
}

function newMapping(ctx: Context, s: State, o: number, va: number, pa: number): Outcome {
  if (!isAccessible(ctx, va)) return fail(s, 'InvalidAddress');
  const ma = s.p2m.get(o)!.get(pa);
  if (ma === undefined) return fail(s, 'NotPinned');
  if (s.memory.get(ma)!.content.kind !== 'rw') return fail(s, 'WrongPageType');
  const table = requireTable(s);
  if (table.mappings.has(va)) return fail(s, 'AlreadyMapped');
  return {
    state: s.set(
      'memory',
      s.memory.set(table.ma, s.memory.get(table.ma)!.withContent(pt(table.mappings.set(va, ma)))),
    ),
    response: OK,
  };
}

function deleteMapping(ctx: Context, s: State, va: number): Outcome {
  if (!isAccessible(ctx, va)) return fail(s, 'InvalidAddress');
  const table = currentTable(s);
  if (!table || !table.mappings.has(va)) return fail(s, 'NotMapped');
  const invalidate = ctx.knobs.invalidateOnUnmap;
  return {
    state: s.with({
      memory: s.memory.set(table.ma, s.memory.get(table.ma)!.withContent(pt(table.mappings.delete(va)))),
      cache: invalidate ? dropWhere(s.cache, (e) => e.va === va) : s.cache,
      tlb: invalidate ? dropWhere(s.tlb, (e) => e.va === va) : s.tlb,
    }),
    response: OK,
  };
}

function lswitch(ctx: Context, s: State, o: number, pa: number): Outcome {
  const ma = s.p2m.get(o)!.get(pa);
  if (ma === undefined) return fail(s, 'NotPinned');
  if (s.memory.get(ma)!.content.kind !== 'pt') return fail(s, 'WrongPageType');
  const flush = ctx.knobs.flushOnLswitch;
  return {
    state: s.with({
      oss: s.oss.set(o, s.oss.get(o)!.withCurrPage(pa)),
      cache: flush ? EMPTY : s.cache,
      tlb: flush ? EMPTY : s.tlb,
    }),
    response: OK,
  };
}

/**
 * Every design variant keeps the current page of every OS a page table
 * (valid-state conjunct 6); `new` has no error code for its absence.
 */
function requireTable(s: State): { ma: number; mappings: IMap<number, number> } {
  const table = currentTable(s);
  if (!table) throw new Error(`invariant broken: the current page of OS ${s.active} is not a page table`);
  return table;
}
