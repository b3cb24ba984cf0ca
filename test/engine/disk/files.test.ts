// The files of a spilled run: what is written reads back the same, a merge
// pass finds exactly the fingerprints not yet visited, and a file that is
// corrupt or cut short is reported, never read past.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockReader, BlockWriter, HEADER_BYTES, SpillCorruption } from '../../../src/engine/disk/block-file.js';
import { fingerprintOrder } from '../../../src/engine/disk/radix-sort.js';
import { VisitedFile } from '../../../src/engine/disk/visited-file.js';
import { SpilledStore } from '../../../src/engine/disk/spilled-store.js';
import { BitSet, LevelFileWriter } from '../../../src/engine/disk/level-file.js';
import { NO_PARENT } from '../../../src/hash/state-store.js';
import { seededRandom } from '../../helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-disk-'));

/** Random 32-bit halves, with repeats among the his so that the los decide some orders. */
function fingerprints(n: number, seed: number): { hi: Uint32Array; lo: Uint32Array } {
  const random = seededRandom(seed);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = random() < 0.2 ? 7 : Math.floor(random() * 2 ** 32);
    lo[i] = Math.floor(random() * 2 ** 32);
  }
  return { hi, lo };
}

const key = (hi: number, lo: number) => BigInt(hi) * 2n ** 32n + BigInt(lo);

/** Writes `records` records of 8 bytes (i, 2i) in blocks of `blockBytes`. */
function writeRecords(path: string, records: number, blockBytes: number): void {
  const writer = new BlockWriter(path, 'TEST', blockBytes);
  const words = new Uint32Array(writer.block.buffer);
  for (let i = 0; i < records; i++) {
    const at = writer.room(8) >>> 2;
    words[at] = i;
    words[at + 1] = 2 * i;
    writer.filled += 8;
  }
  writer.close();
}

function readRecords(path: string, expected: number): number[] {
  const reader = new BlockReader(path, 'TEST');
  const values: number[] = [];
  for (let block = reader.next(); block !== null; block = reader.next()) values.push(...new Uint32Array(block.buffer, 0, block.length >>> 2));
  reader.expectCount(values.length / 2, expected);
  reader.close();
  return values;
}

describe('block files', () => {
  it('read back what was written, block by block', () => {
    const path = join(scratch(), 'f');
    writeRecords(path, 1000, 64);
    const values = readRecords(path, 1000);
    assert.deepEqual(values.slice(0, 4), [0, 0, 1, 2]);
    assert.deepEqual(values.slice(-2), [999, 1998]);
  });

  it('report a flipped byte, a cut block, a file cut at a block boundary and a wrong header', () => {
    const dir = scratch();
    const flipped = join(dir, 'flipped');
    writeRecords(flipped, 100, 64);
    const bytes = readFileSync(flipped);
    bytes[HEADER_BYTES + 8 + 72 + 8 + 3]! ^= 0x10;
    writeFileSync(flipped, bytes);
    assert.throws(() => readRecords(flipped, 100), (e: unknown) => e instanceof SpillCorruption && /fails its checksum/.test(e.message) && e.message.includes(flipped));

    const cut = join(dir, 'cut');
    writeRecords(cut, 100, 64);
    truncateSync(cut, statSync(cut).size - 5);
    assert.throws(() => readRecords(cut, 100), (e: unknown) => e instanceof SpillCorruption && /truncated/.test(e.message));

    const short = join(dir, 'short');
    writeRecords(short, 100, 64);
    truncateSync(short, HEADER_BYTES + 3 * (8 + 64));
    assert.throws(() => readRecords(short, 100), (e: unknown) => e instanceof SpillCorruption && /holds 24 TEST records, 100 were written/.test(e.message));

    assert.throws(() => new BlockReader(short, 'LEVL'), (e: unknown) => e instanceof SpillCorruption && /bad header/.test(e.message));
  });
});

