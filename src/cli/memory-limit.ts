// The memory a check may use, and whether it has used it. Memory is the
// process's resident set size (process.memoryUsage.rss(): the main thread,
// the worker threads and everything they allocated, typed arrays included),
// sampled each time the run polls; the JavaScript heap has a ceiling of its
// own (V8's heap size limit), which a run must not reach either: V8 aborts
// the process there.
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { formatBytes } from '../report/units.js';

/** Of the machine's memory (or the container's), the share a run takes by default. */
export const DEFAULT_SHARE = 0.8;
/** Of V8's heap size limit, the share at which a run stops. */
const HEAP_SHARE = 0.9;

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses 512M, 4G, 1.5G, 800000K, or bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  if (!match) return null;
  const bytes = Math.round(Number(match[1]) * UNITS[match[2]!.toUpperCase()]!);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** The memory the process can have: the machine's, or less where a container (cgroup) constrains it. */
export function availableMemory(): number {
  const total = totalmem();
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < total ? constrained : total;
}

export function defaultMemoryLimit(): number {
  return Math.floor(availableMemory() * DEFAULT_SHARE);
}

export interface MemorySample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapLimitBytes: number;
}

export function sampleMemory(): MemorySample {
  const heap = getHeapStatistics();
  return { rssBytes: process.memoryUsage.rss(), heapUsedBytes: heap.used_heap_size, heapLimitBytes: heap.heap_size_limit };
}

/** Why a sample is over the limit, or null. */
export function overLimit(sample: MemorySample, limitBytes: number): string | null {
  if (sample.rssBytes >= limitBytes) return `resident memory ${formatBytes(sample.rssBytes)} reached the limit of ${formatBytes(limitBytes)}`;
  if (sample.heapUsedBytes >= sample.heapLimitBytes * HEAP_SHARE) {
    return `the JavaScript heap (${formatBytes(sample.heapUsedBytes)}) neared its ceiling of ${formatBytes(sample.heapLimitBytes)}`;
  }
  return null;
}

/**
 * How often a check samples its memory at most. The engine polls after every
 * batch, and reading the resident set size is a system call and a file read:
 * sampled at every poll, it took 0.9 s of a 19 s check of bench-large with one
 * worker thread, on the coordinator, and still 1.2 s of 21 s sampled every
 * 20 ms on a loaded machine (docs/checker.md). Memory grows by a few
 * megabytes in a tenth of a second.
 */
export const SAMPLE_INTERVAL_MS = 100;

/**
 * A watch over a limit: `exceeded()` samples (at most once per `intervalMs`)
 * and remembers why the first sample over the limit was.
 */
export class MemoryWatch {
  private why: string | null = null;
  private sampledAt = -Infinity;

  constructor(
    readonly limitBytes: number,
    private readonly sample: () => MemorySample = sampleMemory,
    private readonly intervalMs = 0,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  readonly exceeded = (): boolean => {
    if (this.why === null) {
      const now = this.now();
      if (now - this.sampledAt < this.intervalMs) return false;
      this.sampledAt = now;
      this.why = overLimit(this.sample(), this.limitBytes);
    }
    return this.why !== null;
  };

  get reason(): string | null {
    return this.why;
  }
}
