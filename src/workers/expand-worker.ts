// A worker thread's entry: it builds the model and the local property parts
// from the pool's worker data (all of it plain data), then expands the batches
// it is sent and hands the results back by transfer, not by copy.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { createFingerprinter } from '../hash/fingerprint.js';
import { localPartsFor } from '../props/local-parts.js';
import type { Batch, BatchResult } from '../explore/batch.js';
import { transferListOf } from '../explore/batch.js';
import { Expander } from '../explore/expand.js';
import { loadModel } from './model-source.js';
import type { WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const model = await loadModel(setup.source);
const expander = new Expander(model, localPartsFor(model.ctx, setup.properties), await createFingerprinter());

export default function expandBatch(batch: Batch): BatchResult {
  const result = expander.expand(batch);
  return move({ [transferableSymbol]: transferListOf(result), [valueSymbol]: result } as never) as never;
}
