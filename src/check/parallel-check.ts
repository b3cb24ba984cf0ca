// A check whose states are expanded by `workers` threads: this one, which
// also deduplicates (the coordinator), and `workers - 1` worker threads. The
// coordinator expands a batch itself whenever the answer it must consume next
// is not back (src/engine/engine.ts), so that on as many cores as threads no
// thread waits. The batch size is the engine's, whatever the number of
// threads: a run stopped at the first violation stops at a batch boundary, so
// the results depend on it.
//
// Worker threads start with the first full batch. Until then every level fits
// in one batch, so no two threads could work at once, and a thread costs more
// to start (a fresh module graph and model per thread) than such a level
// takes: the coordinator expands it itself, with the same expander as the
// threads.
import { DEFAULT_BATCH_SIZE, type BatchExpander } from '../engine/engine.js';
import { expanderFor, type Expander } from '../engine/expand.js';
import type { OsPermutation } from '../hash/symmetry-group.js';
import type { Model } from '../spec/model.js';
import { loadModel, type ModelSource } from '../workers/model-source.js';
import { WorkerPool } from '../workers/pool.js';
import { check, type CheckOptions, type CheckResult, type Expansion } from './check.js';

/** Batches handed out per worker thread before the first answer comes back: one expanding, more waiting, so no thread idles while the coordinator deduplicates. */
const IN_FLIGHT_PER_THREAD = 8;

export interface ParallelCheckOptions extends Omit<CheckOptions, 'expander' | 'inFlight'> {
  /** Threads that expand states, at least 1: this one and `workers - 1` worker threads. */
  readonly workers: number;
  /**
   * For tests of the worker threads themselves: they start with the first
   * batch, not the first full one, and expand every batch (this thread
   * expands none).
   */
  readonly threadsAtOnce?: boolean;
}

export interface ParallelCheckResult extends CheckResult {
  readonly model: Model;
  /** Threads that expanded states: this one and the worker threads started (none while every level fitted in one batch). */
  readonly workers: number;
}

/** Expands every batch in this thread, after a turn of the event loop: timers (progress, memory) and signal handlers run between batches, as they do while threads expand. */
function inline(expander: Expander): BatchExpander {
  return async (batch) => {
    await new Promise((resolve) => setImmediate(resolve));
    return expander.expand(batch);
  };
}

export async function checkOnWorkers(source: ModelSource, options: ParallelCheckOptions): Promise<ParallelCheckResult> {
  // Loaded here too, first: a bad step reference fails before any thread starts.
  const model = await loadModel(source);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const workerThreads = options.workers - 1;
  // One pool per run of the check: a run rerun under another group (check.ts) needs threads built for it.
  const pools: WorkerPool[] = [];
  const expansionOn = async (symmetry: readonly OsPermutation[] | undefined): Promise<Expansion> => {
    const expanderOptions = symmetry ? { symmetry } : {};
    let pool: WorkerPool | undefined;
    const startPool = () => {
      pool = new WorkerPool({ source, properties: options.properties, expander: expanderOptions }, workerThreads);
      pools.push(pool);
    };
    if (workerThreads > 0 && options.threadsAtOnce) {
      // Every batch to the threads, which start with the first.
      return {
        expand: (batch) => {
          if (!pool) startPool();
          return pool!.expand(batch);
        },
      };
    }
    const here = await expanderFor(model, options.properties, expanderOptions);
    if (workerThreads === 0) return { expand: inline(here) };
    return {
      // Called only when the pool has room, so once it has started.
      expand: (batch) => pool!.expand(batch),
      help: {
        expand: (batch) => {
          if (!pool && batch.offsets.length - 1 >= batchSize) {
            startPool();
            pool!.start(batch);
          }
          return here.expand(batch);
        },
        room: () => pool?.room() ?? 0,
      },
    };
  };
  try {
    const result = await check(model, { ...options, expander: expansionOn, inFlight: Math.max(1, IN_FLIGHT_PER_THREAD * workerThreads) });
    return { model, workers: 1 + Math.max(0, ...pools.map((pool) => pool.threadsStarted)), ...result };
  } finally {
    await Promise.all(pools.map((pool) => pool.destroy()));
  }
}
