// `npm test` runs the test files and nothing else: every test/**/*.test.ts,
// and no helper or fixture (which would count as a test file of no tests).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

const { testFiles, LONGEST_FIRST } = (await import(new URL('../../../scripts/test-files.mjs', import.meta.url).href)) as {
  testFiles: (root?: string) => string[];
  LONGEST_FIRST: readonly string[];
};

describe('the test runner', () => {
  const files = testFiles();
  const sources = readdirSync('test', { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));

  it('runs every *.test.ts, compiled, and only those', () => {
    const tests = sources.filter((f) => f.endsWith('.test.ts'));
    assert.deepEqual([...files].sort(), tests.sort().map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`));
    for (const file of files) assert.ok(existsSync(file), `${file} is built`);
  });

  it('starts with the longest files, each of which exists', () => {
    for (const file of LONGEST_FIRST) assert.ok(sources.includes(file), `${file}, listed among the longest, is a test file`);
    assert.deepEqual(files.slice(0, LONGEST_FIRST.length), LONGEST_FIRST.map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`));
  });

  it('runs no helper or fixture', () => {
    const others = sources.filter((f) => !f.endsWith('.test.ts'));
    assert.ok(others.includes('helpers.ts') && others.some((f) => f.startsWith('fixtures')), 'the test folder has helpers and fixtures');
    for (const other of others) assert.ok(!files.includes(`dist/test/${other.replace(/\.ts$/, '.js')}`), other);
  });
});
