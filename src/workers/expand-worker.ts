// A worker thread's entry: it builds the model and the local property parts
// from the pool's worker data (all of it plain data), then expands the batches
// it is sent and hands the results back by transfer, not by copy.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import type { Batch, BatchResult } from '../explore/batch.js';
import { transferListOf } from '../explore/batch.js';
import { expanderFor } from '../explore/expand.js';
import { loadModel } from './model-source.js';
import type { WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const model = await loadModel(setup.source);
const expander = await expanderFor(model, setup.properties, setup.expander);

export default function expandBatch(batch: Batch): BatchResult {
  const result = expander.expand(batch);
  // Piscina sends the value and transfers the listed buffers; the coordinator receives the result itself.
  return move({ [transferableSymbol]: transferListOf(result), [valueSymbol]: result }) as unknown as BatchResult;
}
