// Figures in readable units, and result files that never overwrite another
// run's nor leave a killed run's temporary files behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceAll, writeAll, writeUnderFreeStem } from '../../src/report/files.js';
import { formatBytes, formatCount, formatDuration, formatElapsed, roughCount } from '../../src/report/units.js';

describe('readable units', () => {
  it('bytes in binary units up to PiB, then "more than"', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1.6 * 2 ** 30), '1.6 GiB');
    assert.equal(formatBytes(390 * 2 ** 30 * 1024), '390 TiB');
    assert.equal(formatBytes(22_000_000 * 2 ** 30), '21 PiB');
    assert.equal(formatBytes(2 ** 70), 'more than 1,024 PiB');
  });

  it('durations from seconds to years, then "more than"', () => {
    assert.equal(formatDuration(12), '12 s');
    assert.equal(formatDuration(420), '7 min');
    assert.equal(formatDuration(3.5 * 3600), '3.5 h');
    assert.equal(formatDuration(12 * 86400), '12 days');
    assert.equal(formatDuration(40 * 365.25 * 86400), '40 years');
    assert.equal(formatDuration(1e12), 'more than 1,000 years');
    assert.equal(formatElapsed(185_000), '3 min 05 s');
  });

  it('counts with thousands separators, as en-US writes them', () => {
    for (const n of [0, 7, 999, 1_000, 12_345, 1_234_567, -1_234, 2 ** 53 - 1, 12.5, 8_771.333, Number.MAX_VALUE]) {
      assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
    }
  });

  it('counts with a suffix, never "22000000G"', () => {
    assert.equal(roughCount(9_999), '9,999');
    assert.equal(roughCount(1_400_000), '1.4M');
    assert.equal(roughCount(22e15), '22P');
    assert.equal(roughCount(22e18), 'more than 1,000P');
  });
});

describe('result files', () => {
  const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-files-'));
  const make = (stem: string) => ({ files: [{ name: `${stem}.trace.itf.json`, content: stem }, { name: `${stem}.json`, content: `{"trace":"${stem}.trace.itf.json"}` }] });

  it('two runs with the same stem write side by side, never over each other', () => {
    const dir = scratch();
    const first = writeUnderFreeStem(dir, 'run-20261201-101530-123', make);
    const second = writeUnderFreeStem(dir, 'run-20261201-101530-123', make);
    assert.equal(second.files[1]!.name, 'run-20261201-101530-123-2.json');
    assert.deepEqual(readdirSync(dir).sort(), [...first.files, ...second.files].map((f) => f.name).sort());
    assert.equal(readFileSync(join(dir, 'run-20261201-101530-123-2.json'), 'utf8'), '{"trace":"run-20261201-101530-123-2.trace.itf.json"}');
    assert.throws(() => writeAll(dir, make('run-20261201-101530-123').files), /EEXIST/);
    assert.equal(readFileSync(join(dir, 'run-20261201-101530-123.trace.itf.json'), 'utf8'), 'run-20261201-101530-123');
    // A benchmark's latest figures replace its previous ones, on purpose.
    replaceAll(dir, [{ name: 'run-20261201-101530-123.json', content: 'newer' }]);
    assert.equal(readFileSync(join(dir, 'run-20261201-101530-123.json'), 'utf8'), 'newer');
  });

  it("removes a killed run's temporary files, and leaves a running one's alone", () => {
    const dir = scratch();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, `.old.json.${dead}.tmp`), 'partial');
    writeFileSync(join(dir, `.live.json.${process.ppid}.tmp`), 'being written');
    writeAll(dir, [{ name: 'new.json', content: '{}' }]);
    assert.deepEqual(readdirSync(dir).sort(), [`.live.json.${process.ppid}.tmp`, 'new.json']);
  });
});
