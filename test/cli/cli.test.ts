// The virtcheck program: exit codes, result files and clear errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAll } from '../../src/report/files.js';
import { ConfigError, parseConfig } from '../../src/state/config.js';
import { loadConfig } from '../../src/cli/load.js';
import { modelOf } from '../../src/spec/model.js';
import { parseItf } from '../../src/trace/itf.js';
import { replayTrace } from '../../src/trace/replay.js';
import { checkWith } from '../helpers.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const configs = fileURLToPath(new URL('../../../configs/', import.meta.url));

function virtcheck(...args: string[]) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'virtcheck-'));
}

function writeConfig(dir: string, name: string, config: unknown): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

const leaky = { oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } };

/** One check of `leaky` (valid only: what the tests read of it), run once for the tests that need its trace. */
let leakyRun: { dir: string; config: string; run: ReturnType<typeof virtcheck> } | undefined;
function checkedLeaky() {
  if (!leakyRun) {
    const dir = scratch();
    const config = writeConfig(dir, 'leaky', leaky);
    leakyRun = { dir, config, run: virtcheck('check', config, '--props', 'valid', '--out', dir) };
  }
  return leakyRun;
}

/**
 * One check of the default configuration (valid and conformance: that the other properties hold on it is
 * asserted in this process, test/check/isolation.test.ts and test/liveness/availability.test.ts), its text
 * and its result file, read by the tests below. One thread: the worker threads are tested on their own
 * (test/cli/workers.test.ts).
 */
let defaultRun: { out: string; run: ReturnType<typeof virtcheck>; json: any } | undefined;
function checkedDefault() {
  if (!defaultRun) {
    const out = scratch();
    const run = virtcheck('check', join(configs, 'default.json'), '--props', 'valid,conformance', '--out', out, '--workers', '1');
    const files = readdirSync(out);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^default-\d{8}-\d{6}-\d{3}\.json$/);
    defaultRun = { out, run, json: JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) };
  }
  return defaultRun;
}

