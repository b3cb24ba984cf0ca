// Runs exactly the test files: test/**/*.test.ts, compiled under dist/test
// (helpers and fixtures are not tests; a compiled file whose source is gone
// is not run). Node 20's `node --test` takes no glob, so the files are listed.
// Files run one per core: most of the suite waits on child processes and
// thread start-up, and Node's default (cores - 1) runs them one at a time on two.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const files = readdirSync('test', { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`);
const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${availableParallelism()}`, ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
