// Reading a configuration file for the CLI.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseConfigText, type Config } from '../state/config.js';

/** Reads and validates a configuration file; its base name is the default `name`. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read configuration ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
  return parseConfigText(text, stem || 'config');
}

/** Bad arguments or an unreadable file: the user's to fix (exit code 150). */
export class UsageError extends Error {
  override name = 'UsageError';
}
