// A damaged checkpoint is detected before anything is resumed and never
// yields a verdict: an altered byte, a truncated or missing file, a manifest
// cut short or altered, no manifest at all, and a bug that saved columns that
// disagree (checksums pass, the parts' own checks do not).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type CheckOptions } from '../../src/check/check.js';
import { modelOf } from '../../src/spec/model.js';
import { CheckpointCorrupt, CheckpointError } from '../../src/hash/snapshot.js';
import { checkpointFolder } from '../../src/checkpoint/folder.js';
import { configOf } from '../helpers.js';

const SMALL = { virtualAddresses: 1, values: 1, physicalAddresses: 2, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } };

describe('a damaged checkpoint', () => {
  const model = modelOf(configOf(SMALL));
  const base: CheckOptions = { properties: ['valid', 'isolation', 'availability'], limits: { maxDepth: 4 } };
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'virtcheck-corrupt-'));
    await check(model, { ...base, checkpoint: { saveTo: join(dir, 'saved'), everyMs: 0, version: '0', step: 'real' } });
  });

  /** A copy of the checkpoint, damaged by `damage` (given the snapshot folder and the copy). */
  const damaged = (name: string, damage: (snapshot: string, copy: string) => void): string => {
    const copy = join(dir, name);
    cpSync(join(dir, 'saved'), copy, { recursive: true });
    damage(join(copy, readdirSync(copy).find((f) => f.startsWith('snapshot-'))!), copy);
    return copy;
  };
  const resume = (from: string) => check(model, { ...base, checkpoint: { resumeFrom: from, everyMs: 0, version: '0', step: 'real' } });

  it('undamaged, it resumes', async () => {
    const resumed = await resume(join(dir, 'saved'));
    assert.equal(resumed.engine.stoppedBy, 'depth');
  });

  const cases: [string, (snapshot: string, copy: string) => void, RegExp, typeof CheckpointError][] = [
    ['an altered byte of the visited set', (s) => flipByte(join(s, 'store.parents')), /store\.parents does not match its checksum/, CheckpointCorrupt],
    ['an altered byte of the view classes', (s) => flipByte(join(s, 'observer.isolation.os1.observedLo')), /observer\.isolation\.os1\.observedLo does not match its checksum/, CheckpointCorrupt],
    ['a truncated file', (s) => truncateSync(join(s, 'observer.availability.targets'), 7), /observer\.availability\.targets holds 7 bytes, the manifest says \d+ \(truncated\?\)/, CheckpointCorrupt],
    ['a missing file', (s) => rmSync(join(s, 'level.bytes')), /level\.bytes is missing/, CheckpointCorrupt],
    ['a manifest cut short', (_, copy) => truncateSync(join(copy, 'manifest.json'), 100), /manifest\.json cannot be read/, CheckpointCorrupt],
    ['a manifest altered', (_, copy) => replaceIn(join(copy, 'manifest.json'), /"depth": 4/, '"depth": 3'), /manifest\.json does not match its checksum/, CheckpointCorrupt],
    ['a manifest whose snapshot is gone', (s) => rmSync(s, { recursive: true }), /is missing/, CheckpointCorrupt],
    ['no checkpoint at all', (_, copy) => rmSync(join(copy, 'manifest.json')), /holds no checkpoint \(no manifest\.json\)/, CheckpointError],
  ];
  for (const [what, damage, message, kind] of cases) {
    it(`${what}: refused, naming the file`, async () => {
      const copy = damaged(what.replace(/\W+/g, '-'), damage);
      await assert.rejects(resume(copy), (error: Error) => {
        assert.ok(error instanceof kind, `${error.name}: ${error.message}`);
        assert.match(error.message, new RegExp(`^cannot resume from ${copy}: `));
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('columns that disagree, resealed with valid checksums (a bug, not damage): refused by the parts themselves', async () => {
    const copy = join(dir, 'resealed');
    const folder = await checkpointFolder(copy);
    // A visited set with one parent fewer than fingerprints.
    folder.save('4', { identity: null }, (out) => {
      out.write('store.fingerprints.hi', [new Uint8Array(8)]);
      out.write('store.fingerprints.lo', [new Uint8Array(new Uint32Array([1, 2]).buffer)]);
      out.write('store.parents', [new Uint8Array(4)]);
    });
    const { reader } = folder.open();
    const { StateStore } = await import('../../src/hash/state-store.js');
    assert.throws(() => new StateStore().loadFrom(reader, 'store'), /store: 2 fingerprints and 1 parents/);
  });
});

function flipByte(path: string): void {
  const bytes = readFileSync(path);
  bytes[bytes.length >> 1]! ^= 1;
  writeFileSync(path, bytes);
}

function replaceIn(path: string, pattern: RegExp, replacement: string): void {
  const text = readFileSync(path, 'utf8');
  assert.match(text, pattern);
  writeFileSync(path, text.replace(pattern, replacement));
}
