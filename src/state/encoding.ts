// The canonical byte encoding of a state: equal states give equal bytes, and
// decoding gives the state back. Every number fits a byte (config LIMITS), but
// a pending hypercall is an index into the operations and takes two.
//
// Layout, in four segments:
//   header:  active, flags (bit 0 running, bit 1 usr mode)
//   spaces:  per OS 0..n-1: present?; if present: currPage, hcall (u16, 0 = none),
//            then p2m[pa] + 1 or 0 for each pa
//   memory:  per machine page: owner (0 none, 1 hyp, 2 + os), kind (0 other, 1 rw, 2 pt),
//            rw: value + 1 or 0 (null); pt: mapping[va] + 1 or 0 for each va
//   buffers: cache length, (va, ma) pairs; TLB length, (va, ma) pairs
//
// Successive states share most of their structure, so the codec memoises:
// decoding interns each segment by its bytes (equal segments decode to the
// same objects), and encoding reuses the bytes of any segment object it
// decoded (by identity).
import { List, Map as IMap } from 'immutable';
import { opIndex, opsOf, type Op } from './actions.js';
import { memorySize, type Context } from './context.js';
import { entry, HYP, NONE, OTHER, OsState, Page, State, pt, rw, type Content, type Entry, type Owner } from './records.js';

interface Spaces {
  readonly oss: IMap<number, OsState>;
  readonly p2m: IMap<number, IMap<number, number>>;
}

/** Segment values interned by their bytes; cleared when it grows past a bound. */
class InternTable<T> {
  private buckets = new Map<number, { bytes: Uint8Array; value: T }[]>();
  private size = 0;

  constructor(private readonly bound: number) {}

  get(bytes: Uint8Array, start: number, end: number, key: number): T | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    for (const candidate of bucket) if (sameBytes(candidate.bytes, bytes, start, end)) return candidate.value;
    return undefined;
  }

  add(bytes: Uint8Array, key: number, value: T): void {
    if (this.size >= this.bound) {
      this.buckets = new Map();
      this.size = 0;
    }
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ bytes, value });
    else this.buckets.set(key, [{ bytes, value }]);
    this.size++;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

/** FNV-1a over a byte range: the intern tables' key. */
function keyOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

const INTERN_BOUND = 1 << 17;

