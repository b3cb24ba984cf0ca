// The initial state of MODEL.md section 2.
import { List, Map as IMap } from './immutable.js';
import { hypervisorPageOf, mayAllocate, memorySize, type Context } from './context.js';
import { FREE_PAGE, HYP, NONE, OTHER, OsState, Page, State, pt, type PtContent } from './records.js';

/** A page table holding only the reserved entries: reserved va number r maps to page M + r. */
export function freshPageTable(ctx: Context): PtContent {
  const entries = IMap<number, number>().withMutations((m) => {
    for (let va = ctx.V - ctx.R; va < ctx.V; va++) m.set(va, hypervisorPageOf(ctx, va));
  });
  return pt(entries);
}

export function initialState(ctx: Context): State {
  const pages: Page[] = [];
  for (let ma = 0; ma < memorySize(ctx); ma++) {
    pages.push(ma < ctx.M ? FREE_PAGE : new Page(HYP, OTHER));
  }
  const table = freshPageTable(ctx);
  const oss = new Map<number, OsState>();
  const p2m = new Map<number, IMap<number, number>>();
  for (let os = 0; os < ctx.n; os++) {
    const ma = pages.findIndex((page, m) => page.owner === NONE && mayAllocate(ctx, os, m));
    // Validation guarantees a page for every OS (machinePages >= number of OSes).
    if (ma < 0) throw new Error(`no machine page for the initial page table of OS ${os}`);
    pages[ma] = new Page(os, table);
    oss.set(os, new OsState(0, null));
    p2m.set(os, IMap([[0, ma]]));
  }
  return new State({
    active: 0,
    activity: 'waiting',
    mode: 'svc',
    oss: IMap(oss),
    p2m: IMap(p2m),
    memory: List(pages),
    cache: List(),
    tlb: List(),
  });
}