describe('the sorted file of visited fingerprints', () => {
  it('radix order sorts fingerprints as unsigned 64-bit numbers', () => {
    const { hi, lo } = fingerprints(5000, 1);
    const order = fingerprintOrder(hi, lo, hi.length);
    for (let i = 1; i < order.length; i++) assert.ok(key(hi[order[i - 1]!]!, lo[order[i - 1]!]!) <= key(hi[order[i]!]!, lo[order[i]!]!));
    assert.equal(new Set(order).size, order.length);
  });

  it('a merge pass flags exactly the candidates not visited, and admits those asked', () => {
    const visited = new VisitedFile(scratch());
    const first = fingerprints(3000, 2);
    visited.create({ ...first, order: fingerprintOrder(first.hi, first.lo, 3000) });
    const seen = new Set(Array.from(first.hi, (h, i) => key(h, first.lo[i]!)));
    // Candidates: half already visited, half new, all distinct.
    const fresh = fingerprints(1000, 3);
    const hi = Uint32Array.from([...first.hi.subarray(0, 1000), ...fresh.hi]);
    const lo = Uint32Array.from([...first.lo.subarray(0, 1000), ...fresh.lo]);
    const candidates = { hi, lo, order: fingerprintOrder(hi, lo, hi.length) };
    const flags = new Uint8Array(hi.length);
    assert.equal(visited.merge(candidates, flags, null), 1000);
    assert.equal(visited.count, 3000, 'a read-only pass leaves the file as it was');
    for (let w = 0; w < hi.length; w++) assert.equal(flags[w], seen.has(key(hi[w]!, lo[w]!)) ? 0 : 1);
    // Admit every other new one: they join the set, the others stay out.
    const admit = flags.map((f, w) => (f === 1 && w % 2 === 0 ? 1 : 0));
    visited.merge(candidates, new Uint8Array(hi.length), admit);
    assert.equal(visited.count, 3500);
    const again = new Uint8Array(hi.length);
    assert.equal(visited.merge(candidates, again, null), 500);
    for (let w = 0; w < hi.length; w++) assert.equal(again[w], flags[w] === 1 && admit[w] === 0 ? 1 : 0);
  });
});

describe('the spilled store', () => {
  it('gives back parents and fingerprints by id, across blocks, and reopens from its manifest', () => {
    const dir = scratch();
    const store = SpilledStore.create(dir);
    const n = 200_000;
    for (let id = 0; id < n; id++) store.append(id * 3, id ^ 0xabcdef, id === 0 ? NO_PARENT : Math.floor((id - 1) / 2));
    store.seal();
    store.writeManifest();
    for (const s of [store, SpilledStore.open(dir)]) {
      assert.equal(s.size, n);
      assert.deepEqual(s.fingerprintOf(123_456), { hi: 123_456 * 3, lo: 123_456 ^ 0xabcdef });
      const path = [199_999];
      while (path[0]! > 0) path.unshift(Math.floor((path[0]! - 1) / 2));
      assert.deepEqual(s.pathTo(199_999), path);
      assert.throws(() => s.parentOf(n), RangeError);
    }
  });

  it('reports a corrupt record file and a corrupt manifest', () => {
    const dir = scratch();
    const store = SpilledStore.create(dir);
    for (let id = 0; id < 100_000; id++) store.append(id, id, id - 1);
    store.close();
    store.writeManifest();
    const path = join(dir, 'ids.log');
    const bytes = readFileSync(path);
    bytes[bytes.length - 100]! ^= 1;
    writeFileSync(path, bytes);
    assert.equal(SpilledStore.open(dir).parentOf(5), 4, 'the first block is sound');
    assert.throws(() => SpilledStore.open(dir).parentOf(99_999), (e: unknown) => e instanceof SpillCorruption && /fails its checksum/.test(e.message));
    writeFileSync(join(dir, 'store.json'), '{"format":1,"states":');
    assert.throws(() => SpilledStore.open(dir), (e: unknown) => e instanceof SpillCorruption && e.message.includes('store.json'));
  });
});

describe('a spilled level', () => {
  it('reads back the candidates kept, in order, batch by batch, then removes its file', () => {
    const dir = scratch();
    const writer = new LevelFileWriter(join(dir, 'level'));
    const kept = new BitSet();
    const expected: number[][] = [];
    for (let i = 0; i < 50_000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 40) }, (_, k) => (i + k) & 0xff);
      writer.append(bytes, 0, bytes.length);
      kept.push(i % 3 !== 0);
      if (i % 3 !== 0) expected.push([...bytes]);
    }
    const level = writer.close(kept, expected.length);
    const read: number[][] = [];
    for (let from = 0; from < level.count; from += 1024) {
      const batch = level.slice(from, Math.min(level.count, from + 1024));
      for (let k = 0; k + 1 < batch.offsets.length; k++) read.push([...batch.bytes.subarray(batch.offsets[k], batch.offsets[k + 1])]);
    }
    assert.deepEqual(read, expected);
    assert.throws(() => statSync(join(dir, 'level')), /ENOENT/);
  });
});