export class StateCodec {
  private readonly ops: readonly Op[];
  private readonly scratch: Uint8Array;
  private readonly spaces = new InternTable<Spaces>(INTERN_BOUND);
  private readonly memories = new InternTable<List<Page>>(INTERN_BOUND);
  private readonly buffers = new InternTable<List<Entry>>(INTERN_BOUND);
  /** Bytes of the segments this codec decoded, by identity: spaces by their oss map (with its p2m), memory by its list. */
  private readonly spaceBytes = new WeakMap<object, { readonly p2m: object; readonly bytes: Uint8Array }>();
  private readonly memoryBytes = new WeakMap<object, Uint8Array>();

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
    let at = offset;
    out[at++] = s.active;
    out[at++] = (s.activity === 'running' ? 1 : 0) | (s.mode === 'usr' ? 2 : 0);
    const spaces = this.spaceBytes.get(s.oss);
    if (spaces?.p2m === s.p2m) {
      out.set(spaces.bytes, at);
      at += spaces.bytes.length;
    } else {
      at = this.encodeSpaces(s, out, at);
    }
    const memory = this.memoryBytes.get(s.memory);
    if (memory) {
      out.set(memory, at);
      at += memory.length;
    } else {
      at = this.encodeMemory(s.memory, out, at);
    }
    at = encodeEntries(s.cache, out, at);
    return encodeEntries(s.tlb, out, at);
  }

  private encodeSpaces(s: State, out: Uint8Array, offset: number): number {
    const { ctx } = this;
    let at = offset;
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
    return at;
  }

  private encodeMemory(memory: List<Page>, out: Uint8Array, offset: number): number {
    let at = offset;
    for (let ma = 0; ma < memory.size; ma++) {
      const page = memory.get(ma)!;
      out[at++] = page.owner === NONE ? 0 : page.owner === HYP ? 1 : page.owner + 2;
      at = this.encodeContent(page.content, out, at);
    }
    return at;
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
    const active = bytes[offset]!;
    const flags = bytes[offset + 1]!;

    const spacesStart = offset + 2;
    let at = spacesStart;
    for (let os = 0; os < ctx.n; os++) at += bytes[at] === 0 ? 1 : 4 + ctx.P;
    const spaces = this.intern(this.spaces, bytes, spacesStart, at, () => this.decodeSpaces(bytes, spacesStart), (value, copy) =>
      this.spaceBytes.set(value.oss, { p2m: value.p2m, bytes: copy }),
    );

    const memoryStart = at;
    for (let ma = 0; ma < memorySize(ctx); ma++) {
      const kind = bytes[at + 1]!;
      at += 2 + (kind === 0 ? 0 : kind === 1 ? 1 : ctx.V);
    }
    const memory = this.intern(this.memories, bytes, memoryStart, at, () => this.decodeMemory(bytes, memoryStart), (value, copy) =>
      this.memoryBytes.set(value, copy),
    );

    const cacheStart = at;
    at += 1 + 2 * bytes[at]!;
    const cache = this.intern(this.buffers, bytes, cacheStart, at, () => decodeEntries(bytes, cacheStart));
    const tlbStart = at;
    at += 1 + 2 * bytes[at]!;
    const tlb = this.intern(this.buffers, bytes, tlbStart, at, () => decodeEntries(bytes, tlbStart));

    return new State({
      active,
      activity: flags & 1 ? 'running' : 'waiting',
      mode: flags & 2 ? 'usr' : 'svc',
      oss: spaces.oss,
      p2m: spaces.p2m,
      memory,
      cache,
      tlb,
    });
  }

  private intern<T>(
    table: InternTable<T>,
    bytes: Uint8Array,
    start: number,
    end: number,
    decode: () => T,
    remember?: (value: T, copy: Uint8Array) => void,
  ): T {
    const key = keyOf(bytes, start, end);
    const known = table.get(bytes, start, end, key);
    if (known !== undefined) return known;
    const value = decode();
    const copy = bytes.slice(start, end);
    table.add(copy, key, value);
    remember?.(value, copy);
    return value;
  }

  private decodeSpaces(bytes: Uint8Array, start: number): Spaces {
    const { ctx } = this;
    let at = start;
    const oss = new Map<number, OsState>();
    const p2m = new Map<number, IMap<number, number>>();
    for (let os = 0; os < ctx.n; os++) {
      if (bytes[at++] === 0) continue;
      const currPage = bytes[at++]!;
      const hcall = bytes[at]! | (bytes[at + 1]! << 8);
      at += 2;
      oss.set(os, new OsState(currPage, hcall === 0 ? null : this.ops[hcall - 1]!));
      const map = new Map<number, number>();
      for (let pa = 0; pa < ctx.P; pa++) {
        const ma = bytes[at++]!;
        if (ma !== 0) map.set(pa, ma - 1);
      }
      p2m.set(os, IMap(map));
    }
    return { oss: IMap(oss), p2m: IMap(p2m) };
  }

  private decodeMemory(bytes: Uint8Array, start: number): List<Page> {
    const { ctx } = this;
    let at = start;
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
        const mappings = new Map<number, number>();
        for (let va = 0; va < ctx.V; va++) {
          const target = bytes[at++]!;
          if (target !== 0) mappings.set(va, target - 1);
        }
        content = pt(IMap(mappings));
      }
      pages.push(new Page(owner, content));
    }
    return List(pages);
  }
}

/** The number of bytes of the longest encoding in this context. */
export function maxEncodedSize(ctx: Context): number {
  return 2 + ctx.n * (4 + ctx.P) + memorySize(ctx) * (2 + Math.max(1, ctx.V)) + 2 + 2 * (ctx.cache.size + ctx.tlb.size);
}

function encodeEntries(entries: List<Entry>, out: Uint8Array, offset: number): number {
  let at = offset;
  out[at++] = entries.size;
  for (let i = 0; i < entries.size; i++) {
    const e = entries.get(i)!;
    out[at++] = e.va;
    out[at++] = e.ma;
  }
  return at;
}

function decodeEntries(bytes: Uint8Array, offset: number): List<Entry> {
  const size = bytes[offset]!;
  const entries: Entry[] = [];
  for (let k = 0; k < size; k++) entries.push(entry(bytes[offset + 1 + 2 * k]!, bytes[offset + 2 + 2 * k]!));
  return List(entries);
}
