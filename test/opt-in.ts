// Tests the suite runs only when asked for (VIRTCHECK_SLOW=1, as `npm run
// test:slow` sets it): long runs, and cross-checks whose assertion a faster
// test keeps in `npm test`. Give it as a test's or a suite's `skip` option.
export const SLOW_ONLY: false | string = process.env['VIRTCHECK_SLOW'] === '1' ? false : 'slow: set VIRTCHECK_SLOW=1 (npm run test:slow)';
