// The test files: test/**/*.test.ts, as their compiled paths under dist/test.
// Helpers and fixtures are not tests, and a compiled file whose source is
// gone is not run.
import { readdirSync } from 'node:fs';

export function testFiles(root = '.') {
  return readdirSync(`${root}/test`, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`);
}
