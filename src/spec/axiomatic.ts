// The axiomatic specification (MODEL.md section 4): for every action,
// Enabled(s, a), Pre(s, a), Post(s, a, s') as a relation and ErrorMsg(s, a, ec).
// It is written independently of the executable `step` and never calls it.
// It is nondeterministic where the papers are: `pin` may take any allowed free
// page, cache and TLB are compared as sets, and a fill into a full buffer may
// evict any one entry.
import { is, type List, type Map as IMap } from '../state/immutable.js';
import { isOp, sameOp, type Action, type Op } from '../state/actions.js';
import { isAccessible, mayAllocate, type Context } from '../state/context.js';
import { NONE, STATE_FIELDS, type Content, type Entry, type State, type StateField } from '../state/records.js';
import type { ErrorCode, Response } from './response.js';

// ---------------------------------------------------------------------------
// Reading a state

function pendingOf(s: State, os: number): Op | null {
  return s.oss.get(os)?.hcall ?? null;
}

// Enabled is asked of one state for every action in turn: the active OS's pending hypercall is kept from the last ask.
let askedState: State | null = null;
let askedPending: Op | null = null;

/** oss[o].hcall for the active OS o. */
function activePending(s: State): Op | null {
  if (s !== askedState) {
    askedPending = pendingOf(s, s.active);
    askedState = s;
  }
  return askedPending;
}

function contentAt(s: State, ma: number): Content | undefined {
  return s.memory.get(ma)?.content;
}

/** The machine page of the active OS's current page table. */
function tablePage(s: State): number | undefined {
  const o = s.active;
  const curr = s.oss.get(o)?.currPage;
  return curr === undefined ? undefined : s.p2m.get(o)?.get(curr);
}

/** pt(s): the entries of the active OS's current page table (none if it is not a page table). */
function table(s: State): IMap<number, number> | undefined {
  const page = tablePage(s);
  const content = page === undefined ? undefined : contentAt(s, page);
  return content?.kind === 'pt' ? content.mappings : undefined;
}

function entryFor(buffer: List<Entry>, va: number): Entry | undefined {
  for (let i = 0; i < buffer.size; i++) if (buffer.get(i)!.va === va) return buffer.get(i);
  return undefined;
}

/** The machine page a memory access to `va` reaches: the cache's, the TLB's or the page table's. */
function reached(s: State, va: number): number | undefined {
  return entryFor(s.cache, va)?.ma ?? entryFor(s.tlb, va)?.ma ?? table(s)?.get(va);
}

function isRw(content: Content | undefined): boolean {
  return content?.kind === 'rw';
}

// ---------------------------------------------------------------------------
// Enabled

function enabled(ctx: Context, s: State, a: Action): boolean {
  const running = s.activity === 'running';
  const waiting = s.activity === 'waiting';
  switch (a.kind) {
    case 'read':
    case 'write':
    case 'hcall':
    case 'ret_ctrl':
      return running;
    case 'silent':
      return true;
    case 'switch':
      return (
        waiting && s.oss.has(a.os) && (activePending(s) === null || ctx.knobs.switchWithPendingHypercall)
      );
    case 'chmod':
      return waiting && activePending(s) === null;
    default: {
      const pending = activePending(s);
      return running || (waiting && pending !== null && sameOp(pending, a));
    }
  }
}

// ---------------------------------------------------------------------------
// Preconditions: each action's checks, in order, as (code, "this check fails in s")

type Check = readonly [ErrorCode, (s: State) => boolean];

function memoryAccessChecks(ctx: Context, va: number): Check[] {
  return [
    ['InvalidAddress', () => !isAccessible(ctx, va)],
    [
      'WrongPageType',
      (s) => {
        const hit = entryFor(s.cache, va);
        return hit !== undefined && !isRw(contentAt(s, hit.ma));
      },
    ],
    ['NotMapped', (s) => reached(s, va) === undefined],
    ['WrongPageType', (s) => !isRw(contentAt(s, reached(s, va)!))],
  ];
}