describe('virtcheck check', () => {
  it('exits 0 when every property holds, printing and writing the same JSON', () => {
    const { run, json } = checkedDefault();
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json.verdicts.valid.status, 'holds');
    assert.equal(json.verdicts.conformance.status, 'holds');
    assert.equal(json.stats.distinctStates, 46592);
    assert.equal(json.stats.depth, 42);
    assert.equal(json.stats.levels.length, 43);
    assert.ok(json.stats.generatedStates > json.stats.distinctStates);
    // With --json, what is printed is what is written (a bounded run of the same configuration).
    const out = scratch();
    const printed = virtcheck('check', join(configs, 'default.json'), '--props', 'valid,conformance', '--depth', '4', '--json', '--out', out, '--workers', '1');
    assert.equal(printed.code, 152, printed.stderr);
    const files = readdirSync(out);
    assert.equal(files.length, 1);
    assert.deepEqual(JSON.parse(readFileSync(join(out, files[0]!), 'utf8')), JSON.parse(printed.stdout));
  });

  it('exits 12 on a safety violation, with a readable trace and an ITF file that replays', () => {
    const { dir, config, run } = checkedLeaky();
    assert.equal(run.code, 12, run.stderr);
    assert.match(run.stdout, /valid\s+VIOLATED \(counterexample of 10 steps\)/);
    assert.match(run.stdout, /10\. switch\(1\) -> ok/);
    assert.match(run.stdout, /violation: conjunct 8 \(buffer-coherence\)/);
    const trace = readdirSync(dir).find((f) => f.endsWith('.valid.itf.json'))!;
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.itf.json')), [trace]);
    const result = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => /^leaky-.*\d\.json$/.test(f))!), 'utf8'));
    assert.deepEqual([result.verdicts.valid.status, result.verdicts.valid.length, result.verdicts.valid.trace], ['violated', 10, trace]);
    assert.equal(result.outcome.exitCode, 12);

    const replay = virtcheck('replay', join(dir, trace), '--config', config);
    assert.equal(replay.code, 0, replay.stderr);
    assert.match(replay.stdout, /replays: 10 steps/);

    const elsewhere = virtcheck('replay', join(dir, trace), '--config', join(configs, 'default.json'));
    assert.equal(elsewhere.code, 153);
    assert.match(elsewhere.stderr, /does not replay at state 10: switch\(1\) reaches a state that differs from the trace in tlb/);
  });

  it('symmetry reduction is on by default, counts the states its orbits stand for, and says so, in the text and in the JSON', () => {
    // One run, read twice: its text on standard output, its JSON in the result file.
    const { run: text, json } = checkedDefault();
    assert.equal(text.code, 0);
    assert.deepEqual(json.run.symmetry, { requested: true, applied: true, group: { osPermutations: 2, valuePermutations: 2, subgroup: 'images' } });
    assert.deepEqual([json.verdicts.valid.status, json.verdicts.conformance.status], ['holds', 'holds']);
    assert.deepEqual([json.stats.distinctStates, json.stats.orbits], [46592, 13568]);
    assert.match(text.stdout, /symmetry reduction: applied \(2 OS permutations keeping the initial state reachable x 2 value permutations\); states and transitions are counted from the orbits/);
    assert.match(text.stdout, /46,592 distinct states in 13,568 orbits \(stored\)/);
    const plain = virtcheck('check', join(configs, 'default.json'), '--props', 'valid', '--no-symmetry', '--depth', '2', '--json', '--no-write');
    assert.deepEqual(JSON.parse(plain.stdout).run.symmetry, { requested: false, applied: false, reason: 'not requested' });
    assert.equal(JSON.parse(plain.stdout).stats.orbits, undefined);
    // Every property by default, availability included: reduced (by the stabiliser, for isolation and the depth bound), and it says so.
    // Asked for by name, as by default.
    const allOut = scratch();
    const allText = virtcheck('check', join(configs, 'default.json'), '--depth', '2', '--symmetry', '--out', allOut);
    const all = JSON.parse(readFileSync(join(allOut, readdirSync(allOut)[0]!), 'utf8'));
    assert.deepEqual(all.run.symmetry, { requested: true, applied: true, group: { osPermutations: 1, valuePermutations: 2, subgroup: 'stabiliser' } });
    assert.match(allText.stdout, /symmetry reduction: applied \(1 OS permutations fixing the initial state x 2 value permutations\)/);
    assert.match(virtcheck('describe', join(configs, 'default.json')).stdout, /symmetry +2 OS permutations x 2 value permutations \(interchangeable OSes \{0, 1\}\)/);
  });

  it('exits 13 on a liveness violation, with a verdict per sub-property and lassos that replay', () => {
    const dir = scratch();
    const starving = { oses: [{}, {}], virtualAddresses: 1, values: 1, physicalAddresses: 2, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } };
    const config = writeConfig(dir, 'starving', starving);
    const run = virtcheck('check', config, '--props', 'availability', '--out', dir);
    assert.equal(run.code, 13, run.stderr);
    assert.match(run.stdout, /availability\s+VIOLATED/);
    assert.match(run.stdout, /no lock-out\s+holds/);
    assert.match(run.stdout, /hypercalls are answered\s+VIOLATED \(lasso: \d+ steps to a shortest fair cycle of \d+\)/);
    assert.match(run.stdout, /loop: switch\(0\) -> ok leads back to state \d+/);
    const result = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => /^starving-.*\d\.json$/.test(f))!), 'utf8'));
    const parts = result.verdicts.availability.parts;
    assert.deepEqual(Object.keys(parts), ['no-lock-out', 'hypercalls-answered', 'every-os-runs', 'papers-form']);
    assert.deepEqual(parts['no-lock-out'], { status: 'holds' });
    const model = modelOf(loadConfig(config));
    for (const name of ['hypercalls-answered', 'every-os-runs', 'papers-form']) {
      const part = parts[name];
      assert.equal(part.status, 'violated');
      assert.equal(part.length, part.prefix + part.cycle);
      assert.equal(part.cycleMinimal, true);
      // Each lasso replays, loop included (in this process); the replay command on one of them.
      const replayed = replayTrace(model, parseItf(JSON.parse(readFileSync(join(dir, part.trace), 'utf8'))));
      assert.deepEqual([replayed.failure, replayed.steps.length, replayed.closing !== undefined], [undefined, part.length - 1, true], name);
    }
    const replay = virtcheck('replay', join(dir, parts['hypercalls-answered'].trace), '--config', config);
    assert.equal(replay.code, 0, replay.stderr);
    assert.match(replay.stdout, new RegExp(`replays: ${parts['hypercalls-answered'].length - 1} steps and the loop`));
  });

  it('exits 152 when a limit stops the run, and says "holds up to depth"', () => {
    const depth = virtcheck('check', join(configs, 'default.json'), '--depth', '3', '--no-write');
    assert.equal(depth.code, 152);
    assert.match(depth.stdout, /valid\s+holds up to depth 3/);
    const states = virtcheck('check', join(configs, 'default.json'), '--max-states', '10', '--json', '--no-write');
    assert.equal(states.code, 152);
    const json = JSON.parse(states.stdout);
    // Under symmetry reduction (the default) the limit counts stored orbits.
    assert.deepEqual([json.stats.orbits, json.outcome.stoppedBy, json.verdicts.valid.status], [10, 'max-states', 'inconclusive']);
  });

  it('exits 151 for a configuration that fails validation, naming the key, and writes nothing', () => {
    const invalid = [
      [{ oses: [{}], cache: { size: 1, ways: 2 } }, /cache\.ways: unknown key/],
      [{ oses: [{}, {}, {}], machinePages: 2 }, /machinePages: 2 is fewer than the 3 OSes/],
      [{ oses: [{}], values: 99 }, /values: 99 is out of range/],
    ] as const;
    // The messages are the configuration's (in this process); the exit code, the message
    // without a stack trace and the files left are the program's (one run).
    for (const [config, message] of invalid) assert.throws(() => parseConfig(config), (e) => e instanceof ConfigError && message.test(e.message));
    const dir = scratch();
    const run = virtcheck('check', writeConfig(dir, 'bad', invalid[0][0]), '--out', join(dir, 'out'));
    assert.equal(run.code, 151);
    assert.match(run.stderr, /^virtcheck: invalid configuration: .*cache\.ways: unknown key/);
    assert.doesNotMatch(run.stderr, /at .*\.js/, 'no stack trace');
    assert.deepEqual(readdirSync(dir), ['bad.json']);
  });

  it('exits 150 for bad arguments and unreadable files', () => {
    const dir = scratch();
    const cases: [string[], RegExp][] = [
      [['check', join(dir, 'missing.json')], /cannot read configuration .*missing\.json: ENOENT/],
      [['check', writeConfig(dir, 'broken', '{ "oses": [ }')], /not valid JSON/],
      [['check', join(configs, 'default.json'), '--depth', '-1'], /--depth must be a whole number/],
      [['check', join(configs, 'default.json'), '--props', 'valid,safety'], /unknown property "safety"/],
      [['check'], /missing required argument/],
      [['frobnicate'], /unknown command/],
      [['replay', join(configs, 'default.json'), '--config', join(configs, 'default.json')], /not a virtcheck ITF trace/],
    ];
    for (const [args, message] of cases) {
      const run = virtcheck(...args);
      assert.equal(run.code, 150, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });

  it('replay exits 153 for a trace whose action is not enabled', () => {
    const { dir: checked, config } = checkedLeaky();
    const written = readdirSync(checked).find((f) => f.endsWith('.itf.json'))!;
    const trace = JSON.parse(readFileSync(join(checked, written), 'utf8'));
    const path = join(scratch(), written);
    trace.states[1].action = 'read(0)';
    writeFileSync(path, JSON.stringify(trace));
    const run = virtcheck('replay', path, '--config', config);
    assert.equal(run.code, 153);
    assert.match(run.stderr, /does not replay at state 1: read\(0\) is disabled here/);
  });
});

