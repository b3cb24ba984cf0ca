// A check whose states are expanded on worker threads. The batch size is the
// engine's, whatever the number of threads: a run stopped at the first
// violation stops at a batch boundary, so the results depend on it.
import type { Model } from '../spec/model.js';
import { loadModel, type ModelSource } from '../workers/model-source.js';
import { WorkerPool } from '../workers/pool.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

/** Batches handed out per thread before the first answer comes back: one expanding, more waiting, so no thread idles while the coordinator deduplicates. */
const IN_FLIGHT_PER_THREAD = 4;

export interface ParallelCheckOptions extends Omit<CheckOptions, 'expander' | 'inFlight'> {
  /** Worker threads, at least 1. */
  readonly workers: number;
}

export interface ParallelCheckResult extends CheckResult {
  readonly model: Model;
  /** Worker threads that ran (started). */
  readonly workers: number;
}

export async function checkOnWorkers(source: ModelSource, options: ParallelCheckOptions): Promise<ParallelCheckResult> {
  // Loaded here too, first: a bad step reference fails before any thread starts.
  const model = await loadModel(source);
  let pool: WorkerPool | undefined;
  try {
    const result = await check(model, {
      ...options,
      expander: (symmetry) => (pool = new WorkerPool({ source, properties: options.properties, expander: symmetry ? { symmetry } : {} }, options.workers)).expand,
      inFlight: IN_FLIGHT_PER_THREAD * options.workers,
    });
    return { model, workers: pool!.threadsStarted, ...result };
  } finally {
    await pool?.destroy();
  }
}
