// Progress on standard error during a run. On a terminal: one line that
// rewrites itself (cut to the terminal's width, so it never wraps), refreshed
// every second, with the phase, the counts, the elapsed time and the memory.
// Elsewhere (CI, nohup, a cluster job): a line every minute, as TLC does, and
// a line when a later phase begins.
// The interval is an option, so that tests need not wait a minute.
import type { Progress } from '../engine/engine.js';
import { formatBytes, formatCount, formatElapsed } from '../report/units.js';

export interface ProgressReporter {
  /** A phase begins: 'exploring', 'analysing availability', 'writing results'. */
  phase(name: string): void;
  update(progress: Progress): void;
  done(): void;
}

export interface ProgressOptions {
  /** Milliseconds between lines; a second on a terminal, a minute elsewhere. */
  readonly intervalMs?: number;
  readonly rss?: () => number;
}

export const TERMINAL_INTERVAL_MS = 1000;
export const LOG_INTERVAL_MS = 60_000;

type Stream = Pick<NodeJS.WriteStream, 'write'> & { readonly isTTY?: boolean; readonly columns?: number };

export function progressReporter(stream: Stream, options: ProgressOptions = {}): ProgressReporter {
  const terminal = stream.isTTY === true;
  const intervalMs = options.intervalMs ?? (terminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS);
  const rss = options.rss ?? (() => process.memoryUsage.rss());
  const started = Date.now();
  let phase = 'starting';
  let latest: Progress | null = null;
  let shown = false;

  const text = (): string => {
    // Phase, time and memory first: a narrow terminal cuts the end of the line.
    const figures = [phase, `${formatElapsed(Date.now() - started)}, memory ${formatBytes(rss())}`];
    if (latest) {
      const rate = Math.round((latest.distinct * 1000) / Math.max(1, latest.elapsedMs));
      // Under symmetry reduction the engine counts what it stores: orbits.
      const unit = latest.orbits ? 'orbits' : 'states';
      figures.push(
        `level ${latest.level}, ${formatCount(latest.distinct)} ${latest.orbits ? 'orbits' : 'distinct'}, ${formatCount(latest.generated)} generated, ` +
          `${formatCount(rate)} ${unit}/s, queue ${formatCount(latest.queue)}`,
      );
    }
    return figures.join(' | ');
  };
  const render = () => {
    if (terminal) {
      const width = Math.max(10, (stream.columns ?? 80) - 1);
      stream.write(`\r${text().slice(0, width)}\x1b[K`);
    } else {
      stream.write(`virtcheck: progress: ${text()}\n`);
    }
    shown = true;
  };
  const timer = setInterval(render, intervalMs);
  timer.unref();

  return {
    phase(name) {
      phase = name;
      // A short run shows nothing; once a line has been shown, each phase shows at once.
      if (shown) render();
    },
    update(p) {
      latest = p;
    },
    done() {
      clearInterval(timer);
      if (terminal && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
