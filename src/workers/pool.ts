// A pool of worker threads that expand batches for the engine. Batches go to
// whichever thread is free; the engine consumes the answers in batch order, so
// which thread expanded what never shows in the results.
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Batch, BatchResult } from '../engine/batch.js';
import type { BatchExpander } from '../engine/engine.js';
import type { ExpanderOptions } from '../engine/expand.js';
import type { PropertyName } from '../props/property.js';
import type { ModelSource } from './model-source.js';

/** What every worker thread is started with: plain data only. */
export interface WorkerSetup {
  readonly source: ModelSource;
  readonly properties: readonly PropertyName[];
  readonly expander: ExpanderOptions;
}

/** A worker thread threw or died while expanding a batch: the run cannot go on. */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';

  /** A thread that ran out of its heap: the run met a memory limit, not a bug. */
  get outOfMemory(): boolean {
    return (this.cause as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  }
}

/** Tasks posted to a thread at once: the next batch is already there when one ends, not a round trip away. */
const TASKS_PER_THREAD = 8;

const WORKER_FILE = new URL('./expand-worker.js', import.meta.url).href;

/** What a thread posts once it is past loading modules, whether its model loaded or not. */
export const THREAD_LOADED = 'virtcheck:thread-loaded';

/** The task `start` sends each thread: a batch to expand, whose answer (null) is dropped. */
export interface WarmUp {
  readonly warmUp: Batch;
}

export class WorkerPool {
  private readonly pool: Piscina;
  /**
   * Set when the pool fails outside any task (a thread that cannot start),
   * which would leave tasks waiting forever: every answer still awaited is
   * rejected with it. (Not a race with a promise that never settles: each
   * race would leave a reaction on it holding its answer, every answer of
   * the run.)
   */
  private failure: WorkerFailure | null = null;
  private readonly waiting = new Set<(error: Error) => void>();
  /** Per thread started: settles once the thread is past loading modules, or has exited. */
  private readonly loaded = new Map<Worker, Promise<void>>();
  /** Threads past loading modules. */
  private threadsLoaded = 0;
  /** Tasks handed to the pool and not yet answered, and answered so far. */
  private running = 0;
  private answered = 0;
  /** The tasks `start` sent, until answered: a failed one fails the pool. */
  private readonly warmUps = new Set<WarmUp>();

  constructor(
    setup: WorkerSetup,
    readonly threads: number,
    /** The thread's entry module (URL): the batch expander unless another job is named. */
    filename: string = WORKER_FILE,
  ) {
    // Threads start with the first tasks (minThreads 0), and a thread that dies is not replaced: every thread is
    // started by `run`, so that `track` sees it before it can post anything.
    this.pool = new Piscina({ filename, minThreads: 0, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: TASKS_PER_THREAD, workerData: setup });
    this.pool.on('error', (error: unknown) => {
      this.failure = new WorkerFailure(`a worker thread failed: ${messageOf(error)}`, { cause: error });
      for (const reject of this.waiting) reject(this.failure);
      this.waiting.clear();
    });
  }

  /** Threads started so far: fewer than `threads` when there was never enough work for them all. */
  get threadsStarted(): number {
    return this.loaded.size;
  }

  /**
   * Starts every thread now rather than with the first batches, with a task
   * whose answer is dropped: expanding `sample` (a copy each), so that the
   * thread's code is optimised before its answers are awaited.
   */
  start(sample: Batch): void {
    for (let i = 0; i < this.threads; i++) {
      const warmUp: WarmUp = { warmUp: { firstId: sample.firstId, bytes: sample.bytes.slice(), offsets: sample.offsets.slice() } };
      this.warmUps.add(warmUp);
      void this.run(warmUp, [], 'starting').catch(() => {});
    }
  }

  /**
   * Tasks the pool can take now without one waiting for a thread: none
   * while the threads load, then one more per task answered, up to
   * TASKS_PER_THREAD per thread (a thread's first tasks run before its code
   * is optimised, each many times slower). A failed pool takes any, to
   * answer each with its failure.
   */
  room(): number {
    if (this.failure) return Infinity;
    return Math.min(this.threadsLoaded * TASKS_PER_THREAD, this.threadsLoaded + this.answered) - this.running;
  }

  /** The batch is copied to the thread, not transferred: the coordinator may take it back (src/engine/engine.ts). */
  readonly expand: BatchExpander = (batch) => this.run<BatchResult>(batch, [], `expanding states ${batch.firstId}..${batch.firstId + batch.offsets.length - 2}`);

  /** Runs one task on a free thread; `doing` says what it was doing if it fails. */
  run<R>(task: unknown, transfer: readonly ArrayBuffer[], doing: string): Promise<R> {
    const started = this.pool.run(task, { transferList: [...new Set(transfer)] }) as Promise<R>;
    this.track();
    this.running++;
    const answer = new Promise<R>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.add(reject);
      started.then(
        (result) => {
          this.waiting.delete(reject);
          resolve(result);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          const failure = new WorkerFailure(`a worker thread failed ${doing}: ${messageOf(error)}`, { cause: error });
          // A thread that cannot start fails the pool: what is handed to it next is answered with this.
          if (this.warmUps.has(task as WarmUp)) this.failure ??= failure;
          reject(failure);
        },
      );
    });
    const settled = () => {
      this.running--;
      this.answered++;
      this.warmUps.delete(task as WarmUp);
    };
    answer.then(settled, settled);
    // The engine stops at the first failure and leaves later batches unawaited: their failures must not go unhandled.
    answer.catch(() => {});
    return answer;
  }

  /** Notes the threads `run` has just started. */
  private track(): void {
    for (const thread of this.pool.threads) {
      if (this.loaded.has(thread)) continue;
      this.loaded.set(
        thread,
        new Promise<void>((resolve) => {
          thread.on('message', (message: unknown) => {
            if (message !== THREAD_LOADED) return;
            this.threadsLoaded++;
            resolve();
          });
          thread.once('exit', () => resolve());
        }),
      );
    }
  }

  /**
   * Ends every thread (tasks still running included), once each is past
   * loading modules: Node 20 aborts the whole process when a thread is
   * terminated while it loads an ES module.
   */
  async destroy(): Promise<void> {
    await Promise.all(this.loaded.values());
    await this.pool.destroy();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
