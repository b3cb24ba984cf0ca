// The canonical byte encoding of a state: equal states give equal bytes, and
// decoding gives the state back. The layout is layout.ts's.
//
// Successive states share most of their structure, so the codec memoises:
// decoding interns each segment by its bytes (equal segments decode to the
// same objects), and encoding copies the bytes of the spaces and memory of the
// state last decoded when a successor still holds those very objects.
import { List, Map as IMap } from './immutable.js';
import { opIndex, opsOf, type Op } from './actions.js';
import type { Context } from './context.js';
import {
  ENTRY_LENGTH,
  FLAG_RUNNING,
  FLAG_USR,
  HEADER_ACTIVE,
  HEADER_FLAGS,
  KIND_OTHER,
  KIND_PT,
  KIND_RW,
  layoutOf,
  OS_ABSENT,
  OS_CURR_PAGE,
  OS_HCALL,
  OS_P2M,
  OS_PRESENT,
  OWNER_HYP,
  OWNER_NONE,
  OWNER_OS,
  PAGE_CONTENT,
  PAGE_KIND,
  PAGE_OWNER,
  type StateLayout,
} from './layout.js';
import { entry, HYP, NONE, OTHER, OsState, Page, State, pt, rw, type Content, type Entry, type Owner } from './records.js';

interface Spaces {
  readonly oss: IMap<number, OsState>;
  readonly p2m: IMap<number, IMap<number, number>>;
}

/** A segment's bytes (a private copy) and what they decode to. */
interface Interned<T> {
  readonly bytes: Uint8Array;
  readonly value: T;
}

/** Segment values interned by their bytes; cleared when it grows past a bound. */
class InternTable<T> {
  private buckets = new Map<number, Interned<T>[]>();
  private size = 0;
  /** The entry found or added last: successive states often share a segment, and comparing is cheaper than hashing. */
  private last: Interned<T> | null = null;

  constructor(private readonly bound: number) {}

