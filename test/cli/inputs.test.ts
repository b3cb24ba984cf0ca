// Bad input is refused at once with a message a person can act on: files
// that are not configurations, JSON errors at their line and column, values
// quoted only cut and printable, traces whose responses are not there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, MAX_CONFIG_BYTES, UsageError } from '../../src/cli/load.js';
import { ConfigError, ConfigSyntaxError } from '../../src/state/config.js';
import { jsonSyntaxProblem } from '../../src/state/json-syntax.js';
import { VERSION } from '../../src/report/version.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const packageJson = fileURLToPath(new URL('../../../package.json', import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-inputs-'));

function virtcheck(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', input, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function fileWith(content: string | Buffer): string {
  const path = join(scratch(), 'config.json');
  writeFileSync(path, content);
  return path;
}

describe('configuration files', () => {
  it('refuses what is not a regular file, at once (a FIFO would hang, /dev/zero grow without bound)', () => {
    const dir = scratch();
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    for (const [path, kind] of [
      ['/dev/zero', 'a character device'],
      [dir, 'a folder'],
      [fifo, 'a FIFO'],
    ]) {
      assert.throws(() => loadConfig(path!), (e: Error) => e instanceof UsageError && e.message.includes(`not a regular file (${kind})`));
    }
  });

  it('refuses a file larger than 1 MiB without reading it', () => {
    const path = fileWith(`{"oses":[{}],"description":"${'x'.repeat(MAX_CONFIG_BYTES)}"}`);
    assert.throws(() => loadConfig(path), /more than the 1 MiB a configuration may have/);
  });

  it('reads standard input as "-"', () => {
    const run = virtcheck(['describe', '-'], '{"oses":[{},{}]}');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^configuration stdin\n {2}OSes {12}2/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const path = fileWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"oses":[{}],"name":"bom"}')]));
    assert.equal(loadConfig(path).name, 'bom');
  });

  it('gives the file, line and column of a JSON error', () => {
    const path = fileWith('{\n  "oses": [{}],\n  "values": 2,\n}\n');
    assert.throws(
      () => loadConfig(path),
      (e: Error) => e instanceof ConfigSyntaxError && e.message === `${path}:4:1: not valid JSON: expected a key in double quotes, found '}'`,
    );
    const run = virtcheck(['check', fileWith('{ "oses": [ }')]);
    assert.equal(run.code, 150);
    assert.match(run.stderr, /config\.json:1:13: not valid JSON: unexpected '}' where a value should be\n$/);
  });

  it('finds the first syntax error as JSON.parse would', () => {
    const cases: [string, string | null][] = [
      ['{"a": [1, 2.5e3, "x\\u00e9", true, null, {}]}', null],
      ['', '1:1'],
      ['[1 2]', '1:4'],
      ['{"a": tru}', '1:7'],
      ['{"a": 1} x', '1:10'],
      ['"abc', '1:1'],
      ['{"a":\n"b\\q"}', '2:3'],
      ['[01]', '1:3'],
      ['[' .repeat(100_000), `1:100001`],
    ];
    for (const [text, where] of cases) {
      const found = jsonSyntaxProblem(text);
      assert.equal(found && `${found.line}:${found.column}`, where, text.slice(0, 20));
      assert.equal(found === null, (() => { try { JSON.parse(text); return true; } catch { return false; } })(), text.slice(0, 20));
    }
  });

  it('quotes offending keys and values cut to a sane length and without control characters', () => {
    const escape = fileWith('{"oses":[{}],"na\\u001b[31mme\\u0007":1}');
    assert.throws(
      () => loadConfig(escape),
      (e: Error) => e instanceof ConfigError && e.message.startsWith('"na[31mme": unknown key (allowed here: name,') && !/[\u0000-\u001f]/.test(e.message),
    );
    const huge = fileWith(JSON.stringify({ oses: [{}], name: `\u001b]0;${'n'.repeat(500_000)}` }));
    assert.throws(
      () => loadConfig(huge),
      (e: Error) => e instanceof ConfigError && e.message.length < 200 && /^name: "\]0;n+\.\.\." is not a valid name/.test(e.message),
    );
  });
});

describe('virtcheck --version', () => {
  it("prints package.json's version", () => {
    const run = virtcheck(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${VERSION}\n`);
    assert.equal(JSON.parse(readFileSync(packageJson, 'utf8')).version, VERSION);
  });
});

describe('replay checks every response', () => {
  it('does not replay a step whose response is missing, empty or not a string (exit 153)', () => {
    const dir = scratch();
    const config = join(dir, 'leaky.json');
    writeFileSync(config, JSON.stringify({ oses: [{}, {}], virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } }));
    const check = virtcheck(['check', config, '--props', 'valid', '--json', '--no-write']);
    assert.equal(check.code, 12, check.stderr);
    const [itf] = JSON.parse(check.stdout).verdicts.valid.itf;
    const replay = (trace: unknown) => {
      const path = join(dir, 'trace.itf.json');
      writeFileSync(path, JSON.stringify(trace));
      return virtcheck(['replay', path, '--config', config]);
    };
    assert.equal(replay(itf).code, 0, 'the trace as written replays');
    for (const [tampered, shown] of [
      [undefined, 'missing'],
      ['', '""'],
      [7, '7'],
    ] as const) {
      const copy = structuredClone(itf);
      if (tampered === undefined) delete copy.states[3].response;
      else copy.states[3].response = tampered;
      const run = replay(copy);
      assert.equal(run.code, 153, `${String(tampered)}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`does not replay at state 3: the trace records no response for .* \\(its "response" is ${shown}\\)`));
    }
  });
});
