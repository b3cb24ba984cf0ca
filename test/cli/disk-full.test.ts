// A full disk is named as such (exit code 157), not reported as an internal error.
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { describe, it } from 'node:test';
import { diskFullMessage } from '../../src/cli/disk-full.js';

/** The error a write to a full device throws: Linux's /dev/full answers every write with ENOSPC. */
function fullDeviceError(): unknown {
  const fd = openSync('/dev/full', 'w');
  try {
    writeSync(fd, Buffer.from('spilled level'));
  } catch (error) {
    return error;
  } finally {
    closeSync(fd);
  }
  throw new Error('a write to /dev/full succeeded');
}

describe('a full disk', () => {
  it('is recognised in the error a write to a full device throws', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
    const message = diskFullMessage(fullDeviceError());
    assert.match(message ?? '', /^no space left on the device \(write\); the run gives no verdict$/);
  });

  it('names the file, and an exhausted quota as such', () => {
    const quota = Object.assign(new Error('EDQUOT: disk quota exceeded'), { code: 'EDQUOT', syscall: 'open', path: '/work/run/level-7.bin' });
    assert.equal(diskFullMessage(quota), 'the disk quota is exhausted writing /work/run/level-7.bin; the run gives no verdict');
  });

  it('leaves every other error to the other exit codes', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/work/run' });
    for (const error of [denied, new Error('no space'), { code: 'ENOSPC' }, 'ENOSPC', undefined]) assert.equal(diskFullMessage(error), null);
  });
});
