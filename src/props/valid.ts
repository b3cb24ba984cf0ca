// valid(s): the nine conjuncts of MODEL.md section 5, each reported by name.
import type { List, Map as IMap } from 'immutable';
import { isAccessible, mayAllocate, type Context } from '../state/context.js';
import { HYP, NONE, type Entry, type OsState, type Page, type State } from '../state/records.js';
import { Memo2 } from './memo.js';

export interface ConjunctFailure {
  readonly conjunct: number;
  readonly name: string;
  readonly detail: string;
}

export const CONJUNCTS = [
  'mode',
  'hypercalls',
  'p2m-ownership',
  'page-ownership',
  'partitions',
  'current-page-table',
  'page-tables',
  'buffer-coherence',
  'buffer-shape',
] as const;

type Fail = (conjunct: number, detail: string) => void;

/** Every conjunct that fails in `s`, with what is wrong; empty when `s` is valid. */
export function validityFailures(ctx: Context, s: State): ConjunctFailure[] {
  const failures: ConjunctFailure[] = [];
  const fail: Fail = (conjunct, detail) => failures.push({ conjunct, name: CONJUNCTS[conjunct - 1]!, detail });
  checkControl(ctx, s, fail);
  failures.push(...memoryFailures(ctx, s.oss, s.p2m, s.memory));
  checkBuffers(ctx, s, fail);
  return failures.length < 2 ? failures : failures.sort((x, y) => x.conjunct - y.conjunct);
}

/** Conjuncts 1 and 2: mode and pending hypercalls. */
function checkControl(ctx: Context, s: State, fail: Fail): void {
  const o = s.active;
  const expectedMode = s.activity === 'waiting' || ctx.trusted[o] ? 'svc' : 'usr';
  if (s.mode !== expectedMode) fail(1, `${s.activity} with OS ${o} active is in ${s.mode} mode, not ${expectedMode}`);
  if (s.activity === 'running' && s.oss.get(o)?.hcall) fail(2, `OS ${o} is running with a pending hypercall`);
  s.oss.forEach((record, os) => {
    if (ctx.trusted[os] && record.hcall) fail(2, `trusted OS ${os} has a pending hypercall`);
  });
}

// Conjuncts 3, 4, 5 and 7 depend on the context, p2m and memory only, which
// many states share (the codec interns them): their result is memoised by
// identity, per context. Conjunct 6 also reads oss, and is cheap.
const memoised = new WeakMap<Context, Memo2<ConjunctFailure[]>>();

function memoryFailures(
  ctx: Context,
  oss: IMap<number, OsState>,
  p2m: IMap<number, IMap<number, number>>,
  memory: List<Page>,
): ConjunctFailure[] {
  let memo = memoised.get(ctx);
  if (!memo) memoised.set(ctx, (memo = new Memo2()));
  const failures = memo.get(memory, p2m, () => {
    const found: ConjunctFailure[] = [];
    checkMemory(ctx, p2m, memory, (conjunct, detail) => found.push({ conjunct, name: CONJUNCTS[conjunct - 1]!, detail }));
    return found;
  });
  const current: ConjunctFailure[] = [];
  checkCurrentTables(oss, p2m, memory, (conjunct, detail) => current.push({ conjunct, name: CONJUNCTS[conjunct - 1]!, detail }));
  return current.length === 0 ? failures : [...failures, ...current];
}

/** 6. the current page of every OS is pinned and is a page table. */
function checkCurrentTables(oss: IMap<number, OsState>, p2m: IMap<number, IMap<number, number>>, memory: List<Page>, fail: Fail): void {
  oss.forEach((record, os) => {
    const ma = p2m.get(os)?.get(record.currPage);
    if (ma === undefined) fail(6, `current page ${record.currPage} of OS ${os} is not pinned`);
    else if (memory.get(ma)?.content.kind !== 'pt') fail(6, `current page ${record.currPage} of OS ${os} is not a page table`);
  });
}

