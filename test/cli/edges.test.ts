// What a run leaves when it ends badly: a result that cannot be written does
// not take the summary with it, the memory limit stops a run cleanly, and
// --no-write keeps the counterexamples in the JSON. Warnings come before a
// run that cannot go well, and progress reaches a log.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failingStep } from '../fixtures/failing-steps.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const configs = fileURLToPath(new URL('../../../configs/', import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-edges-'));
const slow = failingStep('slowStep');
const slowStep = ['--step', `${slow.module}#${slow.name}`];

function virtcheck(...args: string[]) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function smallConfig(dir: string): string {
  const path = join(dir, 'small.json');
  writeFileSync(path, JSON.stringify({ oses: [{}, {}] }));
  return path;
}

/** Runs a slow check (2 s) and, once it expands, replaces its results folder by a file: the write at the end fails. */
async function runWithResultsFolderGone(extra: string[]) {
  const dir = scratch();
  const out = join(dir, 'out');
  mkdirSync(out);
  const child = spawn(process.execPath, [main, 'check', smallConfig(dir), '--out', out, '--max-states', '1000000', '--time-limit', '2', ...slowStep, ...extra]);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const code = await new Promise<number | null>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (!stderr.includes('expanding') && (stderr + c).includes('expanding')) {
        rmSync(out, { recursive: true });
        writeFileSync(out, 'not a folder');
      }
      stderr += c;
    });
    child.on('exit', resolve);
  });
  return { code, stdout, stderr };
}

describe('a result that cannot be written', () => {
  it('prints the summary first, then the write failure, exit 154', async () => {
    const run = await runWithResultsFolderGone([]);
    assert.equal(run.code, 154, run.stderr);
    assert.match(run.stdout, /valid\s+holds up to depth \d+ \(inconclusive beyond\)/);
    assert.match(run.stdout, /stopped by: time-limit/);
    assert.doesNotMatch(run.stdout, /result: /);
    assert.match(run.stderr, /virtcheck: cannot write results to .*out: (EEXIST|ENOTDIR); the summary above is all that is left of the run\n$/);
  });

  it('prints the JSON first with --json', async () => {
    const run = await runWithResultsFolderGone(['--json']);
    assert.equal(run.code, 154, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.deepEqual([json.outcome.stoppedBy, json.outcome.exitCode], ['time-limit', 152]);
  });
});

describe('--json --no-write', () => {
  it('puts the counterexample traces in the JSON and names no file', () => {
    const dir = scratch();
    const config = join(dir, 'leaky.json');
    writeFileSync(config, JSON.stringify({ oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } }));
    const run = virtcheck('check', config, '--props', 'valid,availability', '--json', '--no-write');
    assert.equal(run.code, 12, run.stderr);
    const { valid } = JSON.parse(run.stdout).verdicts;
    assert.equal(valid.trace, undefined);
    assert.equal(valid.itf.length, 1);
    assert.equal(valid.itf[0].states.length, valid.length + 1);
    assert.equal(valid.itf[0]['#meta'].property, 'valid');
    assert.deepEqual(readdirSync(dir), ['leaky.json']);
  });
});

describe('the memory limit', () => {
  it('stops the run cleanly with exit 152, saying why, and keeps the partial result', () => {
    const out = scratch();
    const run = virtcheck('check', join(configs, 'default.json'), '--props', 'valid', '--max-states', '1000000', '--memory-limit', '1M', '--out', out);
    assert.equal(run.code, 152, run.stderr);
    assert.match(run.stderr, /virtcheck: stopped at the memory limit: resident memory .* reached the limit of 1 MiB/);
    assert.match(run.stdout, /stopped by: memory-limit \(the state space was not fully explored\): resident memory/);
    assert.equal(readdirSync(out).length, 1);
  });

  it('refuses a size it cannot read', () => {
    const run = virtcheck('check', join(configs, 'default.json'), '--memory-limit', 'lots');
    assert.equal(run.code, 150);
    assert.match(run.stderr, /give a size such as 512M or 4G/);
  });

  it('warns before a run whose visited set alone is likely beyond it', () => {
    const run = virtcheck('check', join(configs, 'bench-large.json'), '--props', 'valid', '--memory-limit', '100K', '--time-limit', '1', '--no-write');
    assert.equal(run.code, 152, run.stderr);
    assert.match(run.stderr, /^virtcheck: warning: this configuration likely has \S+ to \S+ states \(extrapolated from a sample of \S+\); its visited set alone would take at least .*, beyond the memory limit of 100 KiB/);
  });
});

describe('worker threads', () => {
  it('reports the threads that ran, and warns when there are more than cores', () => {
    const cores = availableParallelism();
    const many = virtcheck('check', join(configs, 'default.json'), '--props', 'valid', '--depth', '1', '--workers', String(cores + 1), '--json', '--no-write');
    assert.match(many.stderr, new RegExp(`warning: ${cores + 1} threads on ${cores} cores`));
    assert.equal(JSON.parse(many.stdout).run.workers, 1, 'levels of fewer states than a batch are expanded in the main thread alone');
    const two = virtcheck('check', join(configs, 'default.json'), '--props', 'valid', '--depth', '26', '--workers', '2', '--no-symmetry', '--json', '--no-write');
    assert.equal(JSON.parse(two.stdout).run.workers, 2);
  });
});

describe('memory figures', () => {
  it("report the process's peak resident memory and bytes per state beside the visited set's", () => {
    // One run, read twice: its text on standard output, its JSON in the result file.
    const out = scratch();
    const text = virtcheck('check', join(configs, 'default.json'), '--props', 'valid', '--depth', '10', '--out', out);
    const { memory, distinctStates, orbits } = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!), 'utf8')).stats;
    assert.ok(memory.peakRssBytes >= memory.rssBytes && memory.peakRssBytes > 10 * 2 ** 20);
    // Per stored state: an orbit under symmetry reduction.
    assert.equal(memory.processBytesPerState, Math.round(memory.peakRssBytes / (orbits ?? distinctStates)));
    assert.ok(memory.processBytesPerState > memory.bytesPerState);
    assert.match(text.stdout, /memory: peak resident [\d.]+ MiB \([\d,]+ bytes per state, whole process\); visited set [\d.]+ bytes per state; heap [\d.]+ MiB/);
  });
});

describe('progress in a log', () => {
  it('writes whole progress lines at the interval when standard error is not a terminal', () => {
    const dir = scratch();
    const run = virtcheck('check', smallConfig(dir), '--max-states', '1000000', '--time-limit', '1', '--progress-interval', '100', '--no-write', ...slowStep);
    assert.equal(run.code, 152, run.stderr);
    // Every property, reduced by default: the engine counts orbits, and the line says so.
    assert.match(run.stderr, /^virtcheck: progress: exploring \| \d+ s, memory [\d.]+ MiB \| level \d+, [\d,]+ orbits, [\d,]+ generated, [\d,]+ orbits\/s, queue [\d,]+$/m);
  });
});
