// Scripts read the exit codes from docs/checker.md: its table lists every code the program uses, and no other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.js';

it('docs/checker.md lists every exit code, and only those', () => {
  const docs = readFileSync('docs/checker.md', 'utf8');
  const listed = [...docs.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(listed)].sort((a, b) => a - b), [...new Set(Object.values(EXIT))].sort((a, b) => a - b));
});
