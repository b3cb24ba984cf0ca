// The byte layout of the canonical state encoding, written once: the encoder
// and decoder (encoding.ts), the symmetry canonicaliser (hash/canonical.ts) and
// anything else that reads encoded states take their field positions and
// segment walk from here. Every number fits a byte (config LIMITS), but a
// pending hypercall is an index into the operations and takes two.
//
// Four segments, back to back:
//   header:  active, flags (FLAG_RUNNING, FLAG_USR)
//   spaces:  per OS 0..n-1: OS_ABSENT, or OS_PRESENT, currPage, hcall (u16 little
//            endian, 0 = none, else operation index + 1), then p2m[pa] + 1 or 0 for each pa
//   memory:  per machine page: owner (OWNER_NONE, OWNER_HYP, or OWNER_OS + os),
//            kind (KIND_OTHER, KIND_RW, KIND_PT), then its content:
//            rw: value + 1 or 0 (null); pt: mapping[va] + 1 or 0 for each va
//   buffers: cache length, (va, ma) pairs; TLB length, (va, ma) pairs
// A reference to a machine page or a value is stored plus one, 0 meaning none.
import { memorySize, type Context } from './context.js';

export const HEADER_ACTIVE = 0;
export const HEADER_FLAGS = 1;
export const HEADER_LENGTH = 2;
export const FLAG_RUNNING = 1;
export const FLAG_USR = 2;

export const OS_ABSENT = 0;
export const OS_PRESENT = 1;
/** Field offsets within a present OS record. */
export const OS_CURR_PAGE = 1;
export const OS_HCALL = 2;
export const OS_P2M = 4;

export const OWNER_NONE = 0;
export const OWNER_HYP = 1;
export const OWNER_OS = 2;
export const KIND_OTHER = 0;
export const KIND_RW = 1;
export const KIND_PT = 2;
/** Field offsets within a page record. */
export const PAGE_OWNER = 0;
export const PAGE_KIND = 1;
export const PAGE_CONTENT = 2;

/** A buffer is its length, then two bytes per entry. */
export const ENTRY_LENGTH = 2;

/**
 * The shape of the encoding in one context, and the walk that finds where
 * each record of an encoded state starts. Built once per context (`layoutOf`);
 * `locate` fills a caller's offsets array, so walking allocates nothing.
 */
export class StateLayout {
  readonly oses: number;
  readonly pages: number;
  /** Bytes of a present OS record. */
  readonly osRecordLength: number;
  /** Bytes of a page record's content, by kind. */
  private readonly contentLength: Uint8Array;
  /** The number of bytes of the longest encoding. */
  readonly maxLength: number;
  /** Length of an offsets array for `locate`. */
  readonly offsetsLength: number;
  /** Indexes into located offsets: page 0 (the memory segment's start), the cache, the TLB, the end. */
  readonly memoryIndex: number;
  readonly cacheIndex: number;
  readonly tlbIndex: number;
  readonly endIndex: number;

  constructor(ctx: Context) {
    this.oses = ctx.n;
    this.pages = memorySize(ctx);
    this.osRecordLength = OS_P2M + ctx.P;
    this.contentLength = Uint8Array.of(0, 1, ctx.V);
    this.maxLength =
      HEADER_LENGTH + ctx.n * this.osRecordLength + this.pages * (PAGE_CONTENT + Math.max(1, ctx.V)) + 2 + ENTRY_LENGTH * (ctx.cache.size + ctx.tlb.size);
    this.memoryIndex = ctx.n;
    this.cacheIndex = ctx.n + this.pages;
    this.tlbIndex = this.cacheIndex + 1;
    this.endIndex = this.tlbIndex + 1;
    this.offsetsLength = this.endIndex + 1;
  }

  /** A fresh offsets array for `locate`. */
  offsets(): Uint32Array {
    return new Uint32Array(this.offsetsLength);
  }

  /**
   * Fills `offsets` for the state encoded at bytes[start..]: OS record i at
   * [i] (the spaces segment starts at [0]), page ma at [memoryIndex + ma],
   * then the cache, the TLB, and the end of the encoding.
   */
  locate(bytes: Uint8Array, start: number, offsets: Uint32Array): void {
    let at = start + HEADER_LENGTH;
    const { oses, pages, osRecordLength, contentLength } = this;
    for (let os = 0; os < oses; os++) {
      offsets[os] = at;
      at += bytes[at] === OS_ABSENT ? 1 : osRecordLength;
    }
    for (let ma = 0; ma < pages; ma++) {
      offsets[oses + ma] = at;
      at += PAGE_CONTENT + contentLength[bytes[at + PAGE_KIND]!]!;
    }
    offsets[this.cacheIndex] = at;
    at += 1 + ENTRY_LENGTH * bytes[at]!;
    offsets[this.tlbIndex] = at;
    at += 1 + ENTRY_LENGTH * bytes[at]!;
    offsets[this.endIndex] = at;
  }
}

const layouts = new WeakMap<Context, StateLayout>();

/** The layout of a context, built on first use. */
export function layoutOf(ctx: Context): StateLayout {
  let layout = layouts.get(ctx);
  if (!layout) layouts.set(ctx, (layout = new StateLayout(ctx)));
  return layout;
}
