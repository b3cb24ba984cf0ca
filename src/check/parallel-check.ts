// A check whose states are expanded on worker threads. The batch size is the
// engine's, whatever the number of threads: a run stopped at the first
// violation stops at a batch boundary, so the results depend on it.
//
// Threads start with the first full batch. Until then every level fits in one
// batch, so no two threads could work at once, and a thread costs more to
// start (a fresh module graph and model per thread) than such a level takes:
// the coordinator expands it itself, with the same expander as the threads.
import { DEFAULT_BATCH_SIZE, type BatchExpander } from '../engine/engine.js';
import { expanderFor, type Expander } from '../engine/expand.js';
import type { OsPermutation } from '../hash/symmetry-group.js';
import type { Model } from '../spec/model.js';
import { loadModel, type ModelSource } from '../workers/model-source.js';
import { WorkerPool } from '../workers/pool.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

/** Batches handed out per thread before the first answer comes back: one expanding, more waiting, so no thread idles while the coordinator deduplicates. */
const IN_FLIGHT_PER_THREAD = 4;

export interface ParallelCheckOptions extends Omit<CheckOptions, 'expander' | 'inFlight'> {
  /** Worker threads, at least 1. */
  readonly workers: number;
  /** Start the threads with the first batch, not the first full one (tests of the threads themselves). */
  readonly threadsAtOnce?: boolean;
}

export interface ParallelCheckResult extends CheckResult {
  readonly model: Model;
  /** Worker threads that ran (started): 0 when every level fitted in one batch. */
  readonly workers: number;
}

export async function checkOnWorkers(source: ModelSource, options: ParallelCheckOptions): Promise<ParallelCheckResult> {
  // Loaded here too, first: a bad step reference fails before any thread starts.
  const model = await loadModel(source);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // One pool per run of the check: a run rerun under another group (check.ts) needs threads built for it.
  const pools: WorkerPool[] = [];
  const expanderOn = (symmetry: readonly OsPermutation[] | undefined): BatchExpander => {
    const expanderOptions = symmetry ? { symmetry } : {};
    let inline: Promise<Expander> | undefined;
    let pool: WorkerPool | undefined;
    return async (batch) => {
      if (!pool && (options.threadsAtOnce || batch.offsets.length - 1 >= batchSize)) {
        pool = new WorkerPool({ source, properties: options.properties, expander: expanderOptions }, options.workers);
        pools.push(pool);
      }
      if (pool) return pool.expand(batch);
      const here = await (inline ??= expanderFor(model, options.properties, expanderOptions));
      // A turn of the event loop first: timers (progress, memory) and signal handlers run between batches, as they do while threads expand.
      await new Promise((resolve) => setImmediate(resolve));
      return here.expand(batch);
    };
  };
  try {
    const result = await check(model, { ...options, expander: expanderOn, inFlight: IN_FLIGHT_PER_THREAD * options.workers });
    return { model, workers: Math.max(0, ...pools.map((pool) => pool.threadsStarted)), ...result };
  } finally {
    await Promise.all(pools.map((pool) => pool.destroy()));
  }
}
