// A run saved at a level boundary and resumed gives the result of the run
// never stopped: the same counts, levels, coverage, represented counts,
// verdicts and counterexamples, for properties whose observers keep state
// (availability's transition graph, isolation's view classes), under
// symmetry reduction, with a depth bound, and with a violation found before
// and after the save. In this thread; the CLI tests kill a real process.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type CheckOptions, type CheckResult } from '../../src/check/check.js';
import { modelOf } from '../../src/spec/model.js';
import { configOf } from '../helpers.js';
import type { PropertyName } from '../../src/props/property.js';

const SMALL = { virtualAddresses: 1, values: 1, physicalAddresses: 2, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } };
const SHARED_UNSCRUBBED = { virtualAddresses: 1, values: 2, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } };
const STALE_TLB = { virtualAddresses: 1, values: 1, machinePages: 3, hypervisor: { flushTlbOnSwitch: false } };
const TWO_VALUES_STALE_TLB = { virtualAddresses: 1, values: 2, hypervisor: { flushTlbOnSwitch: false } };

/** What a result says, timings aside. */
function summary(result: CheckResult): unknown {
  const { engine } = result;
  return {
    states: engine.store.size,
    levels: engine.levels,
    transitions: engine.transitions,
    complete: engine.complete,
    stoppedBy: engine.stoppedBy,
    checkedDepth: engine.checkedDepth,
    coverage: [...engine.coverage],
    represented: engine.represented,
    frontierPeakBytes: engine.frontierPeakBytes,
    storeBytes: engine.store.bytes,
    findings: [...engine.findings.values()],
    verdicts: result.verdicts.map((v) => ({ ...v, stats: v.stats ? { ...v.stats, analysisMs: 0 } : undefined })),
  };
}

interface Case {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly properties: readonly PropertyName[];
  readonly options?: Partial<CheckOptions>;
  /** Batches consumed before the stop signal. */
  readonly stopAfter: number;
  /** The properties whose violation the stopped run has found. */
  readonly foundBefore?: readonly string[];
  /** The check runs twice (isolation violated under the images subgroup), and is stopped in its second run. */
  readonly secondRun?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'valid and availability, unreduced (the transition graph)', config: SMALL, properties: ['valid', 'availability'], stopAfter: 15 },
  { name: 'isolation under symmetry reduction (view classes over orbit images)', config: SMALL, properties: ['valid', 'isolation'], options: { symmetry: true }, stopAfter: 6 },
  { name: 'an isolation violation between a state before the save and one after', config: SHARED_UNSCRUBBED, properties: ['isolation'], options: { symmetry: true }, stopAfter: 7, foundBefore: [] },
  {
    name: 'isolation violated under the images subgroup, the run made again under the stabiliser',
    config: TWO_VALUES_STALE_TLB,
    properties: ['valid', 'isolation'],
    options: { symmetry: true },
    stopAfter: 50,
    secondRun: true,
  },
  { name: 'a depth bound', config: SMALL, properties: ['valid', 'conformance'], options: { limits: { maxDepth: 12 }, symmetry: true }, stopAfter: 10 },
  { name: 'a violation found after the save', config: STALE_TLB, properties: ['valid', 'transparency'], options: { symmetry: true }, stopAfter: 3, foundBefore: [] },
  { name: 'a violation found before the save', config: STALE_TLB, properties: ['valid', 'availability'], stopAfter: 50, foundBefore: ['valid'] },
];

describe('checkpoints and resume, in this thread', () => {
  for (const c of CASES) {
    it(`${c.name}: stopped at a level boundary and resumed, it gives the uninterrupted result`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'virtcheck-checkpoint-'));
      try {
        const model = modelOf(configOf(c.config));
        const base = { properties: c.properties, batchSize: 8, ...c.options };
        const whole = await check(model, base);
        let batches = 0;
        const saved: number[] = [];
        const stopped = await check(model, {
          ...base,
          onProgress: () => batches++,
          interrupted: () => batches >= c.stopAfter,
          checkpoint: { saveTo: dir, everyMs: 60_000, version: '0', step: 'real', onSaved: ({ depth }) => saved.push(depth) },
        });
        // The stop waited for the level boundary, saved there (only there: the interval is long), and stopped.
        assert.equal(stopped.engine.stoppedBy, 'interrupted');
        assert.deepEqual(saved, [stopped.engine.checkedDepth + 1]);
        assert.ok(saved[0]! < whole.engine.levels.length, 'the save is before the last level');
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content: { depth: number } };
        assert.equal(manifest.content.depth, saved[0]);
        if (c.foundBefore) assert.deepEqual([...stopped.engine.findings.keys()], c.foundBefore);
        const resumed = await check(model, { ...base, checkpoint: { resumeFrom: dir, everyMs: 60_000, version: '0', step: 'real' } });
        assert.deepEqual(summary(resumed), summary(whole));
        // What the first run found is saved with the second's checkpoints.
        assert.equal(stopped.symmetry.rerun !== undefined, c.secondRun === true);
        assert.equal(resumed.symmetry.rerun?.orbits, whole.symmetry.rerun?.orbits);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('saving at every level boundary changes nothing in the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtcheck-checkpoint-'));
    try {
      const model = modelOf(configOf(SMALL));
      const base = { properties: ['valid', 'isolation', 'availability'] as PropertyName[], batchSize: 8 };
      const saved: number[] = [];
      const saving = await check(model, { ...base, checkpoint: { saveTo: dir, everyMs: 0, version: '0', step: 'real', onSaved: ({ depth }) => saved.push(depth) } });
      const plain = await check(model, base);
      assert.deepEqual(saved, saving.engine.levels.slice(1).map((_, i) => i + 1), 'one save per boundary with a level left');
      assert.deepEqual(summary(saving), summary(plain));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
