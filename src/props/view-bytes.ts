// view_i(s) as canonical bytes, for fingerprints: step consistency
// fingerprints the view of every state and of most successors, and writing a
// few dozen bytes is much cheaper than building the text of `Views`. It
// encodes the same information, component by component; a test checks on
// every reachable state of several configurations that equal bytes and equal
// texts go together. Given a renaming g, it writes the view of OS g(i) in the
// image g·s from OS i's in s, without building g·s (renaming.ts).
import { opIndex } from '../state/actions.js';
import { memorySize, partitionOf, type Context } from '../state/context.js';
import { NONE, type Content, type Entry, type State } from '../state/records.js';
import type { List, Map as IMap } from 'immutable';
import { identityRenaming, type Renaming } from './renaming.js';

const STATUS_NOT_ACTIVE = 0;
const TARGET = { none: 0, hyp: 1, foreign: 2, own: 3 } as const;

export class ViewBytes {
  private readonly out: Uint8Array;
  /** Physical address of each machine page in the map being written (-1: not the OS's). */
  private readonly inverse: Int16Array;
  /** Machine page of each physical address in the map being written (-1: none). */
  private readonly pages: Int16Array;
  /** A view of each prefix of `out`, made once: a fresh `subarray` per view written costs more than writing it. */
  private readonly prefixes: (Uint8Array | undefined)[];
  private at = 0;
  private readonly identity: Renaming;
  /** The renaming of the view being written. */
  private renaming: Renaming;

  constructor(private readonly ctx: Context) {
    this.identity = identityRenaming(ctx);
    this.renaming = this.identity;
    const pages = memorySize(ctx);
    // Status and record; memory and free pages (each page: marker, kind, value or one target per va);
    // cache and TLB; the physical map.
    const page = 3 + ctx.V * 2;
    this.out = new Uint8Array(8 + 2 * pages * page + 2 + 3 * (ctx.cache.size + ctx.tlb.size) + ctx.P);
    this.inverse = new Int16Array(pages).fill(-1);
    this.pages = new Int16Array(ctx.P);
    this.prefixes = new Array<Uint8Array | undefined>(this.out.length + 1).fill(undefined);
  }

  /**
   * The bytes of view_i(s), valid until the next call; given a renaming g,
   * those of view_g(i)(g·s), which are view_i(s) written through g.
   */
  of(i: number, s: State, renaming: Renaming = this.identity): Uint8Array {
    const { ctx, out } = this;
    const observe = ctx.observeMachineAddresses;
    this.renaming = renaming;
    const renamedMa = renaming.ma;
    const map = s.p2m.get(i);
    this.at = 0;
    const active = s.active === i;
    out[this.at++] = active ? 1 + (s.activity === 'running' ? 2 : 0) + (s.mode === 'usr' ? 1 : 0) : STATUS_NOT_ACTIVE;
    const record = s.oss.get(i);
    if (record) {
      out[this.at++] = record.currPage;
      const hcall = record.hcall === null ? 0 : opIndex(ctx, record.hcall) + 1;
      out[this.at++] = hcall & 0xff;
      out[this.at++] = hcall >>> 8;
    } else {
      out[this.at++] = 0xff;
    }
    const { inverse, pages } = this;
    // Loops: `fill` on a few elements costs more than the elements (per view written).
    for (let ma = 0; ma < inverse.length; ma++) inverse[ma] = -1;
    for (let pa = 0; pa < ctx.P; pa++) {
      const ma = map?.get(pa);
      pages[pa] = ma ?? -1;
      if (ma !== undefined) inverse[ma] = pa;
    }
    for (let pa = 0; pa < ctx.P; pa++) {
      const ma = pages[pa]!;
      if (ma < 0) continue;
      out[this.at++] = pa + 1;
      if (observe) out[this.at++] = renamedMa[ma]!;
      this.content(s.memory.get(ma)?.content);
    }
    out[this.at++] = 0;
    if (active) {
      this.entries(s.cache);
      this.entries(s.tlb);
    }
    if (ctx.knobs.allocation === 'partitioned') {
      // The free pages of g(i)'s partition in g·s, in its machine-address order: page m' there is page g⁻¹(m') here.
      const os = renaming.os[i]!;
      for (let ma = 0; ma < ctx.M; ma++) {
        if (partitionOf(ctx, ma) !== os) continue;
        const page = s.memory.get(renaming.sourceMa[ma]!)!;
        if (page.owner !== NONE) continue;
        out[this.at++] = 1;
        if (observe) out[this.at++] = ma;
        this.content(page.content);
      }
      out[this.at++] = 0;
    }
    if (observe) {
      for (let pa = 0; pa < ctx.P; pa++) {
        const ma = pages[pa]!;
        out[this.at++] = ma < 0 ? 0 : renamedMa[ma]! + 1;
      }
    }
    let prefix = this.prefixes[this.at];
    if (prefix === undefined) this.prefixes[this.at] = prefix = out.subarray(0, this.at);
    return prefix;
  }

  /**
   * What of `renaming` the bytes of OS i's view depend on: two renamings with
   * the same key write the same bytes for OS i of any state (the value
   * renaming; machine pages where they are observed; which pages, in which
   * order, are the free pages of its partition).
   */
  renamingKey(i: number, renaming: Renaming): string {
    const { ctx } = this;
    const free: number[] = [];
    if (ctx.knobs.allocation === 'partitioned') {
      for (let ma = 0; ma < ctx.M; ma++) if (partitionOf(ctx, ma) === renaming.os[i]) free.push(renaming.sourceMa[ma]!);
    }
    return `${renaming.values.join(',')}|${ctx.observeMachineAddresses ? renaming.ma.join(',') : ''}|${free.join(',')}`;
  }

  private content(content: Content | undefined): void {
    const { out } = this;
    if (!content) {
      out[this.at++] = 0xff;
      return;
    }
    switch (content.kind) {
      case 'other':
        out[this.at++] = 0;
        return;
      case 'rw':
        out[this.at++] = 1;
        out[this.at++] = content.value === null ? 0 : this.renaming.values[content.value]! + 1;
        return;
      case 'pt':
        out[this.at++] = 2;
        this.mappings(content.mappings);
    }
  }

  private mappings(mappings: IMap<number, number>): void {
    for (let va = 0; va < this.ctx.V; va++) {
      const ma = mappings.get(va);
      this.target(ma);
    }
  }

  /**
   * A machine page as the OS sees it: none, hyp, foreign, or one of its
   * physical addresses (g keeps all four: it renames the OS's pages with its map).
   */
  private target(ma: number | undefined): void {
    const { out } = this;
    if (ma === undefined) {
      out[this.at++] = TARGET.none;
      return;
    }
    const pa = this.inverse[ma] ?? -1;
    out[this.at++] = pa >= 0 ? TARGET.own + pa : ma >= this.ctx.M ? TARGET.hyp : TARGET.foreign;
    if (this.ctx.observeMachineAddresses) out[this.at++] = this.renaming.ma[ma]!;
  }

  private entries(entries: List<Entry>): void {
    this.out[this.at++] = entries.size;
    for (let k = 0; k < entries.size; k++) {
      const e = entries.get(k)!;
      this.out[this.at++] = e.va;
      this.target(e.ma);
    }
  }
}
