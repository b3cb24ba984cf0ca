// Runs exactly the test files (scripts/test-files.mjs). Node 20's `node --test`
// takes no glob, so the files are listed.
// Files run one per core: most of the suite waits on child processes and
// thread start-up, and Node's default (cores - 1) runs them one at a time on two.
//
// Budget: the whole suite stays under 2 minutes on a 2-core machine, about
// 200 s of CPU time in all. A test file should take a few seconds of CPU time
// (`/usr/bin/time -f %U+%S node --test dist/test/<file>.test.js`; the largest
// today take 10-20 s): small configurations, one check shared by the
// assertions that read it, `--workers 1` or no thread pool unless threads are
// what is tested. A long cross-check whose assertion a faster test keeps runs
// in `npm run test:slow` only (SLOW_ONLY, test/opt-in.ts).
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { testFiles } from './test-files.mjs';

const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${availableParallelism()}`, ...process.argv.slice(2), ...testFiles()], { stdio: 'inherit' });
process.exit(run.status ?? 1);
