// `virtcheck check --checkpoint / --resume`: a run killed with SIGKILL after a
// checkpoint, or stopped with SIGTERM, and resumed gives the result JSON of
// the run never stopped (timings aside); a checkpoint of another run is
// refused naming what differs; a damaged one is refused, with no verdict and
// no result file (test/checkpoint/corrupt.test.ts has each kind of damage).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { failingStep } from '../fixtures/failing-steps.js';
import { withoutTimings } from '../helpers.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
// 364 states in 23 levels; with a step that waits 2 ms per state, a run of about a second.
const SMALL = { oses: [{}, {}], virtualAddresses: 1, values: 1, machinePages: 3 };
const slowPerState = failingStep('slowPerState');
const SLOW = ['--step', `${slowPerState.module}#${slowPerState.name}`, '--workers', '1'];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'virtcheck-checkpoint-cli-'));
}

function configFile(dir: string, config: unknown, name = 'small'): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

function virtcheck(...args: string[]) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The depth of the committed checkpoint in `dir`, or -1. */
function savedDepth(dir: string): number {
  try {
    return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content: { depth: number } }).content.depth;
  } catch {
    return -1;
  }
}

/** The result JSON of a check, timings and run parameters aside. */
function resultOf(run: { code: number | null; stdout: string; stderr: string }, code: number): unknown {
  assert.equal(run.code, code, run.stderr);
  return withoutTimings(JSON.parse(run.stdout));
}

describe('virtcheck check --checkpoint and --resume', () => {
  let dir = '';
  let config = '';
  /** The uninterrupted run's result. */
  let whole: unknown;
  before(() => {
    dir = scratch();
    config = configFile(dir, SMALL);
    // The real step: the slow one waits, and changes nothing a result holds.
    whole = resultOf(virtcheck('check', config, '--json', '--no-write', '--workers', '1'), 0);
  });

  it('a run killed with SIGKILL after a checkpoint, resumed, gives the uninterrupted result', async () => {
    const saves = join(dir, 'killed');
    const child = spawn(process.execPath, [main, 'check', config, '--no-write', '--checkpoint', saves, '--checkpoint-every', '0', ...SLOW], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    while (savedDepth(saves) < 3 && child.exitCode === null) await sleep(5);
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    assert.deepEqual([code, signal], [null, 'SIGKILL'], 'killed before it ended');
    const depth = savedDepth(saves);
    assert.ok(depth >= 3 && depth < 23, `a checkpoint mid-way (level ${depth} next)`);
    const resumed = virtcheck('check', config, '--json', '--no-write', '--resume', saves, ...SLOW);
    assert.deepEqual(resultOf(resumed, 0), whole);
    assert.equal(JSON.parse(resumed.stdout).stats.distinctStates, 364);
  });

  it('SIGTERM finishes the level, saves, stops as interrupted; resumed, the run gives the uninterrupted result', async () => {
    const saves = join(dir, 'stopped');
    // Saves only when the signal comes: the interval is long.
    const child = spawn(process.execPath, [main, 'check', config, '--json', '--no-write', '--checkpoint', saves, ...SLOW]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = once(child, 'exit');
    while (!stderr.includes('expanding') && child.exitCode === null) await sleep(5);
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 152, stderr);
    assert.match(stderr, /SIGTERM: finishing the level under way to save a checkpoint/);
    assert.match(stderr, /checkpoint saved in .* \(\d+ states stored, level \d+ next\)/);
    const stopped = JSON.parse(stdout);
    assert.deepEqual([stopped.outcome.stoppedBy, stopped.verdicts.valid.status], ['interrupted', 'inconclusive']);
    // Stopped at the boundary it saved: every level before it checked.
    assert.equal(stopped.verdicts.valid.upToDepth + 1, savedDepth(saves));
    // The number of threads and the time limit may differ: they change nothing a result holds.
    const resumed = virtcheck('check', config, '--json', '--no-write', '--resume', saves, ...SLOW, '--workers', '2', '--time-limit', '600');
    assert.deepEqual(resultOf(resumed, 0), whole);
  });

  describe('a checkpoint of a run bounded at depth 5, saving at every level', () => {
    const args = ['--depth', '5', '--props', 'valid,availability', '--workers', '1'];
    let saves = '';
    before(() => {
      saves = join(dir, 'bounded');
      const run = virtcheck('check', config, '--no-write', '--checkpoint', saves, '--checkpoint-every', '0', ...args);
      assert.equal(run.code, 152, run.stderr);
      assert.equal(savedDepth(saves), 5);
    });

    it('is refused by a run that differs, naming each difference, and nothing is written', () => {
      const out = join(dir, 'results');
      const other = configFile(dir, { ...SMALL, machinePages: 4 }, 'other');
      const run = virtcheck('check', other, '--out', out, '--resume', saves, ...args, '--props', 'valid', '--depth', '6', '--no-symmetry', ...SLOW);
      assert.equal(run.code, 150, run.stderr);
      assert.equal(run.stdout, '');
      assert.ok(!existsSync(out), 'no result file');
      const lines = run.stderr.trimEnd().split('\n');
      assert.match(lines[0]!, /^virtcheck: cannot resume from .*bounded: it was saved by a different run:$/);
      const expected = [
        /^ {2}configuration: machinePages is 3 in the checkpoint, 4 here; name is small in the checkpoint, other here$/,
        /^ {2}step function: the executable specification in the checkpoint, file:.*#slowPerState here$/,
        /^ {2}properties: valid,availability in the checkpoint, valid here$/,
        /^ {2}symmetry reduction: unreduced \(the configuration has no symmetry that fixes the initial state.*\) in the checkpoint, unreduced \(not requested\) here$/,
        /^ {2}limit maxDepth: 5 in the checkpoint, 6 here$/,
      ];
      assert.equal(lines.length, 1 + expected.length, run.stderr);
      expected.forEach((line, i) => assert.match(lines[i + 1]!, line));
    });

    it('is resumed by the same run, and refused once damaged: no verdict, no result file', () => {
      const same = virtcheck('check', config, '--no-write', '--resume', saves, ...args);
      assert.equal(same.code, 152, same.stderr);
      const damaged = join(dir, 'damaged');
      cpSync(saves, damaged, { recursive: true });
      const snapshot = join(damaged, readdirSync(damaged).find((f) => f.startsWith('snapshot-'))!);
      const bytes = readFileSync(join(snapshot, 'store.parents'));
      bytes[bytes.length >> 1]! ^= 1;
      writeFileSync(join(snapshot, 'store.parents'), bytes);
      const out = join(dir, 'results-damaged');
      const run = virtcheck('check', config, '--out', out, '--resume', damaged, ...args);
      assert.equal(run.code, 150, run.stderr);
      assert.match(run.stderr, /cannot resume from .*damaged: snapshot-[^/]+\/store\.parents does not match its checksum/);
      assert.equal(run.stdout, '');
      assert.ok(!existsSync(out), 'no result file');
    });

    it('is not saved over by another run, and --checkpoint-every wants a folder', () => {
      const over = virtcheck('check', config, '--no-write', '--checkpoint', saves, ...args);
      assert.equal(over.code, 150);
      assert.match(over.stderr, /already holds a checkpoint: resume it with --resume/);
      const alone = virtcheck('check', config, '--no-write', '--checkpoint-every', '10', ...args);
      assert.equal(alone.code, 150);
      assert.match(alone.stderr, /--checkpoint-every goes with --checkpoint <dir> or --resume <dir>/);
    });
  });
});
