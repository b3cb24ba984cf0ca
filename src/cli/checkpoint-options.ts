// The checkpoint options of `virtcheck check` (--checkpoint, --checkpoint-every,
// --resume) as settings of a check, with what the run tells the user about
// them on standard error.
import type { CheckpointSettings } from '../checkpoint/checkpoints.js';
import { REAL_STEP, type StepReference } from '../workers/model-source.js';
import { UsageError } from './load.js';
import type { ProgressReporter } from './progress.js';
import { VERSION } from '../report/version.js';

/** Seconds between checkpoints unless --checkpoint-every says otherwise. */
export const DEFAULT_CHECKPOINT_SECONDS = 300;

export interface CheckpointOptions {
  readonly checkpoint?: string;
  readonly checkpointEverySeconds?: number;
  readonly resume?: string;
}

/** The settings, or none without --checkpoint and --resume; a resumed run saves where it resumed from unless told otherwise. */
export function checkpointSettings(options: CheckpointOptions, step: StepReference, progress: ProgressReporter): CheckpointSettings | undefined {
  const saveTo = options.checkpoint ?? options.resume;
  if (saveTo === undefined) {
    if (options.checkpointEverySeconds !== undefined) throw new UsageError('--checkpoint-every goes with --checkpoint <dir> or --resume <dir>');
    return undefined;
  }
  const say = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}virtcheck: ${line}\n`);
  return {
    saveTo,
    everyMs: (options.checkpointEverySeconds ?? DEFAULT_CHECKPOINT_SECONDS) * 1000,
    ...(options.resume !== undefined ? { resumeFrom: options.resume } : {}),
    version: VERSION,
    // The real step by name: a copy of virtcheck installed elsewhere resumes the same run.
    step: step.module === REAL_STEP.module && step.name === REAL_STEP.name ? 'the executable specification' : `${step.module}#${step.name}`,
    onSaving: () => progress.phase('saving a checkpoint'),
    onSaved: ({ dir, depth, states }) => {
      say(`checkpoint saved in ${dir} (${states} states stored, level ${depth} next)`);
      progress.phase('exploring');
    },
    onSaveFailed: (error) => {
      say(`warning: cannot save a checkpoint in ${saveTo}: ${(error as NodeJS.ErrnoException).code ?? error.message}; the run goes on, the last checkpoint saved (if any) stands`);
      progress.phase('exploring');
    },
  };
}

/** What the first stop signal does when checkpoints are saved. */
export function signalNotice(signal: NodeJS.Signals): string {
  return `${signal}: finishing the level under way to save a checkpoint, then stopping; a second signal stops at once without saving`;
}