function opChecks(ctx: Context, op: Op): Check[] {
  const o = (s: State) => s.active;
  const mapOf = (s: State) => s.p2m.get(o(s));
  const pinned = (s: State, pa: number) => mapOf(s)?.has(pa) === true;
  const pageOf = (s: State, pa: number) => mapOf(s)?.get(pa);
  const gate: Check = ['NotPrivileged', (s) => s.activity === 'running' && s.mode === 'usr'];
  switch (op.kind) {
    case 'pin':
      return [
        gate,
        ['AlreadyPinned', (s) => pinned(s, op.pa)],
        [
          'OutOfMemory',
          (s) => !s.memory.some((page, ma) => page.owner === NONE && mayAllocate(ctx, o(s), ma)),
        ],
      ];
    case 'unpin':
      return [
        gate,
        ['NotPinned', (s) => !pinned(s, op.pa)],
        ['PageInUse', (s) => s.oss.get(o(s))?.currPage === op.pa],
        [
          'PageInUse',
          (s) =>
            s.memory.some(
              (page) =>
                page.owner === o(s) && page.content.kind === 'pt' && page.content.mappings.includes(pageOf(s, op.pa)!),
            ),
        ],
      ];
    case 'new':
      return [
        gate,
        ['InvalidAddress', () => !isAccessible(ctx, op.va)],
        ['NotPinned', (s) => !pinned(s, op.pa)],
        ['WrongPageType', (s) => !isRw(contentAt(s, pageOf(s, op.pa)!))],
        ['AlreadyMapped', (s) => table(s)?.has(op.va) === true],
      ];
    case 'del':
      return [
        gate,
        ['InvalidAddress', () => !isAccessible(ctx, op.va)],
        ['NotMapped', (s) => table(s)?.has(op.va) !== true],
      ];
    case 'lswitch':
      return [
        gate,
        ['NotPinned', (s) => !pinned(s, op.pa)],
        ['WrongPageType', (s) => contentAt(s, pageOf(s, op.pa)!)?.kind !== 'pt'],
      ];
  }
}

// The checks of an action depend on the context and the action only: built once per pair.
const checksByAction = new WeakMap<Context, WeakMap<Action, Check[]>>();

// The context asked last and its table: one context is asked for every transition of a run.
let lastContext: Context | null = null;
let lastByAction = new WeakMap<Action, Check[]>();

function checksOf(ctx: Context, a: Action): Check[] {
  let byAction = ctx === lastContext ? lastByAction : checksByAction.get(ctx);
  if (!byAction) checksByAction.set(ctx, (byAction = new WeakMap()));
  lastContext = ctx;
  lastByAction = byAction;
  let checks = byAction.get(a);
  if (!checks) byAction.set(a, (checks = buildChecks(ctx, a)));
  return checks;
}

function buildChecks(ctx: Context, a: Action): Check[] {
  switch (a.kind) {
    case 'read':
    case 'write':
      return memoryAccessChecks(ctx, a.va);
    case 'hcall':
      return [
        ['TrustedHypercall', (s) => ctx.trusted[s.active] === true],
        ['HypercallPending', (s) => pendingOf(s, s.active) !== null],
      ];
    case 'ret_ctrl':
    case 'silent':
    case 'switch':
    case 'chmod':
      return [];
    default:
      return opChecks(ctx, a);
  }
}

/** The code of the first check of `a` that fails in `s`, if any. */
function firstFailure(ctx: Context, s: State, a: Action): ErrorCode | undefined {
  for (const [code, fails] of checksOf(ctx, a)) if (fails(s)) return code;
  return undefined;
}

function pre(ctx: Context, s: State, a: Action): boolean {
  return firstFailure(ctx, s, a) === undefined;
}

/**
 * ErrorMsg(s, a, ec): the check that yields `ec` fails in `s`. Since MODEL.md
 * fixes the order of checks, it is the first check that fails.
 */
function errorMsg(ctx: Context, s: State, a: Action, ec: ErrorCode): boolean {
  return firstFailure(ctx, s, a) === ec;
}

// ---------------------------------------------------------------------------
// Postconditions, field by field. Each returns null when Post holds, or the
// clause that fails; `a ?? b ?? c` is the first of them that fails.

type Verdict = string | null;

function expect(holds: boolean, clause: string): Verdict {
  return holds ? null : clause;
}

