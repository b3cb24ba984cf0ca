// The visited states of a spilled run by id: an append-only file of each
// state's fingerprint and parent, in id order, next to the sorted file of
// every fingerprint (src/engine/disk/visited-file.ts) that deduplication reads.
// Rebuilding a trace reads a few records at random; blocks hold a whole
// number of records, so a record's block is found by arithmetic. A manifest
// (store.json) names the files and their counts, so that the folder can be
// reopened (`SpilledStore.open`).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_PARENT } from '../../hash/state-store.js';
import type { VisitedStore } from '../../hash/visited-store.js';
import { BLOCK_BYTES, BLOCK_HEAD_BYTES, BlockReader, BlockWriter, HEADER_BYTES, SpillCorruption } from './block-file.js';
import { VisitedFile } from './visited-file.js';

const KIND = 'IDS ';
const RECORD = 12;
const PER_BLOCK = Math.floor(BLOCK_BYTES / RECORD);
const MANIFEST = 'store.json';
const FORMAT = 1;

export interface StoreManifest {
  readonly format: number;
  /** States by id in ids.log. */
  readonly states: number;
  /** Fingerprints in visited.fp (every state's). */
  readonly visited: number;
}

export class SpilledStore implements VisitedStore {
  readonly visited: VisitedFile;
  private readonly path: string;
  private writer: BlockWriter | null;
  private words: Uint32Array;
  private count = 0;
  private reader: BlockReader | null = null;
  private cached = -1;
  private cachedWords: Uint32Array = new Uint32Array(0);

  private constructor(readonly dir: string, create: boolean) {
    this.path = join(dir, 'ids.log');
    this.visited = new VisitedFile(dir);
    this.writer = create ? new BlockWriter(this.path, KIND, PER_BLOCK * RECORD) : null;
    this.words = this.writer ? new Uint32Array(this.writer.block.buffer) : new Uint32Array(0);
  }

  /** A new store in `dir` (which exists), empty. */
  static create(dir: string): SpilledStore {
    return new SpilledStore(dir, true);
  }

  /** The store a manifest in `dir` describes (written by `writeManifest`). */
  static open(dir: string): SpilledStore {
    const path = join(dir, MANIFEST);
    let manifest: StoreManifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as StoreManifest;
    } catch (error) {
      throw new SpillCorruption(path, (error as Error).message);
    }
    if (manifest.format !== FORMAT || !Number.isSafeInteger(manifest.states) || !Number.isSafeInteger(manifest.visited)) {
      throw new SpillCorruption(path, 'not a store manifest of this version');
    }
    const store = new SpilledStore(dir, false);
    store.count = manifest.states;
    store.visited.reopen(manifest.visited);
    return store;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held in memory: a block being written and one being read. */
  get bytes(): number {
    return (this.writer?.block.byteLength ?? 0) + this.cachedWords.byteLength;
  }

  /** Gives the next id to a state. */
  append(hi: number, lo: number, parent: number): void {
    const writer = this.writer!;
    const at = writer.room(RECORD) >>> 2;
    this.words[at] = hi;
    this.words[at + 1] = lo;
    this.words[at + 2] = parent;
    writer.filled += RECORD;
    this.count++;
  }

  /** Ends appending: from now on the store is read. */
  seal(): void {
    this.writer?.close();
    this.writer = null;
  }

  /** Writes the manifest (after `seal`): with it, `open` finds the store again. */
  writeManifest(): void {
    const manifest: StoreManifest = { format: FORMAT, states: this.count, visited: this.visited.count };
    const path = join(this.dir, MANIFEST);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  parentOf(id: number): number {
    return this.record(id)[2];
  }

  fingerprintOf(id: number): { hi: number; lo: number } {
    const [hi, lo] = this.record(id);
    return { hi, lo };
  }

  pathTo(id: number): number[] {
    const path = [id];
    for (let p = this.parentOf(id); p !== NO_PARENT; p = this.parentOf(p)) path.push(p);
    return path.reverse();
  }

  private record(id: number): [number, number, number] {
    if (this.writer) throw new Error('the spilled store is read only once sealed');
    if (!Number.isInteger(id) || id < 0 || id >= this.count) throw new RangeError(`no state ${id} in the spilled store (${this.count} states)`);
    const block = Math.floor(id / PER_BLOCK);
    if (block !== this.cached) {
      this.reader ??= new BlockReader(this.path, KIND);
      const payload = this.reader.blockAt(HEADER_BYTES + block * (BLOCK_HEAD_BYTES + PER_BLOCK * RECORD));
      const expected = Math.min(PER_BLOCK, this.count - block * PER_BLOCK) * RECORD;
      if (payload.length !== expected) throw new SpillCorruption(this.path, `block ${block} holds ${payload.length} bytes, ${expected} were written`);
      this.cachedWords = new Uint32Array(payload.buffer, payload.byteOffset, payload.length >>> 2);
      this.cached = block;
    }
    const at = (id - block * PER_BLOCK) * 3;
    return [this.cachedWords[at]!, this.cachedWords[at + 1]!, this.cachedWords[at + 2]!];
  }

  close(): void {
    this.seal();
    this.reader?.close();
    this.reader = null;
  }
}
