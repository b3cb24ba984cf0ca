// `virtcheck simulate`: exit codes, what it prints, the files it writes, and
// traces that `virtcheck replay` replays.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const configs = fileURLToPath(new URL('../../../configs/', import.meta.url));

function virtcheck(...args: string[]) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-simulate-'));
const leaky = { name: 'leaky', oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } };

describe('virtcheck simulate', () => {
  it('exits 12 on a violation, prints the shrunk trace proved minimal, and writes ITF files that replay', () => {
    const dir = scratch();
    const config = join(dir, 'leaky.json');
    writeFileSync(config, JSON.stringify(leaky));
    const run = virtcheck('simulate', config, '--props', 'valid,availability', '--seed', '10', '--walk-length', '40', '--walks', '8', '--workers', '1', '--out', dir);
    assert.equal(run.code, 12, run.stderr);
    assert.match(run.stdout, /seed 10/);
    assert.match(run.stdout, /valid\s+VIOLATED \(counterexample of 10 steps: found on walk 5 at 30, .*the shortest\)/);
    assert.match(run.stdout, /availability\s+not checked by simulation \(liveness\)/);
    assert.match(run.stdout, /10\. switch\(1\) -> ok/);
    assert.match(run.stdout, /distinct states seen: about [\d,]+ \(HyperLogLog estimate/);
    const files = readdirSync(dir);
    const traces = files.filter((f) => f.endsWith('.itf.json'));
    assert.deepEqual(traces.map((f) => f.replace(/^leaky-simulate-[\d-]+\./, '')), ['valid.itf.json']);
    for (const trace of traces) {
      const replay = virtcheck('replay', join(dir, trace), '--config', config);
      assert.equal(replay.code, 0, `${trace}: ${replay.stderr}`);
    }
    const result = JSON.parse(readFileSync(join(dir, files.find((f) => /^leaky-simulate-[\d-]+\.json$/.test(f))!), 'utf8'));
    assert.equal(result.outcome.exitCode, 12);
    assert.equal(result.verdicts.valid.length, 10);
    assert.equal(result.verdicts.valid.simulation.minimality.status, 'shorter');
    assert.equal(result.verdicts.availability.status, 'not-checked');
    assert.equal(result.stats.walks, 6);
  });

  it('exits 0 when nothing is found, and says it is no proof', () => {
    const run = virtcheck('simulate', join(configs, 'default.json'), '--props', 'valid', '--seed', '1', '--walks', '3', '--walk-length', '10', '--workers', '1', '--no-write');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /valid\s+no violation found in 3 walks \(not a proof that it holds\)/);
    assert.match(run.stdout, /3 walks of up to 10 actions, 30 steps/);
  });

  it('rejects bad input with the usage and configuration exit codes, writing nothing', () => {
    const dir = scratch();
    assert.equal(virtcheck('simulate', join(configs, 'default.json'), '--walks', '0', '--out', dir).code, 150);
    assert.equal(virtcheck('simulate', join(configs, 'default.json'), '--props', 'safety', '--out', dir).code, 150);
    assert.equal(virtcheck('simulate', join(dir, 'missing.json'), '--out', dir).code, 150);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ oses: [] }));
    const run = virtcheck('simulate', bad, '--out', dir);
    assert.equal(run.code, 151);
    assert.match(run.stderr, /invalid configuration/);
    assert.deepEqual(readdirSync(dir), ['bad.json']);
  });
});
