// What a spilled run refuses, and what it does with a work file that is not
// what it wrote: it stops with the corruption named, and gives no verdict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../../../src/check/check.js';
import { SpillCorruption } from '../../../src/engine/disk/block-file.js';
import { modelOf } from '../../../src/spec/model.js';
import { configOf } from '../../helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'virtcheck-spill-'));
const small = { virtualAddresses: 1, values: 2, machinePages: 3 };

describe('a spilled run', () => {
  it('stops on a visited-set file corrupted under it, naming the file, with no result', async () => {
    const workDir = join(scratch(), 'work');
    const visited = join(workDir, 'visited.fp');
    let corrupted = false;
    const run = check(modelOf(configOf(small)), {
      properties: ['valid'],
      spill: { budgetBytes: 1, workDir },
      batchSize: 16,
      onProgress: () => {
        if (corrupted || !existsSync(visited)) return;
        const bytes = readFileSync(visited);
        bytes[bytes.length - 1]! ^= 0x40;
        writeFileSync(visited, bytes);
        corrupted = true;
      },
    });
    await assert.rejects(run, (e: unknown) => e instanceof SpillCorruption && e.message.includes(visited) && /fails its checksum/.test(e.message));
    assert.ok(corrupted);
  });

  it('is refused with availability, whose graph stays in memory', async () => {
    await assert.rejects(check(modelOf(configOf(small)), { properties: ['valid', 'availability'], spill: { budgetBytes: 1, workDir: scratch() } }), /availability: its transition graph stays in memory/);
    const main = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
    const config = join(scratch(), 'small.json');
    writeFileSync(config, JSON.stringify({ oses: [{}, {}], ...small }));
    const out = join(scratch(), 'results');
    const cli = spawnSync(process.execPath, [main, 'check', config, '--props', 'valid,availability', '--spill-budget', '1M', '--out', out], { encoding: 'utf8' });
    assert.equal(cli.status, 150);
    assert.match(cli.stderr, /--spill-budget: availability keeps the whole transition graph in memory/);
    assert.equal(existsSync(out), false);
  });

  it('refuses a work folder it cannot write, and checkpoints, before the run', () => {
    const main = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
    const dir = scratch();
    const config = join(dir, 'small.json');
    writeFileSync(config, JSON.stringify({ oses: [{}, {}], ...small }));
    const cli = spawnSync(process.execPath, [main, 'check', config, '--props', 'valid', '--work-dir', join(config, 'work'), '--out', join(dir, 'results')], { encoding: 'utf8' });
    assert.equal(cli.status, 150);
    assert.match(cli.stderr, /cannot write spilled files \(--work-dir\) to .*small\.json\/work: .*small\.json is not a folder/);
    assert.equal(existsSync(join(dir, 'results')), false);
    const withCheckpoints = spawnSync(process.execPath, [main, 'check', config, '--props', 'valid', '--spill-budget', '1M', '--checkpoint', join(dir, 'saved')], { encoding: 'utf8' });
    assert.equal(withCheckpoints.status, 150);
    assert.match(withCheckpoints.stderr, /--spill-budget cannot go with --checkpoint or --resume/);
  });
});