  /** The entry of bytes[start..end), decoded by `decode` when new. */
  intern(bytes: Uint8Array, start: number, end: number, decode: () => T): Interned<T> {
    const { last } = this;
    if (last !== null && sameBytes(last.bytes, bytes, start, end)) return last;
    const key = keyOf(bytes, start, end);
    const bucket = this.buckets.get(key);
    if (bucket) {
      for (const candidate of bucket) if (sameBytes(candidate.bytes, bytes, start, end)) return (this.last = candidate);
    }
    const added = { bytes: bytes.slice(start, end), value: decode() };
    if (this.size >= this.bound) {
      this.buckets = new Map();
      this.size = 0;
    }
    const fresh = this.buckets.get(key);
    if (fresh) fresh.push(added);
    else this.buckets.set(key, [added]);
    this.size++;
    return (this.last = added);
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
  private readonly layout: StateLayout;
  private readonly scratch: Uint8Array;
  /** Where the records of the state being decoded start. */
  private readonly offsets: Uint32Array;
  private readonly spaces = new InternTable<Spaces>(INTERN_BOUND);
  private readonly memories = new InternTable<List<Page>>(INTERN_BOUND);
  /** Pages are few and memories many: a memory's pages are shared with every other memory holding them. */
  private readonly pages = new InternTable<Page>(INTERN_BOUND);
  private readonly buffers = new InternTable<List<Entry>>(INTERN_BOUND);
  /** The segments of the state decoded last, whose bytes encoding reuses. */
  private lastSpaces: Interned<Spaces> | null = null;
  private lastMemory: Interned<List<Page>> | null = null;

  constructor(private readonly ctx: Context) {
    this.ops = opsOf(ctx);
    this.layout = layoutOf(ctx);
    this.scratch = new Uint8Array(this.layout.maxLength);
    this.offsets = this.layout.offsets();
  }

  /** The canonical bytes of `s`, in a fresh array. */
  encode(s: State): Uint8Array {
    return this.scratch.slice(0, this.encodeInto(s, this.scratch, 0));
  }

  /** Writes the canonical bytes of `s` at `offset`; returns the offset after them. */
  encodeInto(s: State, out: Uint8Array, offset: number): number {
    let at = offset;
    out[at + HEADER_ACTIVE] = s.active;
    out[at + HEADER_FLAGS] = (s.activity === 'running' ? FLAG_RUNNING : 0) | (s.mode === 'usr' ? FLAG_USR : 0);
    at += 2;
    const spaces = this.lastSpaces;
    if (spaces !== null && spaces.value.oss === s.oss && spaces.value.p2m === s.p2m) at = copy(spaces.bytes, out, at);
    else at = this.encodeSpaces(s, out, at);
    const memory = this.lastMemory;
    if (memory !== null && memory.value === s.memory) at = copy(memory.bytes, out, at);
    else at = this.encodeMemory(s.memory, out, at);
    at = encodeEntries(s.cache, out, at);
    return encodeEntries(s.tlb, out, at);
  }

  private encodeSpaces(s: State, out: Uint8Array, offset: number): number {
    const { ctx } = this;
    let at = offset;
    for (let os = 0; os < ctx.n; os++) {
      const record = s.oss.get(os);
      if (!record) {
        out[at++] = OS_ABSENT;
        continue;
      }
      const hcall = record.hcall === null ? 0 : opIndex(ctx, record.hcall) + 1;
      out[at] = OS_PRESENT;
      out[at + OS_CURR_PAGE] = record.currPage;
      out[at + OS_HCALL] = hcall & 0xff;
      out[at + OS_HCALL + 1] = hcall >>> 8;
      at += OS_P2M;
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
      out[at + PAGE_OWNER] = page.owner === NONE ? OWNER_NONE : page.owner === HYP ? OWNER_HYP : page.owner + OWNER_OS;
      at = this.encodeContent(page.content, out, at + PAGE_KIND);
    }
    return at;
  }

  /** Writes the kind byte at `offset`, then the content. */
  private encodeContent(content: Content, out: Uint8Array, offset: number): number {
    let at = offset;
    switch (content.kind) {
      case 'other':
        out[at++] = KIND_OTHER;
        return at;
      case 'rw':
        out[at++] = KIND_RW;
        out[at++] = content.value === null ? 0 : content.value + 1;
        return at;
      case 'pt': {
        out[at++] = KIND_PT;
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
    const { layout, offsets } = this;
    layout.locate(bytes, offset, offsets);
    const memoryStart = offsets[layout.memoryIndex]!;
    const cacheStart = offsets[layout.cacheIndex]!;
    const tlbStart = offsets[layout.tlbIndex]!;
    const spaces = (this.lastSpaces = this.spaces.intern(bytes, offsets[0]!, memoryStart, () => this.decodeSpaces(bytes, offsets[0]!)));
    const memory = (this.lastMemory = this.memories.intern(bytes, memoryStart, cacheStart, () => this.decodeMemory(bytes)));
    const cache = this.buffers.intern(bytes, cacheStart, tlbStart, () => decodeEntries(bytes, cacheStart)).value;
    const tlb = this.buffers.intern(bytes, tlbStart, offsets[layout.endIndex]!, () => decodeEntries(bytes, tlbStart)).value;
    const flags = bytes[offset + HEADER_FLAGS]!;
    return new State({
      active: bytes[offset + HEADER_ACTIVE]!,
      activity: flags & FLAG_RUNNING ? 'running' : 'waiting',
      mode: flags & FLAG_USR ? 'usr' : 'svc',
      oss: spaces.value.oss,
      p2m: spaces.value.p2m,
      memory: memory.value,
      cache,
      tlb,
    });
  }

  private decodeSpaces(bytes: Uint8Array, start: number): Spaces {
    const { ctx } = this;
    let at = start;
    const oss = new Map<number, OsState>();
    const p2m = new Map<number, IMap<number, number>>();
    for (let os = 0; os < ctx.n; os++) {
      if (bytes[at] === OS_ABSENT) {
        at++;
        continue;
      }
      const hcall = bytes[at + OS_HCALL]! | (bytes[at + OS_HCALL + 1]! << 8);
      oss.set(os, new OsState(bytes[at + OS_CURR_PAGE]!, hcall === 0 ? null : this.ops[hcall - 1]!));
      at += OS_P2M;
      const map = new Map<number, number>();
      for (let pa = 0; pa < ctx.P; pa++) {
        const ma = bytes[at++]!;
        if (ma !== 0) map.set(pa, ma - 1);
      }
      p2m.set(os, IMap(map));
    }
    return { oss: IMap(oss), p2m: IMap(p2m) };
  }

  /** The memory of the state `decode` located last: page `ma` lies between the offsets of `ma` and `ma + 1`. */
  private decodeMemory(bytes: Uint8Array): List<Page> {
    const { offsets } = this;
    const { memoryIndex } = this.layout;
    const pages: Page[] = [];
    for (let ma = 0; ma < this.layout.pages; ma++) {
      const start = offsets[memoryIndex + ma]!;
      pages.push(this.pages.intern(bytes, start, offsets[memoryIndex + ma + 1]!, () => this.decodePage(bytes, start)).value);
    }
    return List(pages);
  }

  private decodePage(bytes: Uint8Array, start: number): Page {
    const ownerByte = bytes[start + PAGE_OWNER]!;
    const owner: Owner = ownerByte === OWNER_NONE ? NONE : ownerByte === OWNER_HYP ? HYP : ownerByte - OWNER_OS;
    const kind = bytes[start + PAGE_KIND]!;
    let at = start + PAGE_CONTENT;
    let content: Content;
    if (kind === KIND_OTHER) {
      content = OTHER;
    } else if (kind === KIND_RW) {
      const v = bytes[at]!;
      content = rw(v === 0 ? null : v - 1);
    } else {
      const mappings = new Map<number, number>();
      for (let va = 0; va < this.ctx.V; va++) {
        const target = bytes[at++]!;
        if (target !== 0) mappings.set(va, target - 1);
      }
      content = pt(IMap(mappings));
    }
    return new Page(owner, content);
  }
}

/** The number of bytes of the longest encoding in this context. */
export function maxEncodedSize(ctx: Context): number {
  return layoutOf(ctx).maxLength;
}

/** Copies a segment's bytes (a few dozen: a loop beats `set`). */
function copy(bytes: Uint8Array, out: Uint8Array, offset: number): number {
  let at = offset;
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i]!;
  return at;
}

function encodeEntries(entries: List<Entry>, out: Uint8Array, offset: number): number {
  let at = offset;
  out[at++] = entries.size;
  for (let i = 0; i < entries.size; i++) {
    const e = entries.get(i)!;
    out[at] = e.va;
    out[at + 1] = e.ma;
    at += ENTRY_LENGTH;
  }
  return at;
}

function decodeEntries(bytes: Uint8Array, offset: number): List<Entry> {
  const size = bytes[offset]!;
  const entries: Entry[] = [];
  for (let k = 0; k < size; k++) entries.push(entry(bytes[offset + 1 + ENTRY_LENGTH * k]!, bytes[offset + 2 + ENTRY_LENGTH * k]!));
  return List(entries);
}
