// `virtcheck report` and `check --html`: the same page from a check and from
// its files read back, clear errors, and no file left by a failure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function virtcheck(...args: string[]) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const leaky = { oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } };

describe('virtcheck report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'virtcheck-report-'));
  const config = join(dir, 'leaky.json');
  writeFileSync(config, JSON.stringify(leaky));
  const checked = virtcheck('check', config, '--props', 'valid,isolation', '--workers', '1', '--html', '--out', dir);
  const files = readdirSync(dir);
  const resultFile = join(dir, files.find((f) => /^leaky-.*\d\.json$/.test(f))!);
  const htmlFile = join(dir, files.find((f) => f.endsWith('.html'))!);

  it('check --html writes the report beside the result, and report draws the same page from the files', () => {
    assert.equal(checked.code, 12, checked.stderr);
    assert.equal(htmlFile, resultFile.replace(/\.json$/, '.html'));
    assert.match(checked.stdout, new RegExp(`report: ${htmlFile.replace(/[.]/g, '\\.')}`));
    const again = join(dir, 'again', 'report.html');
    const run = virtcheck('report', resultFile, '--out', again);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `report: ${again}\n`);
    assert.equal(readFileSync(again, 'utf8'), readFileSync(htmlFile, 'utf8'));
  });

  it('fails clearly, writing nothing, on a file that is not a result or a trace that does not replay', () => {
    const notResult = virtcheck('report', config, '--out', join(dir, 'bad', 'r.html'));
    assert.equal(notResult.code, 150);
    assert.match(notResult.stderr, /^virtcheck: not a virtcheck result: "tool.name" is missing/);
    const missing = virtcheck('report', join(dir, 'nothing.json'));
    assert.equal(missing.code, 150);
    assert.match(missing.stderr, /cannot read result .*nothing\.json: ENOENT/);

    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    const other = mkdtempSync(join(tmpdir(), 'virtcheck-report-'));
    // The same result with a configuration the traces do not belong to.
    writeFileSync(join(other, 'r.json'), JSON.stringify({ ...result, config: { ...result.config, hypervisor: { ...result.config.hypervisor, flushTlbOnSwitch: true } } }));
    for (const f of files.filter((name) => name.endsWith('.itf.json'))) writeFileSync(join(other, f), readFileSync(join(dir, f)));
    const mismatch = virtcheck('report', join(other, 'r.json'));
    assert.equal(mismatch.code, 153);
    assert.match(mismatch.stderr, /^virtcheck: trace leaky-.*\.itf\.json does not replay at state 10: switch\(1\) reaches a state that differs from the trace in tlb/);
    assert.deepEqual(readdirSync(other).filter((f) => f.endsWith('.html')), []);
  });

  it('check --html cannot go with --no-write', () => {
    const run = virtcheck('check', config, '--html', '--no-write');
    assert.equal(run.code, 150);
    assert.match(run.stderr, /--html writes a file: it cannot go with --no-write/);
  });
});
