// `virtcheck check --workers`: the same result files for any number of worker
// threads, a clear error when a thread fails, and a clean stop on Ctrl-C.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepReference } from '../../src/workers/model-source.js';
import { failingStep } from '../fixtures/failing-steps.js';
import { MUTANTS } from '../fixtures/mutants.js';
import { SLOW_ONLY } from '../opt-in.js';
import { withoutTimings } from '../helpers.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SMALL = { oses: [{}, {}], virtualAddresses: 1, values: 1, machinePages: 3 };

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'virtcheck-workers-'));
}

function configFile(dir: string, config: unknown): string {
  const path = join(dir, 'small.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const stepOption = (step: StepReference) => ['--step', `${step.module}#${step.name}`];

/** Runs a check into a folder of its own; returns the exit code and the files written, by kind. */
function checkInto(config: string, args: string[]) {
  const out = scratch();
  // Threads at once: this small configuration's levels would otherwise be expanded in the main thread.
  const run = spawnSync(process.execPath, [main, 'check', config, '--out', out, '--threads-at-once', ...args], { encoding: 'utf8' });
  // Files are named after the start time: the names are compared without it.
  const read = (file: string) => readFileSync(join(out, file), 'utf8').replace(/small-\d{8}-\d{6}-\d{3}/g, 'small-<time>');
  const files = readdirSync(out).sort();
  const result = JSON.parse(read(files.find((f) => !f.endsWith('.itf.json'))!));
  const traces = files.filter((f) => f.endsWith('.itf.json')).map((f) => [f.slice(f.indexOf('.')), read(f)]);
  return { code: run.status, stderr: run.stderr, result, traces };
}


describe('virtcheck check --workers', () => {
  const cases: [string, object, string[]][] = [
    ['a violated configuration', { ...SMALL, hypervisor: { flushTlbOnSwitch: false } }, []],
    ['a planted bug', { ...SMALL, ...MUTANTS[1]!.config }, stepOption(MUTANTS[1]!.reference)],
    ['a planted bug, stopping at the first violation', SMALL, [...stepOption(MUTANTS[2]!.reference), '--stop-on-first']],
  ];
  // The planted bugs in test:slow: test/workers/parallel.test.ts compares the result JSON and trace files
  // of every planted bug on threads and in this thread (and of a run stopped at the first violation).
  for (const [name, config, args] of cases) {
    it(`writes the same result files with 1 and 2 threads: ${name}`, { skip: name.startsWith('a planted bug') ? SLOW_ONLY : false }, () => {
      const path = configFile(scratch(), config);
      const one = checkInto(path, [...args, '--workers', '1']);
      const two = checkInto(path, [...args, '--workers', '2']);
      assert.equal(one.code, 12, one.stderr);
      // Threads that expanded: the main thread alone, or a worker thread started with the first batch (--threads-at-once).
      assert.deepEqual([one.result.run.workers, two.result.run.workers], [1, 2]);
      assert.ok(one.traces.length > 0);
      assert.deepEqual(withoutTimings(two.result), withoutTimings(one.result));
      assert.deepEqual([two.result.run.configFile, two.result.run.properties], [one.result.run.configFile, one.result.run.properties]);
      assert.deepEqual(two.traces, one.traces);
      assert.equal(two.code, one.code);
    });
  }

  it('exits 255 naming the failure when a worker thread throws, and keeps the partial result', () => {
    const dir = scratch();
    const out = join(dir, 'out');
    const path = configFile(dir, SMALL);
    const run = spawnSync(process.execPath, [main, 'check', path, '--out', out, '--workers', '2', '--threads-at-once', ...stepOption(failingStep('throwsWhenOs1Runs'))], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 255, `signal ${run.signal}: ${run.stderr}`);
    assert.match(run.stderr, /^virtcheck: a worker thread failed expanding states \d+\.\.\d+: planted failure: OS 1 is active; the partial result is kept\n/);
    assert.match(run.stdout, /valid\s+holds up to depth \d+ \(inconclusive beyond\)/);
    assert.match(run.stdout, /stopped by: failure \(the state space was not fully explored\): a worker thread failed/);
    const [file] = readdirSync(out);
    const result = JSON.parse(readFileSync(join(out, file!), 'utf8'));
    assert.deepEqual([result.outcome.complete, result.outcome.stoppedBy, result.outcome.exitCode], [false, 'failure', 255]);
    assert.match(result.outcome.reason, /planted failure: OS 1 is active/);
    assert.ok(result.stats.distinctStates >= 1);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops on ${signal}, writes the partial result marked as such and exits on its own`, async () => {
      const dir = scratch();
      const path = configFile(dir, { oses: [{}, {}] });
      const child = spawn(process.execPath, [main, 'check', path, '--out', dir, '--workers', '2', ...stepOption(failingStep('slowStep'))]);
      let stderr = '';
      child.stderr.setEncoding('utf8');
      const started = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk;
          if (stderr.includes('expanding')) resolve();
        });
      });
      await started;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      assert.equal(code, 152, stderr);
      const resultFile = readdirSync(dir).find((f) => f !== 'small.json')!;
      const result = JSON.parse(readFileSync(join(dir, resultFile), 'utf8'));
      assert.deepEqual([result.outcome.complete, result.outcome.stoppedBy, result.outcome.exitCode], [false, 'interrupted', 152]);
      assert.equal(result.verdicts.valid.status, 'inconclusive');
      assert.ok(result.stats.distinctStates < 46592, 'stopped before the fixpoint');
    });
  }
});
