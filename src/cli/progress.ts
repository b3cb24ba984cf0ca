// Progress on standard error during long runs, only when it is a terminal.
import type { Progress } from '../engine/engine.js';
import { formatCount } from '../report/summary.js';

export interface ProgressReporter {
  update(progress: Progress): void;
  done(): void;
}

const INTERVAL_MS = 1000;

export function progressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (p.elapsedMs - last < INTERVAL_MS) return;
      last = p.elapsedMs;
      const rate = Math.round((p.distinct * 1000) / Math.max(1, p.elapsedMs));
      const line =
        `level ${p.level}: ${formatCount(p.distinct)} distinct, ${formatCount(p.generated)} generated, ` +
        `${formatCount(rate)} states/s, queue ${formatCount(p.queue)}`;
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
