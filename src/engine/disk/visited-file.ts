// Every visited fingerprint of a spilled run, sorted, in one file: checking a
// batch of candidates against it is one sequential merge pass (Stern and
// Dill), which also writes the merged file when the new ones join the set.
import { renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BlockReader, BlockWriter } from './block-file.js';

const KIND = 'VSET';
const RECORD = 8;

/** Which candidates a merge pass checks: their halves, by window index, in fingerprint order. */
export interface SortedCandidates {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  /** Window indices in fingerprint order (the candidates are distinct). */
  readonly order: Uint32Array;
}

export class VisitedFile {
  readonly path: string;
  private fingerprints = 0;

  constructor(dir: string) {
    this.path = join(dir, 'visited.fp');
  }

  get count(): number {
    return this.fingerprints;
  }

  /** Takes the file as it is, holding `count` fingerprints (checked when read). */
  reopen(count: number): void {
    this.fingerprints = count;
  }

  /** Writes the file from fingerprints already sorted (`order` over hi, lo). */
  create(sorted: SortedCandidates): void {
    const writer = new Appender(this.path);
    for (const w of sorted.order) writer.put(sorted.hi[w]!, sorted.lo[w]!);
    this.fingerprints = writer.close();
  }

  /**
   * One pass over the file: `fresh[w]` becomes 1 for each candidate w not
   * in it, 0 otherwise. With `admit`, the fresh candidates it flags join the
   * set (the merged file replaces this one); without, the file is only read.
   */
  merge(candidates: SortedCandidates, fresh: Uint8Array, admit: Uint8Array | null): number {
    const { hi, lo, order } = candidates;
    const reader = new BlockReader(this.path, KIND);
    const writer = admit ? new Appender(`${this.path}.next`) : null;
    let c = 0;
    let freshCount = 0;
    let read = 0;
    // Emits (as fresh) every candidate below (h, l), then tells whether the candidate at c equals it.
    const below = (h: number, l: number): boolean => {
      for (; c < order.length; c++) {
        const w = order[c]!;
        const ch = hi[w]!;
        const cl = lo[w]!;
        if (ch > h || (ch === h && cl >= l)) return ch === h && cl === l;
        fresh[w] = 1;
        freshCount++;
        if (admit?.[w] === 1) writer!.put(ch, cl);
      }
      return false;
    };
    try {
      for (let block = reader.next(); block !== null; block = reader.next()) {
        const words = new Uint32Array(block.buffer, block.byteOffset, block.length >>> 2);
        for (let i = 0; i < words.length; i += 2) {
          const h = words[i]!;
          const l = words[i + 1]!;
          if (below(h, l)) fresh[order[c++]!] = 0;
          writer?.put(h, l);
        }
        read += words.length >>> 1;
      }
      reader.expectCount(read, this.fingerprints);
      below(0x100000000, 0);
    } finally {
      reader.close();
    }
    if (writer) {
      const merged = writer.close();
      renameSync(`${this.path}.next`, this.path);
      this.fingerprints = merged;
    }
    return freshCount;
  }

  remove(): void {
    unlinkSync(this.path);
  }
}

/** Writes fingerprints in order, 8 bytes each. */
class Appender {
  private readonly writer: BlockWriter;
  private words: Uint32Array;
  private count = 0;

  constructor(path: string) {
    this.writer = new BlockWriter(path, KIND);
    this.words = new Uint32Array(this.writer.block.buffer);
  }

  put(hi: number, lo: number): void {
    const at = this.writer.room(RECORD);
    this.words[at >>> 2] = hi;
    this.words[(at >>> 2) + 1] = lo;
    this.writer.filled += RECORD;
    this.count++;
  }

  /** Closes the file; returns the fingerprints written. */
  close(): number {
    this.writer.close();
    return this.count;
  }
}