/** "s' differs from s at most in `fields`." */
function differsAtMostIn(s: State, s2: State, fields: readonly StateField[]): Verdict {
  if (s === s2) return null;
  const replaced = replacedFields(s, s2);
  for (let i = 0; i < STATE_FIELDS.length; i++) {
    const field = STATE_FIELDS[i]!;
    if ((replaced & (1 << i)) !== 0 && !fields.includes(field) && !is(s[field], s2[field])) return `${field} changed`;
  }
  return null;
}

/** Bit i stands for STATE_FIELDS[i]. */
const FIELD_BIT = Object.fromEntries(STATE_FIELDS.map((field, i) => [field, 1 << i])) as Record<StateField, number>;

/** The fields that `s2` does not share with `s`, as bits: read one by one, since a computed key is slow here. */
function replacedFields(s: State, s2: State): number {
  const bit = FIELD_BIT;
  return (
    (s.active === s2.active ? 0 : bit.active) |
    (s.activity === s2.activity ? 0 : bit.activity) |
    (s.mode === s2.mode ? 0 : bit.mode) |
    (s.oss === s2.oss ? 0 : bit.oss) |
    (s.p2m === s2.p2m ? 0 : bit.p2m) |
    (s.memory === s2.memory ? 0 : bit.memory) |
    (s.cache === s2.cache ? 0 : bit.cache) |
    (s.tlb === s2.tlb ? 0 : bit.tlb)
  );
}

/** An entry as a number (va and ma each fit a byte: config LIMITS), so that sets of entries compare by value. */
function entryKey(va: number, ma: number): number {
  return va * 256 + ma;
}

