// valid(s): the nine conjuncts of MODEL.md section 5, each reported by name.
import { isAccessible, mayAllocate, type Context } from '../state/context.js';
import { HYP, NONE, type Entry, type State } from '../state/records.js';
import type { List } from 'immutable';

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

/** Every conjunct that fails in `s`, with what is wrong; empty when `s` is valid. */
export function validityFailures(ctx: Context, s: State): ConjunctFailure[] {
  const failures: ConjunctFailure[] = [];
  const fail = (conjunct: number, detail: string) => failures.push({ conjunct, name: CONJUNCTS[conjunct - 1]!, detail });
  const o = s.active;

  // 1. waiting implies svc; running implies svc for a trusted active OS and usr for an untrusted one.
  const expectedMode = s.activity === 'waiting' || ctx.trusted[o] ? 'svc' : 'usr';
  if (s.mode !== expectedMode) fail(1, `${s.activity} with OS ${o} active is in ${s.mode} mode, not ${expectedMode}`);

  // 2. running implies no pending hypercall of the active OS; a trusted OS never has one.
  if (s.activity === 'running' && s.oss.get(o)?.hcall) fail(2, `OS ${o} is running with a pending hypercall`);
  for (const [os, record] of s.oss) {
    if (ctx.trusted[os] && record.hcall) fail(2, `trusted OS ${os} has a pending hypercall`);
  }

  // 3. every p2m[i][pa] = ma is owned by OS i; p2m is injective over all (i, pa).
  const mappedBy = new Map<number, string>();
  for (const [os, map] of s.p2m) {
    for (const [pa, ma] of map) {
      const owner = s.memory.get(ma)?.owner;
      if (owner !== os) fail(3, `p2m[${os}][${pa}] = ${ma}, a page owned by ${ownerName(owner)}`);
      const other = mappedBy.get(ma);
      if (other) fail(3, `page ${ma} is the image of both ${other} and p2m[${os}][${pa}]`);
      mappedBy.set(ma, `p2m[${os}][${pa}]`);
    }
  }

  // 4. every page owned by OS i has a preimage in p2m[i]; a guest page is free iff it is in no p2m.
  s.memory.forEach((page, ma) => {
    if (page.owner >= 0 && !s.p2m.get(page.owner)?.includes(ma)) fail(4, `page ${ma} is owned by OS ${page.owner} but not in its p2m`);
    if (ma < ctx.M && (page.owner === NONE) === mappedBy.has(ma)) {
      fail(4, `page ${ma} is ${page.owner === NONE ? 'free but mapped' : 'neither free nor mapped'}`);
    }
  });

  // 5. with partitioned allocation, pages owned by OS i lie in i's partition.
  if (ctx.knobs.allocation === 'partitioned') {
    s.memory.forEach((page, ma) => {
      if (page.owner >= 0 && !mayAllocate(ctx, page.owner, ma)) fail(5, `page ${ma} of OS ${page.owner} is outside its partition`);
    });
  }

  // 6. the current page of every OS is pinned and is a page table.
  for (const [os, record] of s.oss) {
    const ma = s.p2m.get(os)?.get(record.currPage);
    if (ma === undefined) fail(6, `current page ${record.currPage} of OS ${os} is not pinned`);
    else if (s.memory.get(ma)?.content.kind !== 'pt') fail(6, `current page ${record.currPage} of OS ${os} is not a page table`);
  }

  // 7. page tables of OS i map accessible vas only to RW pages of OS i, reserved vas only to hypervisor pages.
  s.memory.forEach((page, ma) => {
    if (page.owner < 0 || page.content.kind !== 'pt') return;
    for (const [va, target] of page.content.mappings) {
      const dest = s.memory.get(target);
      if (isAccessible(ctx, va)) {
        if (dest?.owner !== page.owner || dest.content.kind !== 'rw') {
          fail(7, `page table ${ma} of OS ${page.owner} maps va ${va} to page ${target}, not an RW page of its own`);
        }
      } else if (dest?.owner !== HYP) {
        fail(7, `page table ${ma} maps reserved va ${va} to page ${target}, not a hypervisor page`);
      }
    }
  });

  // 8. cache and TLB entries agree with the active OS's current page table.
  const currentMa = s.p2m.get(o)?.get(s.oss.get(o)?.currPage ?? -1);
  const current = currentMa === undefined ? undefined : s.memory.get(currentMa)?.content;
  const table = current?.kind === 'pt' ? current.mappings : undefined;
  const coherent = (name: string, entries: List<Entry>) => {
    for (const e of entries) {
      if (table?.get(e.va) !== e.ma) fail(8, `${name} entry (${e.va}, ${e.ma}) disagrees with the page table of OS ${o}`);
    }
  };
  coherent('cache', s.cache);
  coherent('TLB', s.tlb);

  // 9. cache and TLB within their sizes, no repeated va.
  const shaped = (name: string, entries: List<Entry>, size: number) => {
    if (entries.size > size) fail(9, `${name} holds ${entries.size} entries, more than its size ${size}`);
    if (new Set(entries.map((e) => e.va)).size !== entries.size) fail(9, `${name} repeats a virtual address`);
  };
  shaped('cache', s.cache, ctx.cache.size);
  shaped('TLB', s.tlb, ctx.tlb.size);

  return failures;
}

export function isValid(ctx: Context, s: State): boolean {
  return validityFailures(ctx, s).length === 0;
}

function ownerName(owner: number | undefined): string {
  if (owner === undefined) return 'nothing (no such page)';
  if (owner === NONE) return 'nobody';
  if (owner === HYP) return 'the hypervisor';
  return `OS ${owner}`;
}
