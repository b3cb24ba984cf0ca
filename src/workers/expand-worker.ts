// A worker thread's entry: it builds the model and the local property parts
// from the pool's worker data (all of it plain data), then expands the batches
// it is sent and hands the results back by transfer, not by copy.
import { parentPort, workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Batch, BatchResult } from '../engine/batch.js';
import { transferListOf } from '../engine/batch.js';
import { expanderFor, type Expander } from '../engine/expand.js';
import { loadModel } from './model-source.js';
import { THREAD_LOADED, type WarmUp, type WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
let expander: Expander;
try {
  expander = await expanderFor(await loadModel(setup.source), setup.properties, setup.expander);
} finally {
  // Loaded or not, the thread is past loading modules: the pool may end it now.
  parentPort!.postMessage(THREAD_LOADED);
}

export default function expandBatch(batch: Batch | WarmUp): BatchResult | null {
  if ('warmUp' in batch) {
    expander.expand(batch.warmUp);
    return null;
  }
  const result = expander.expand(batch);
  // Piscina sends the value and transfers the listed buffers; the coordinator receives the result itself.
  return move({ [transferableSymbol]: transferListOf(result), [valueSymbol]: result }) as unknown as BatchResult;
}
