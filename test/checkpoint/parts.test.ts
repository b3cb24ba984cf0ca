// The parts of a checkpoint save and restore themselves exactly: the level
// buffer (states across chunk boundaries, the same bytes held), the visited
// set (the same ids, parents and table), a chunked column; and a level buffer
// already sliced refuses to be saved (its first states are gone).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LevelBuffer } from '../../src/engine/level-buffer.js';
import { StateStore, NO_PARENT } from '../../src/hash/state-store.js';
import { ChunkedUint16 } from '../../src/hash/chunked.js';
import type { SnapshotReader, SnapshotWriter } from '../../src/hash/snapshot.js';

/** Files kept in memory, each the concatenation of its parts. */
function memoryFolder(): SnapshotWriter & SnapshotReader & { readonly files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    write(name, parts) {
      const list = [...parts].map((p) => Uint8Array.from(p));
      const bytes = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of list) bytes.set(p, (at += p.length) - p.length);
      files.set(name, bytes);
    },
    read(name) {
      const bytes = files.get(name);
      assert.ok(bytes, `${name} was saved`);
      // Unaligned on purpose: columns must be read from any offset.
      const shifted = new Uint8Array(bytes.length + 1).subarray(1);
      shifted.set(bytes);
      return shifted;
    },
  };
}

/** State k: a length from 20 to 60 bytes, and bytes that depend on k. */
function stateOf(k: number): Uint8Array {
  return Uint8Array.from({ length: 20 + (k % 41) }, (_, i) => (k * 31 + i) & 0xff);
}

describe('the parts of a checkpoint', () => {
  it('a level buffer of several chunks comes back with the same states and the same bytes held', () => {
    const level = new LevelBuffer();
    const count = 12_000; // about 480 KB: two chunks of 256 KiB
    for (let k = 0; k < count; k++) {
      const s = stateOf(k);
      level.push(s, 0, s.length);
    }
    const folder = memoryFolder();
    level.saveTo(folder, 'level');
    const loaded = new LevelBuffer();
    loaded.loadFrom(folder, 'level');
    assert.equal(loaded.count, count);
    assert.equal(loaded.bytes, level.bytes);
    const { bytes, offsets } = loaded.slice(0, count);
    for (let k = 0; k < count; k++) assert.deepEqual(bytes.subarray(offsets[k], offsets[k + 1]), stateOf(k), `state ${k}`);
  });

  it('a level buffer already sliced is not saved', () => {
    const level = new LevelBuffer();
    for (let k = 0; k < 4; k++) level.push(stateOf(k), 0, stateOf(k).length);
    level.slice(0, 2);
    assert.throws(() => level.saveTo(memoryFolder(), 'level'), /saved before any of its states is sliced/);
  });

  it('a visited set comes back with the same ids, parents and size', () => {
    const store = new StateStore();
    const count = 100_000; // past the first table size and several column chunks
    for (let id = 0; id < count; id++) assert.equal(store.add(Math.imul(id, 0x9e3779b1) >>> 0, id ^ 0x5555, id === 0 ? NO_PARENT : id >> 1), id);
    const folder = memoryFolder();
    store.saveTo(folder, 'store');
    const loaded = new StateStore();
    loaded.loadFrom(folder, 'store');
    assert.equal(loaded.size, count);
    assert.equal(loaded.bytes, store.bytes);
    for (const id of [0, 1, 65_535, 65_536, count - 1]) {
      const { hi, lo } = store.fingerprintOf(id);
      assert.equal(loaded.find(hi, lo), id);
      assert.equal(loaded.parentOf(id), store.parentOf(id));
    }
    assert.equal(loaded.find(1, 2), -1);
    assert.deepEqual(loaded.pathTo(count - 1), store.pathTo(count - 1));
  });

  it('a column of 16-bit values comes back whole, replacing what was there', () => {
    const column = new ChunkedUint16();
    for (let i = 0; i < 70_000; i++) column.push(i & 0xffff);
    const folder = memoryFolder();
    column.saveTo(folder, 'c');
    assert.equal(folder.files.get('c')!.length, 140_000, 'the filled part only');
    const loaded = new ChunkedUint16();
    loaded.push(7);
    loaded.loadFrom(folder, 'c');
    assert.equal(loaded.size, 70_000);
    for (const i of [0, 65_535, 65_536, 69_999]) assert.equal(loaded.get(i), i & 0xffff);
  });
});
