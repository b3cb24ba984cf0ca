// Deduplication once the visited set is on disk (Stern and Dill): a level's
// new successors are only candidates, kept in a window in memory and their
// bytes appended to the next level's file; a merge pass against the sorted
// file of every visited fingerprint (at the end of the level, or sooner when
// the window outgrows its budget or could overrun the state limit) tells
// which are new. Those get their ids in the order they were first met, which
// is the order an in-memory run gives them ids in: ids, parents, the levels
// and every verdict are the same.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchResult } from '../batch.js';
import { Growable } from '../growable.js';
import type { StateStore } from '../../hash/state-store.js';
import { CandidateWindow } from './candidate-window.js';
import { BitSet, LevelFileWriter, type SpilledLevel } from './level-file.js';
import { fingerprintOrder } from './radix-sort.js';
import { SpilledStore } from './spilled-store.js';

export interface SpillOptions {
  /** Bytes the visited set and the queue may hold in memory; past them, they go to disk. */
  readonly budgetBytes: number;
  /** The folder the spilled files go in (created when the first spill happens). */
  readonly workDir: string;
}

/** How one batch's successors are taken: at the depth bound (only checked), and under the state limit. */
export interface Admission {
  readonly atBound: boolean;
  readonly maxStates: number | undefined;
}

/** What the merges of a level found: the next level, or, at the bound, only whether it would have had states. */
export interface LevelEnd {
  readonly level: SpilledLevel | null;
  /** Orbit sizes of the next level's states (under symmetry reduction), and their sum. */
  readonly weights: Growable<Uint32Array>;
  readonly weightSum: number;
}

export class SpilledSearch {
  readonly store: SpilledStore;
  private readonly window = new CandidateWindow();
  private writer: LevelFileWriter | null = null;
  private kept = new BitSet();
  private survivors = 0;
  private weights = new Growable(Uint32Array, 1 << 10);
  private weightSum = 0;
  private levelFiles = 0;
  /** A candidate not in the visited set was met at the bound / beyond the state limit. */
  beyondBound = false;
  overLimit = false;

  private constructor(
    private readonly options: SpillOptions,
    store: SpilledStore,
  ) {
    this.store = store;
  }

  /** Moves an in-memory store to disk: its states by id, and its fingerprints sorted. */
  static fromStore(memory: StateStore, options: SpillOptions): SpilledSearch {
    mkdirSync(options.workDir, { recursive: true });
    const store = SpilledStore.create(options.workDir);
    const n = memory.size;
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    for (let id = 0; id < n; id++) {
      const fp = memory.fingerprintOf(id);
      hi[id] = fp.hi;
      lo[id] = fp.lo;
      store.append(fp.hi, fp.lo, memory.parentOf(id));
    }
    store.visited.create({ hi, lo, order: fingerprintOrder(hi, lo, n) });
    return new SpilledSearch(options, store);
  }

  get size(): number {
    return this.store.size;
  }

  /** Bytes in memory: the window, the decisions and orbit sizes of the next level, the store's blocks. */
  get bytes(): number {
    return this.window.bytes + this.kept.bytes + this.weights.array.byteLength + this.store.bytes;
  }

  /** Takes a batch's successors as candidates; `batchFirst` is the id of its first state; `weighted`: keep their orbit sizes. */
  consume(result: BatchResult, batchFirst: number, admission: Admission, weighted = false): void {
    const { window } = this;
    for (let k = 0; k < result.count; k++) {
      const parent = batchFirst + k;
      for (let j = result.succStart[k]!; j < result.succStart[k + 1]!; j++) {
        const start = j === 0 ? 0 : result.succEnd[j - 1]!;
        const end = result.succEnd[j]!;
        if (start === end) continue;
        const index = window.add(result.succHi[j]!, result.succLo[j]!, parent);
        if (index < 0 || admission.atBound) continue;
        if (weighted) window.weight.array[index] = result.succWeight[j]!;
        this.writer ??= new LevelFileWriter(join(this.options.workDir, `level-${this.levelFiles++}.lvl`));
        this.writer.append(result.succBytes, start, end);
      }
    }
    const room = admission.maxStates === undefined ? Infinity : admission.maxStates - this.size;
    if (window.neededBytes > this.options.budgetBytes / 2 || window.size > room) this.merge(admission);
  }

  /** Merges what is left of the level; the next level, read back in order. */
  endLevel(admission: Admission): LevelEnd {
    this.merge(admission);
    const kept = this.kept;
    const writer = this.writer;
    const end = { level: writer && this.survivors > 0 ? writer.close(kept, this.survivors) : null, weights: this.weights, weightSum: this.weightSum };
    if (writer && !end.level) writer.close(kept, 0).discard();
    this.writer = null;
    this.kept = new BitSet();
    this.survivors = 0;
    this.weights = new Growable(Uint32Array, 1 << 10);
    this.weightSum = 0;
    return end;
  }

  /** One merge pass over the window: its new candidates join the visited set and get ids, in the order they were met. */
  private merge(admission: Admission): void {
    const { window } = this;
    const n = window.size;
    if (n === 0) return;
    const candidates = { hi: window.hi.filled(), lo: window.lo.filled(), order: fingerprintOrder(window.hi.array, window.lo.array, n) };
    const fresh = new Uint8Array(n);
    if (admission.atBound) {
      // States at the bound are expanded, their successors only looked up.
      if (this.store.visited.merge(candidates, fresh, null) > 0) this.beyondBound = true;
      window.clear();
      return;
    }
    const room = admission.maxStates === undefined ? Infinity : admission.maxStates - this.size;
    let admit: Uint8Array;
    if (n <= room) {
      admit = new Uint8Array(n).fill(1);
      this.store.visited.merge(candidates, fresh, admit);
    } else {
      // The state limit may fall inside the window: the first `room` new ones (in the order met) are stored, as in memory.
      this.store.visited.merge(candidates, fresh, null);
      admit = new Uint8Array(n);
      let admitted = 0;
      for (let w = 0; w < n; w++) {
        if (fresh[w] !== 1) continue;
        if (admitted < room) {
          admit[w] = 1;
          admitted++;
        } else this.overLimit = true;
      }
      if (admitted > 0) this.store.visited.merge(candidates, new Uint8Array(n), admit);
    }
    for (let w = 0; w < n; w++) {
      const keep = fresh[w] === 1 && admit[w] === 1;
      this.kept.push(keep);
      if (!keep) continue;
      this.store.append(window.hi.array[w]!, window.lo.array[w]!, window.parent.array[w]!);
      this.survivors++;
      const weight = window.weight.array[w]!;
      this.weights.push(weight);
      this.weightSum += weight;
    }
    window.clear();
  }
}