function asSet(buffer: List<Entry>): Set<number> {
  const keys = new Set<number>();
  for (let i = 0; i < buffer.size; i++) keys.add(entryKey(buffer.get(i)!.va, buffer.get(i)!.ma));
  return keys;
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

/** A cache or TLB: no repeated va, within its size. */
function wellFormed(buffer: List<Entry>, size: number): boolean {
  return buffer.size <= size && new Set(buffer.map((e) => e.va)).size === buffer.size;
}

/** `after` holds the same entries as `before`, in any order. */
function unchangedAsSet(before: List<Entry>, after: List<Entry>, name: string): Verdict {
  // The same list holds the same entries: no sets to build (the common case, cheaply).
  if (before === after) return null;
  return expect(after.size === before.size && sameSet(asSet(before), asSet(after)), `${name} entries changed`);
}

/** `after` is `before` with (va, ma) added, having evicted any one entry if `before` was full. */
function filledWith(before: List<Entry>, after: List<Entry>, va: number, ma: number, size: number, name: string): Verdict {
  if (size === 0) return unchangedAsSet(before, after, name);
  const b = asSet(before);
  const a = asSet(after);
  if (!wellFormed(after, size) || a.size !== after.size || !a.has(entryKey(va, ma))) {
    return `${name} not filled with (${va}, ${ma})`;
  }
  const kept = [...b].filter((k) => a.has(k));
  const added = [...a].filter((k) => !b.has(k));
  if (added.length !== 1) return `${name} gained entries other than (${va}, ${ma})`;
  const evicted = b.size - kept.length;
  if (before.size < size) return expect(evicted === 0, `${name} evicted an entry though it was not full`);
  return expect(evicted === 1, `${name} did not evict exactly one entry when full`);
}

/** `after` holds exactly the entries of `before` that `drop` does not match. */
function removedWhere(before: List<Entry>, after: List<Entry>, drop: (e: Entry) => boolean, name: string): Verdict {
  return unchangedAsSet(before.filter((e) => !drop(e)), after, name);
}

function emptied(after: List<Entry>, name: string): Verdict {
  return expect(after.size === 0, `${name} not flushed`);
}

/** oss'[o] is oss[o] with the given hcall and currPage; every other OS record unchanged. */
function ossAfter(s: State, s2: State, hcall: Op | null, currPage: number): Verdict {
  const o = s.active;
  const after = s2.oss.get(o);
  if (!after) return `OS ${o} vanished from oss`;
  if (after.hcall !== hcall && !(after.hcall !== null && hcall !== null && sameOp(after.hcall, hcall))) {
    return `oss[${o}].hcall wrong`;
  }
  if (after.currPage !== currPage) return `oss[${o}].currPage wrong`;
  return expect(equalExcept(s.oss, s2.oss, o), 'another OS record changed');
}

/** `a` and `b` are equal maps once `key` is left out of both (as `is` compares them, without building the two). */
function equalExcept<V>(a: IMap<number, V>, b: IMap<number, V>, key: number): boolean {
  if (a === b) return true;
  if (a.size - (a.has(key) ? 1 : 0) !== b.size - (b.has(key) ? 1 : 0)) return false;
  return a.every((value, k) => k === key || (b.has(k) && is(value, b.get(k))));
}

/** Every memory page but those listed is unchanged. */
function otherPagesUnchanged(s: State, s2: State, changed: readonly number[]): Verdict {
  if (s.memory.size !== s2.memory.size) return 'memory size changed';
  for (let ma = 0; ma < s.memory.size; ma++) {
    if (!changed.includes(ma) && !is(s.memory.get(ma), s2.memory.get(ma))) return `memory[${ma}] changed`;
  }
  return null;
}

function otherMapsUnchanged(s: State, s2: State): Verdict {
  return expect(equalExcept(s.p2m, s2.p2m, s.active), "another OS's p2m changed");
}

function memoryAccessPost(ctx: Context, s: State, s2: State, va: number, val: number | null, r: Response): Verdict {
  const cached = entryFor(s.cache, va);
  const ma = reached(s, va)!;
  const fields: StateField[] = val === null ? ['cache', 'tlb'] : ['cache', 'tlb', 'memory'];
  return differsAtMostIn(s, s2, fields) ?? (val === null ? readAnswer(s, ma, cached, r) : written(s, s2, ma, val, r)) ?? buffersAfterAccess(ctx, s, s2, va, ma, cached);
}

function readAnswer(s: State, ma: number, cached: Entry | undefined, r: Response): Verdict {
  const before = contentAt(s, ma);
  const value = before?.kind === 'rw' ? before.value : undefined;
  return expect(
    r.kind === 'value' && r.value === value && r.hit === (cached !== undefined),
    'read must answer the value stored at the page its translation reaches, and whether the cache hit',
  );
}

function written(s: State, s2: State, ma: number, val: number, r: Response): Verdict {
  const page = s2.memory.get(ma);
  const before = s.memory.get(ma)!;
  return (
    expect(r.kind === 'ok', 'write must answer ok') ??
    (page?.owner === before.owner && page.content.kind === 'rw' && page.content.value === val ? null : `memory[${ma}] must hold RW(${val})`) ??
    otherPagesUnchanged(s, s2, [ma])
  );
}

/** A hit leaves the cache's entries and the TLB as they were; a miss fills the cache, and the TLB unless it hit there. */
function buffersAfterAccess(ctx: Context, s: State, s2: State, va: number, ma: number, cached: Entry | undefined): Verdict {
  if (cached) return unchangedAsSet(s.cache, s2.cache, 'cache') ?? expect(is(s.tlb, s2.tlb), 'a cache hit must not touch the TLB');
  const inTlb = entryFor(s.tlb, va);
  return (
    (inTlb ? unchangedAsSet(s.tlb, s2.tlb, 'TLB') : filledWith(s.tlb, s2.tlb, va, ma, ctx.tlb.size, 'TLB')) ??
    filledWith(s.cache, s2.cache, va, ma, ctx.cache.size, 'cache')
  );
}

function reservedEntriesOnly(ctx: Context, content: Content | undefined): boolean {
  if (content?.kind !== 'pt') return false;
  const firstReserved = ctx.V - ctx.R;
  if (content.mappings.size !== ctx.R) return false;
  for (let r = 0; r < ctx.R; r++) {
    if (content.mappings.get(firstReserved + r) !== ctx.M + r) return false;
  }
  return true;
}

/** A pinned page's content: a fresh page table, or RW with the value it held if it is not scrubbed. */
function pinnedContent(ctx: Context, kind: 'rw' | 'pt', before: Content, after: Content | undefined, ma: number): Verdict {
  if (kind === 'pt') return expect(reservedEntriesOnly(ctx, after), `memory[${ma}] must be a fresh page table`);
  const kept = !ctx.knobs.scrubFreedPages && before.kind === 'rw' ? before.value : null;
  return after?.kind === 'rw' && after.value === kept ? null : `memory[${ma}] must be RW(${kept === null ? 'null' : kept})`;
}

/** Post of a privileged operation; `hcall` is what oss[o].hcall must be afterwards. */
function opPost(ctx: Context, s: State, s2: State, op: Op, hcall: Op | null): Verdict {
  const o = s.active;
  const map = s.p2m.get(o)!;
  const map2 = s2.p2m.get(o);
  const curr = s.oss.get(o)!.currPage;
  const served = s.activity === 'waiting';
  const withOss = (fields: StateField[]): StateField[] => (served ? [...fields, 'oss'] : fields);
  switch (op.kind) {
    case 'pin': {
      const ma = map2?.get(op.pa);
      if (ma === undefined) return `p2m[${o}][${op.pa}] not defined after pin`;
      const before = s.memory.get(ma);
      const after = s2.memory.get(ma);
      return (
        differsAtMostIn(s, s2, withOss(['p2m', 'memory'])) ??
        (before?.owner === NONE && mayAllocate(ctx, o, ma) ? null : `pin took page ${ma}, which is not free and allowed`) ??
        (is(map.set(op.pa, ma), map2) ? null : `p2m[${o}] must gain exactly ${op.pa} -> ${ma}`) ??
        otherMapsUnchanged(s, s2) ??
        (after?.owner === o ? null : `memory[${ma}] must be owned by OS ${o}`) ??
        pinnedContent(ctx, op.page, before!.content, after?.content, ma) ??
        otherPagesUnchanged(s, s2, [ma]) ??
        (served ? ossAfter(s, s2, hcall, curr) : null)
      );
    }
    case 'unpin': {
      const ma = map.get(op.pa)!;
      const before = s.memory.get(ma)!;
      const after = s2.memory.get(ma);
      const invalidate = ctx.knobs.invalidateOnUnmap;
      const freed = () => after?.owner === NONE && (ctx.knobs.scrubFreedPages ? after.content.kind === 'other' : is(after.content, before.content));
      return (
        differsAtMostIn(s, s2, withOss(['p2m', 'memory', 'cache', 'tlb'])) ??
        (is(map.delete(op.pa), map2) ? null : `p2m[${o}] must lose exactly ${op.pa}`) ??
        otherMapsUnchanged(s, s2) ??
        (freed() ? null : `memory[${ma}] must be freed${ctx.knobs.scrubFreedPages ? ' and scrubbed' : ' with its content kept'}`) ??
        otherPagesUnchanged(s, s2, [ma]) ??
        (invalidate ? removedWhere(s.cache, s2.cache, (e) => e.ma === ma, 'cache') : unchangedAsSet(s.cache, s2.cache, 'cache')) ??
        (invalidate ? removedWhere(s.tlb, s2.tlb, (e) => e.ma === ma, 'TLB') : unchangedAsSet(s.tlb, s2.tlb, 'TLB')) ??
        (served ? ossAfter(s, s2, hcall, curr) : null)
      );
    }
    case 'new': {
      const tm = tablePage(s)!;
      const target = map.get(op.pa)!;
      const after = s2.memory.get(tm);
      const gained = () => after?.owner === s.memory.get(tm)!.owner && after.content.kind === 'pt' && is(after.content.mappings, table(s)!.set(op.va, target));
      return (
        differsAtMostIn(s, s2, withOss(['memory'])) ??
        (gained() ? null : `the current page table must gain exactly ${op.va} -> ${target}`) ??
        otherPagesUnchanged(s, s2, [tm]) ??
        (served ? ossAfter(s, s2, hcall, curr) : null)
      );
    }
    case 'del': {
      const tm = tablePage(s)!;
      const after = s2.memory.get(tm);
      const invalidate = ctx.knobs.invalidateOnUnmap;
      const lost = () => after?.owner === s.memory.get(tm)!.owner && after.content.kind === 'pt' && is(after.content.mappings, table(s)!.delete(op.va));
      return (
        differsAtMostIn(s, s2, withOss(['memory', 'cache', 'tlb'])) ??
        (lost() ? null : `the current page table must lose exactly ${op.va}`) ??
        otherPagesUnchanged(s, s2, [tm]) ??
        (invalidate ? removedWhere(s.cache, s2.cache, (e) => e.va === op.va, 'cache') : unchangedAsSet(s.cache, s2.cache, 'cache')) ??
        (invalidate ? removedWhere(s.tlb, s2.tlb, (e) => e.va === op.va, 'TLB') : unchangedAsSet(s.tlb, s2.tlb, 'TLB')) ??
        (served ? ossAfter(s, s2, hcall, curr) : null)
      );
    }
    case 'lswitch': {
      const flush = ctx.knobs.flushOnLswitch;
      return (
        differsAtMostIn(s, s2, ['oss', 'cache', 'tlb']) ??
        ossAfter(s, s2, hcall, op.pa) ??
        (flush ? emptied(s2.cache, 'cache') : unchangedAsSet(s.cache, s2.cache, 'cache')) ??
        (flush ? emptied(s2.tlb, 'TLB') : unchangedAsSet(s.tlb, s2.tlb, 'TLB'))
      );
    }
  }
}

/** Post(s, a, s') for a step answered `r` (only meaningful when Pre(s, a) holds). */
function post(ctx: Context, s: State, a: Action, s2: State, r: Response): Verdict {
  const responseOk = expect(r.kind === 'ok', 'must answer ok');
  switch (a.kind) {
    case 'read':
      return memoryAccessPost(ctx, s, s2, a.va, null, r);
    case 'write':
      return memoryAccessPost(ctx, s, s2, a.va, a.val, r);
    case 'hcall':
      return (
        responseOk ??
        differsAtMostIn(s, s2, ['oss', 'activity', 'mode']) ??
        ossAfter(s, s2, a.op, s.oss.get(s.active)!.currPage) ??
        expect(s2.activity === 'waiting' && s2.mode === 'svc', 'hcall must leave the hypervisor waiting in svc mode')
      );
    case 'ret_ctrl':
      return (
        responseOk ??
        differsAtMostIn(s, s2, ['activity', 'mode']) ??
        expect(s2.activity === 'waiting' && s2.mode === 'svc', 'ret_ctrl must leave the hypervisor waiting in svc mode')
      );
    case 'silent':
      return responseOk ?? differsAtMostIn(s, s2, []);
    case 'switch':
      return (
        responseOk ??
        differsAtMostIn(s, s2, ['active', 'activity', 'mode', 'cache', 'tlb']) ??
        (s2.active === a.os && s2.activity === 'waiting' && s2.mode === 'svc' ? null : `switch must make OS ${a.os} active, waiting, svc`) ??
        (ctx.knobs.flushCacheOnSwitch ? emptied(s2.cache, 'cache') : unchangedAsSet(s.cache, s2.cache, 'cache')) ??
        (ctx.knobs.flushTlbOnSwitch ? emptied(s2.tlb, 'TLB') : unchangedAsSet(s.tlb, s2.tlb, 'TLB'))
      );
    case 'chmod': {
      const mode = ctx.trusted[s.active] ? 'svc' : 'usr';
      return (
        responseOk ??
        differsAtMostIn(s, s2, ['activity', 'mode']) ??
        (s2.activity === 'running' && s2.mode === mode ? null : `chmod must set running and ${mode}`)
      );
    }
    default:
      // A served hypercall is consumed.
      return responseOk ?? opPost(ctx, s, s2, a, s.activity === 'waiting' ? null : pendingOf(s, s.active));
  }
}

/** The error rule: the state is unchanged, except that a served hypercall is consumed (knob). */
function errorState(ctx: Context, s: State, a: Action, s2: State): Verdict {
  // Only privileged operations can fail while the hypervisor is waiting: they are served hypercalls.
  const served = s.activity === 'waiting' && isOp(a);
  if (!served || !ctx.knobs.consumeFailedHypercall) return differsAtMostIn(s, s2, []);
  return differsAtMostIn(s, s2, ['oss']) ?? ossAfter(s, s2, null, s.oss.get(s.active)!.currPage);
}

/** The axiomatic specification as one value, so that conformance can be given a variant of it (planted bugs, in tests). */
export interface AxiomaticSpec {
  readonly enabled: typeof enabled;
  readonly pre: typeof pre;
  readonly errorMsg: typeof errorMsg;
  readonly post: typeof post;
  readonly errorState: typeof errorState;
}

export const AXIOMATIC: AxiomaticSpec = { enabled, pre, errorMsg, post, errorState };
