// Runs exactly the test files: test/**/*.test.ts, compiled under dist/test
// (helpers and fixtures are not tests; a compiled file whose source is gone
// is not run). Node 20's `node --test` takes no glob, so the files are listed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync('test', { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`);
const run = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
