// The canonical byte encoding of a state: equal states give equal bytes, and
// decoding gives the state back. Every number fits a byte (config LIMITS), but
// a pending hypercall is an index into the operations and takes two.
//
// Layout:
//   active, flags (bit 0 running, bit 1 usr mode)
//   per OS 0..n-1: present?; if present: currPage, hcall (u16, 0 = none), p2m[pa] + 1 or 0 for each pa
//   per machine page: owner (0 none, 1 hyp, 2 + os), kind (0 other, 1 rw, 2 pt),
//                     rw: value + 1 or 0 (null); pt: entry[va] + 1 or 0 for each va
//   cache: length, then (va, ma) pairs; tlb: the same
import { List, Map as IMap } from 'immutable';
import { opIndex, opsOf, type Op } from './actions.js';
import { memorySize, type Context } from './context.js';
import { Entry, HYP, NONE, OTHER, OsState, Page, State, pt, rw, type Content, type Owner } from './records.js';

export class StateCodec {
  private readonly ops: readonly Op[];
  private readonly scratch: Uint8Array;

  constructor(private readonly ctx: Context) {
    this.ops = opsOf(ctx);
    this.scratch = new Uint8Array(maxEncodedSize(ctx));
  }

  /** The canonical bytes of `s`, in a fresh array. */
  encode(s: State): Uint8Array {
    return this.scratch.slice(0, this.encodeInto(s, this.scratch, 0));
  }

  /** Writes the canonical bytes of `s` at `offset`; returns the offset after them. */
  encodeInto(s: State, out: Uint8Array, offset: number): number {
    const { ctx } = this;
    let at = offset;
    out[at++] = s.active;
    out[at++] = (s.activity === 'running' ? 1 : 0) | (s.mode === 'usr' ? 2 : 0);
    for (let os = 0; os < ctx.n; os++) {
      const record = s.oss.get(os);
      if (!record) {
        out[at++] = 0;
        continue;
      }
      out[at++] = 1;
      out[at++] = record.currPage;
      const hcall = record.hcall === null ? 0 : opIndex(ctx, record.hcall) + 1;
      out[at++] = hcall & 0xff;
      out[at++] = hcall >>> 8;
      const map = s.p2m.get(os);
      for (let pa = 0; pa < ctx.P; pa++) {
        const ma = map?.get(pa);
        out[at++] = ma === undefined ? 0 : ma + 1;
      }
    }
    const memory = s.memory;
    for (let ma = 0; ma < memory.size; ma++) {
      const page = memory.get(ma)!;
      out[at++] = page.owner === NONE ? 0 : page.owner === HYP ? 1 : page.owner + 2;
      at = this.encodeContent(page.content, out, at);
    }
    at = encodeEntries(s.cache, out, at);
    return encodeEntries(s.tlb, out, at);
  }

  private encodeContent(content: Content, out: Uint8Array, offset: number): number {
    let at = offset;
    switch (content.kind) {
      case 'other':
        out[at++] = 0;
        return at;
      case 'rw':
        out[at++] = 1;
        out[at++] = content.value === null ? 0 : content.value + 1;
        return at;
      case 'pt': {
        out[at++] = 2;
        const mappings = content.mappings;
        for (let va = 0; va < this.ctx.V; va++) {
          const ma = mappings.get(va);
          out[at++] = ma === undefined ? 0 : ma + 1;
        }
        return at;
      }
    }
  }

  decode(bytes: Uint8Array, offset = 0): State {
    const { ctx } = this;
    let at = offset;
    const active = bytes[at++]!;
    const flags = bytes[at++]!;
    const oss = new Map<number, OsState>();
    const p2m = new Map<number, IMap<number, number>>();
    for (let os = 0; os < ctx.n; os++) {
      if (bytes[at++] === 0) continue;
      const currPage = bytes[at++]!;
      const hcall = bytes[at]! | (bytes[at + 1]! << 8);
      at += 2;
      oss.set(os, OsState({ currPage, hcall: hcall === 0 ? null : this.ops[hcall - 1]! }));
      const map = new Map<number, number>();
      for (let pa = 0; pa < ctx.P; pa++) {
        const ma = bytes[at++]!;
        if (ma !== 0) map.set(pa, ma - 1);
      }
      p2m.set(os, IMap(map));
    }
    const pages: Page[] = [];
    for (let ma = 0; ma < memorySize(ctx); ma++) {
      const ownerByte = bytes[at++]!;
      const owner: Owner = ownerByte === 0 ? NONE : ownerByte === 1 ? HYP : ownerByte - 2;
      const kind = bytes[at++]!;
      let content: Content;
      if (kind === 0) {
        content = OTHER;
      } else if (kind === 1) {
        const v = bytes[at++]!;
        content = rw(v === 0 ? null : v - 1);
      } else {
        const entries = new Map<number, number>();
        for (let va = 0; va < ctx.V; va++) {
          const target = bytes[at++]!;
          if (target !== 0) entries.set(va, target - 1);
        }
        content = pt(IMap(entries));
      }
      pages.push(Page({ owner, content }));
    }
    const [cache, afterCache] = decodeEntries(bytes, at);
    const [tlb] = decodeEntries(bytes, afterCache);
    return State({
      active,
      activity: flags & 1 ? 'running' : 'waiting',
      mode: flags & 2 ? 'usr' : 'svc',
      oss: IMap(oss),
      p2m: IMap(p2m),
      memory: List(pages),
      cache,
      tlb,
    });
  }
}

/** The number of bytes of the longest encoding in this context. */
export function maxEncodedSize(ctx: Context): number {
  return 2 + ctx.n * (4 + ctx.P) + memorySize(ctx) * (2 + Math.max(1, ctx.V)) + 2 + 2 * (ctx.cache.size + ctx.tlb.size);
}

function encodeEntries(entries: List<Entry>, out: Uint8Array, offset: number): number {
  let at = offset;
  out[at++] = entries.size;
  for (const entry of entries) {
    out[at++] = entry.va;
    out[at++] = entry.ma;
  }
  return at;
}

function decodeEntries(bytes: Uint8Array, offset: number): [List<Entry>, number] {
  let at = offset;
  const size = bytes[at++]!;
  const entries: Entry[] = [];
  for (let k = 0; k < size; k++) {
    entries.push(Entry({ va: bytes[at]!, ma: bytes[at + 1]! }));
    at += 2;
  }
  return [List(entries), at];
}
