// A pool of worker threads that expand batches for the engine. Batches go to
// whichever thread is free; the engine consumes the answers in batch order, so
// which thread expanded what never shows in the results.
import { Piscina } from 'piscina';
import type { Batch, BatchResult } from '../explore/batch.js';
import type { BatchExpander } from '../explore/engine.js';
import type { ExpanderOptions } from '../explore/expand.js';
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

export class WorkerPool {
  private readonly pool: Piscina<Batch, BatchResult>;
  /** Rejects when the pool fails outside any task (a thread that cannot start), which would leave tasks waiting forever. */
  private readonly broken: Promise<never>;

  constructor(
    setup: WorkerSetup,
    readonly threads: number,
  ) {
    this.pool = new Piscina({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: TASKS_PER_THREAD, workerData: setup });
    this.broken = new Promise<never>((_, reject) => {
      this.pool.on('error', (error: unknown) => reject(new WorkerFailure(`a worker thread failed: ${messageOf(error)}`, { cause: error })));
    });
    this.broken.catch(() => {});
  }

  readonly expand: BatchExpander = (batch) => {
    const last = batch.firstId + batch.offsets.length - 2;
    const task = this.pool
      .run(batch, { transferList: [...new Set([batch.bytes.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer])] })
      .catch((error: unknown) => {
        throw new WorkerFailure(`a worker thread failed expanding states ${batch.firstId}..${last}: ${messageOf(error)}`, { cause: error });
      });
    const answer = Promise.race([task, this.broken]);
    // The engine stops at the first failure and leaves later batches unawaited: their failures must not go unhandled.
    answer.catch(() => {});
    return answer;
  };

  /** Ends every thread (tasks still running included). */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