function checkMemory(ctx: Context, p2m: IMap<number, IMap<number, number>>, memory: List<Page>, fail: Fail): void {
  // 3. every p2m[i][pa] = ma is owned by OS i; p2m is injective over all (i, pa).
  const mappedBy = new Map<number, string>();
  p2m.forEach((map, os) => {
    map.forEach((ma, pa) => {
      const owner = memory.get(ma)?.owner;
      if (owner !== os) fail(3, `p2m[${os}][${pa}] = ${ma}, a page owned by ${ownerName(owner)}`);
      const other = mappedBy.get(ma);
      if (other) fail(3, `page ${ma} is the image of both ${other} and p2m[${os}][${pa}]`);
      mappedBy.set(ma, `p2m[${os}][${pa}]`);
    });
  });

  for (let ma = 0; ma < memory.size; ma++) {
    const page = memory.get(ma)!;
    // 4. every page owned by OS i has a preimage in p2m[i]; a guest page is free iff it is in no p2m.
    if (page.owner >= 0 && !p2m.get(page.owner)?.includes(ma)) fail(4, `page ${ma} is owned by OS ${page.owner} but not in its p2m`);
    if (ma < ctx.M && (page.owner === NONE) === mappedBy.has(ma)) {
      fail(4, `page ${ma} is ${page.owner === NONE ? 'free but mapped' : 'neither free nor mapped'}`);
    }
    // 5. with partitioned allocation, pages owned by OS i lie in i's partition.
    if (ctx.knobs.allocation === 'partitioned' && page.owner >= 0 && !mayAllocate(ctx, page.owner, ma)) {
      fail(5, `page ${ma} of OS ${page.owner} is outside its partition`);
    }
    // 7. page tables of OS i map accessible vas only to RW pages of OS i, reserved vas only to hypervisor pages.
    if (page.owner >= 0 && page.content.kind === 'pt') {
      page.content.mappings.forEach((target, va) => {
        const dest = memory.get(target);
        if (isAccessible(ctx, va)) {
          if (dest?.owner !== page.owner || dest.content.kind !== 'rw') {
            fail(7, `page table ${ma} of OS ${page.owner} maps va ${va} to page ${target}, not an RW page of its own`);
          }
        } else if (dest?.owner !== HYP) {
          fail(7, `page table ${ma} maps reserved va ${va} to page ${target}, not a hypervisor page`);
        }
      });
    }
  }
}

/** Conjuncts 8 and 9: cache and TLB agree with the current page table, within their sizes, no repeated va. */
function checkBuffers(ctx: Context, s: State, fail: Fail): void {
  const o = s.active;
  const currentMa = s.p2m.get(o)?.get(s.oss.get(o)?.currPage ?? -1);
  const current = currentMa === undefined ? undefined : s.memory.get(currentMa)?.content;
  const table = current?.kind === 'pt' ? current.mappings : undefined;
  const check = (name: string, entries: List<Entry>, size: number) => {
    if (entries.size > size) fail(9, `${name} holds ${entries.size} entries, more than its size ${size}`);
    for (let i = 0; i < entries.size; i++) {
      const e = entries.get(i)!;
      if (table?.get(e.va) !== e.ma) fail(8, `${name} entry (${e.va}, ${e.ma}) disagrees with the page table of OS ${o}`);
      for (let j = 0; j < i; j++) if (entries.get(j)!.va === e.va) fail(9, `${name} repeats virtual address ${e.va}`);
    }
  };
  check('cache', s.cache, ctx.cache.size);
  check('TLB', s.tlb, ctx.tlb.size);
}

function ownerName(owner: number | undefined): string {
  if (owner === undefined) return 'nothing (no such page)';
  if (owner === NONE) return 'nobody';
  if (owner === HYP) return 'the hypervisor';
  return `OS ${owner}`;
}