describe('virtcheck estimate', () => {
  it('is exact when the sample reaches the fixpoint', async () => {
    const dir = scratch();
    const config = writeConfig(dir, 'small', { oses: [{}, {}], virtualAddresses: 1 });
    // One property, unreduced: the states counted do not depend on them, and the run is cheaper.
    const estimate = JSON.parse(virtcheck('estimate', config, '--budget', '120', '--props', 'valid', '--no-symmetry', '--json').stdout);
    // The check it must agree with, in this process: the exact count is the engine's.
    const checked = (await checkWith({ oses: [{}, {}], virtualAddresses: 1 }, ['valid'])).engine;
    assert.deepEqual(estimate.estimate, { kind: 'exact', states: checked.store.size });
    assert.deepEqual(estimate.sample.levels, checked.levels);
    // Reduced, it counts orbits and says so.
    assert.match(virtcheck('estimate', config, '--props', 'valid', '--budget', '120').stdout, /exact: [\d,]+ orbits, depth \d+/);
  });

  it('prints a range and says it is an estimate when the sample stops early', () => {
    const run = virtcheck('estimate', join(configs, 'default.json'), '--props', 'valid,conformance', '--max-states', '5000', '--symmetry');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /symmetry reduction: applied/);
    assert.match(run.stdout, /sample: .* 5,000 orbits/);
    assert.match(run.stdout, /estimate: about \S+ orbits, likely between \S+ and \S+ \(at least 5,000: explored\)/);
    assert.match(run.stdout, /a full run: about .* at the sample's rate/);
    assert.match(run.stdout, /not a count/);
    assert.match(run.stdout, /memory: .*visited set about [\d.]+ (B|KiB|MiB|GiB)/);
  });

  it('with availability, counts its graph and its analysis in the memory, and says the analysis is not timed', () => {
    const args = ['estimate', join(configs, 'default.json'), '--props', 'valid,availability', '--max-states', '5000'];
    const { fullRun, sample } = JSON.parse(virtcheck(...args, '--json').stdout);
    // The peak: the sample's fixed part, the visited set, the graph, and during the analysis a copy of the graph and the scratch space.
    const [fixed] = fullRun.storeBytes.map((_: number, i: number) => fullRun.peakRssBytes[i] - fullRun.storeBytes[i] - 2 * fullRun.graphBytes[i] - fullRun.analysisBytes[i]);
    // What is left of the peak is the sample's fixed part: positive, and less than the sample's whole peak.
    assert.ok(fixed > 0 && fixed < sample.peakRssBytes, `${fixed} bytes left of ${fullRun.peakRssBytes[0]}`);
    assert.ok(fullRun.graphBytes[1] < fullRun.graphBytes[0] && fullRun.graphBytes[0] < fullRun.graphBytes[2], 'the graph grows with the count');
    assert.ok(fullRun.analysisBytes[0] > fullRun.graphBytes[0], 'the analysis holds more than the graph, per pair of an orbit and an OS');
    const text = virtcheck(...args).stdout;
    assert.match(text, /for availability, the transition graph about \S+ \S+ \(twice while the analysis copies it\) and the analysis after the exploration about \S+ \S+;/);
    assert.match(text, /the analysis is not timed/);
  });
});

describe('result files are written whole or not at all', () => {
  it('a failure while writing leaves nothing behind', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'taken.json'));
    assert.throws(() =>
      writeAll(dir, [
        { name: 'trace.itf.json', content: '{}' },
        { name: 'taken.json', content: '{}' },
      ]),
    );
    assert.deepEqual(readdirSync(dir), ['taken.json']);
  });
});
