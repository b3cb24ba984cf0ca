// The test files: test/**/*.test.ts, as their compiled paths under dist/test.
// Helpers and fixtures are not tests, and a compiled file whose source is
// gone is not run.
import { readdirSync } from 'node:fs';

// The longest files (about 6 to 20 s each on two cores) go first: the runner
// takes files in order, so a long one started last would leave one core idle
// at the end of the suite.
export const LONGEST_FIRST = [
  'cli/cli.test.ts',
  'checkpoint/cli.test.ts',
  'report/browser.test.ts',
  'cli/workers.test.ts',
  'workers/parallel.test.ts',
  'check/isolation.test.ts',
  'liveness/availability-symmetry.test.ts',
  'check/symmetry-properties.test.ts',
  'docs/readme-figures.test.ts',
  'simulate/cli.test.ts',
  'engine/disk/spill-results.test.ts',
  'cli/edges.test.ts',
];

export function testFiles(root = '.') {
  const rank = (f) => {
    const at = LONGEST_FIRST.indexOf(f);
    return at < 0 ? LONGEST_FIRST.length : at;
  };
  return readdirSync(`${root}/test`, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .sort((a, b) => rank(a) - rank(b))
    .map((f) => `dist/test/${f.replace(/\.ts$/, '.js')}`);
}
