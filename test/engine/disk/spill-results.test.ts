// A run that spills its visited set and queue to disk writes the result files
// an in-memory run writes: same counts, levels, verdicts and traces, on
// configurations that hold and that are violated, under each limit. A budget
// of one byte spills at the end of the first level and merges after every
// batch, so every path of the spilled search is taken. The cases run in this
// process (the result files' contents are compared); one runs the program.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { check } from '../../../src/check/check.js';
import type { Limits } from '../../../src/engine/engine.js';
import type { PropertyName } from '../../../src/props/property.js';
import { counterexampleFiles } from '../../../src/report/counterexample-files.js';
import { resultJson } from '../../../src/report/result.js';
import { exitOf } from '../../../src/cli/check-command.js';
import { modelOf } from '../../../src/spec/model.js';
import { configOf, withoutTimings } from '../../helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-spill-'));

// 494 states in 364 orbits (small), 728 in 520 (leaky), to depth 22.
const small = { virtualAddresses: 1, values: 2, machinePages: 3 };
const leaky = { ...small, hypervisor: { flushTlbOnSwitch: false } };
const safety: PropertyName[] = ['valid', 'conformance', 'isolation', 'transparency'];

interface Case {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly properties: PropertyName[];
  readonly limits?: Limits;
  readonly symmetry?: boolean;
  readonly code: number;
}

const cases: Case[] = [
  { name: 'holds, to the fixpoint, under symmetry', config: small, properties: safety, code: 0 },
  { name: 'violated, stopped once every property is', config: leaky, properties: ['valid', 'isolation'], code: 12 },
  { name: 'violated, to the fixpoint (exhaustive), unreduced', config: leaky, properties: safety, limits: { exhaustive: true }, symmetry: false, code: 12 },
  { name: 'stopped by the state limit inside a level', config: leaky, properties: ['valid'], limits: { exhaustive: true, maxStates: 301 }, code: 12 },
  { name: 'stopped by the depth bound', config: small, properties: safety, limits: { maxDepth: 12 }, code: 152 },
];

/** The files a run would write (the result JSON, less timings, and its traces), by name. */
async function filesOf(c: Case, workDir?: string): Promise<{ files: Map<string, unknown>; spilledAtDepth?: number }> {
  const model = modelOf(configOf(c.config));
  const limits = c.limits ?? {};
  const result = await check(model, { properties: c.properties, limits, symmetry: c.symmetry ?? true, ...(workDir ? { spill: { budgetBytes: 1, workDir } } : {}) });
  const exit = exitOf(result);
  assert.equal(exit.code, c.code);
  const traces = counterexampleFiles('run', 'config.json', result.verdicts);
  const json = resultJson(model, { configFile: 'config.json', startedAt: new Date(0), workers: 0, limits }, result, exit, { written: true, files: traces.byProperty });
  const files = new Map<string, unknown>([['run.json', withoutTimings(json)]]);
  for (const f of traces.files) files.set(f.name, JSON.parse(f.content));
  return { files, spilledAtDepth: result.engine.spilledAtDepth };
}

describe('a run spilled to disk', () => {
  for (const c of cases) {
    it(`gives the result files of an in-memory run: ${c.name}`, async () => {
      const work = join(scratch(), 'work');
      const memory = await filesOf(c);
      const spilled = await filesOf(c, work);
      assert.deepEqual(spilled.files, memory.files);
      // The spilled run did spill (its states from depth 2 on were decided on disk), the other did not.
      assert.deepEqual([spilled.spilledAtDepth, memory.spilledAtDepth], [2, undefined]);
    });
  }

  it('virtcheck check --spill-budget writes the files of a run without it, and removes its work folder', async () => {
    const run = promisify(execFile);
    const main = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
    const virtcheck = (args: string[]) =>
      run(process.execPath, [main, 'check', ...args], { encoding: 'utf8' }).then(
        () => 0,
        (e: { code: number; stderr: string }) => (e.code === 12 ? 12 : assert.fail(e.stderr)),
      );
    const dir = scratch();
    const config = join(dir, 'leaky.json');
    writeFileSync(config, JSON.stringify({ name: 'leaky', oses: [{}, {}], ...leaky }));
    const args = [config, '--props', 'valid,isolation', '--workers', '1', '--out'];
    const work = join(dir, 'work');
    const codes = await Promise.all([virtcheck([...args, join(dir, 'memory')]), virtcheck([...args, join(dir, 'spilled'), '--spill-budget', '1', '--work-dir', work])]);
    assert.deepEqual(codes, [12, 12]);
    const read = (out: string) =>
      new Map(readdirSync(out).map((name) => [name.replace(/^leaky-[\d-]+/, 'run'), withoutTimings(JSON.parse(readFileSync(join(out, name), 'utf8').replace(/leaky-[\d-]+/g, 'run')))]));
    const [memory, spilled] = [read(join(dir, 'memory')), read(join(dir, 'spilled'))];
    assert.equal(memory.size, 4);
    assert.deepEqual(spilled, memory);
    const stats = JSON.parse(readFileSync(join(dir, 'spilled', readdirSync(join(dir, 'spilled')).find((n) => /\d\.json$/.test(n))!), 'utf8')).stats;
    assert.equal(stats.memory.spilledAtDepth, 2);
    assert.equal(existsSync(work), false, 'the work folder the run made is removed');
  });
});
