// Reading a configuration (or a trace) for the CLI: only a regular file of a
// sane size, or standard input ('-' or /dev/stdin), so that /dev/zero or a
// FIFO cannot make a run grow without bound or hang.
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, extname } from 'node:path';
import { ConfigSyntaxError, parseConfigText, type Config } from '../state/config.js';
import { printable } from '../state/quote.js';
import { formatBytes } from '../report/units.js';

/** A configuration is a few hundred bytes; anything past this is not one. */
export const MAX_CONFIG_BYTES = 2 ** 20;
/** A trace holds a state per step; long traces run to megabytes. */
export const MAX_TRACE_BYTES = 256 * 2 ** 20;

const STDIN_NAMES = ['-', '/dev/stdin'];

/** Reads and validates a configuration file; its base name is the default `name`. */
export function loadConfig(path: string): Config {
  const text = readInput(path, 'configuration', MAX_CONFIG_BYTES);
  const base = STDIN_NAMES.includes(path) ? 'stdin' : basename(path, extname(path));
  const stem = base.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
  try {
    return parseConfigText(text, stem || 'config');
  } catch (error) {
    throw error instanceof ConfigSyntaxError ? error.inFile(printable(path, 200)) : error;
  }
}

/** The text of a regular file (or standard input) of at most `maxBytes`; a UsageError otherwise. */
export function readInput(path: string, what: string, maxBytes: number): string {
  const shown = printable(path, 200);
  const fail = (problem: string): never => {
    throw new UsageError(`cannot read ${what} ${shown}: ${problem}`);
  };
  if (STDIN_NAMES.includes(path)) return readBounded(0, maxBytes, () => fail(`standard input holds more than ${formatBytes(maxBytes)}`));
  let stats: Stats | undefined;
  try {
    stats = statSync(path);
  } catch (e) {
    fail((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  if (!stats!.isFile()) fail(`not a regular file (${kindOf(stats!)})`);
  if (stats!.size > maxBytes) fail(`${formatBytes(stats!.size)}, more than the ${formatBytes(maxBytes)} a ${what} may have`);
  let fd = -1;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    fail((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    // Bounded again while reading: the file may have grown since.
    return readBounded(fd, maxBytes, () => fail(`more than the ${formatBytes(maxBytes)} a ${what} may have`));
  } finally {
    closeSync(fd);
  }
}

function readBounded(fd: number, maxBytes: number, tooLarge: () => never): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw new UsageError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) tooLarge();
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** Bad arguments or an unreadable file: the user's to fix (exit code 150). */
export class UsageError extends Error {
  override name = 'UsageError';
}
