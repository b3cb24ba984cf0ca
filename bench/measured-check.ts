// One `virtcheck check --json --no-write` in a process of its own, with the
// peak resident memory of that whole process (bench/peak-rss.ts preloaded) and
// its wall time: what the memory and disk benchmarks compare.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const reporter = fileURLToPath(new URL('./peak-rss.js', import.meta.url));
const execFileAsync = promisify(execFile);

export interface MeasuredCheck<J> {
  /** The result JSON the check printed. */
  readonly json: J;
  readonly peakRss: number;
  readonly seconds: number;
  /** Every verdict as `property:status`, to compare runs at a glance. */
  readonly verdicts: string;
}

/** Runs the CLI at `main` (this build's or another's) with `args` after `check`. */
export async function measuredCheck<J extends { verdicts: Record<string, { status: string }> }>(main: string, args: readonly string[]): Promise<MeasuredCheck<J>> {
  const started = Date.now();
  const argv = ['--import', reporter, main, 'check', ...args, '--json', '--no-write'];
  const { stdout, stderr } = await execFileAsync(process.execPath, argv, { maxBuffer: 1 << 28 }).catch((e: { stdout: string; stderr: string }) => e);
  const peak = /peak-rss-bytes (\d+)/.exec(stderr);
  if (!peak) throw new Error(`no peak RSS reported: ${stderr}`);
  const json = JSON.parse(stdout) as J;
  return {
    json,
    peakRss: Number(peak[1]),
    seconds: (Date.now() - started) / 1000,
    verdicts: Object.entries(json.verdicts).map(([p, v]) => `${p}:${v.status}`).join(' '),
  };
}
