// A pool of worker threads that expand batches for the engine. Batches go to
// whichever thread is free; the engine consumes the answers in batch order, so
// which thread expanded what never shows in the results.
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { BatchResult } from '../engine/batch.js';
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
}

/** Tasks posted to a thread at once: the next batch is already there when one ends, not a round trip away. */
const TASKS_PER_THREAD = 2;

const WORKER_FILE = new URL('./expand-worker.js', import.meta.url).href;

/** What a thread posts once it is past loading modules, whether its model loaded or not. */
export const THREAD_LOADED = 'virtcheck:thread-loaded';

export class WorkerPool {
  private readonly pool: Piscina;
  /** Rejects when the pool fails outside any task (a thread that cannot start), which would leave tasks waiting forever. */
  private readonly broken: Promise<never>;
  /** Per thread started: settles once the thread is past loading modules, or has exited. */
  private readonly loaded = new Map<Worker, Promise<void>>();

  constructor(
    setup: WorkerSetup,
    readonly threads: number,
    /** The thread's entry module (URL): the batch expander unless another job is named. */
    filename: string = WORKER_FILE,
  ) {
    // Threads start with the first tasks (minThreads 0), and a thread that dies is not replaced: every thread is
    // started by `run`, so that `track` sees it before it can post anything.
    this.pool = new Piscina({ filename, minThreads: 0, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: TASKS_PER_THREAD, workerData: setup });
    this.broken = new Promise<never>((_, reject) => {
      this.pool.on('error', (error: unknown) => reject(new WorkerFailure(`a worker thread failed: ${messageOf(error)}`, { cause: error })));
    });
    this.broken.catch(() => {});
  }

  readonly expand: BatchExpander = (batch) =>
    this.run<BatchResult>(batch, [batch.bytes.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer], `expanding states ${batch.firstId}..${batch.firstId + batch.offsets.length - 2}`);

  /** Runs one task on a free thread; `doing` says what it was doing if it fails. */
  run<R>(task: unknown, transfer: readonly ArrayBuffer[], doing: string): Promise<R> {
    const started = this.pool.run(task, { transferList: [...new Set(transfer)] }) as Promise<R>;
    this.track();
    const failed = started.catch((error: unknown) => {
      throw new WorkerFailure(`a worker thread failed ${doing}: ${messageOf(error)}`, { cause: error });
    });
    const answer = Promise.race([failed, this.broken]);
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
          thread.on('message', (message: unknown) => message === THREAD_LOADED && resolve());
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
