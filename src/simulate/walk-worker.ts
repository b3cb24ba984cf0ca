// A worker thread's entry for simulation: it builds the model and a walker
// from the pool's worker data, then runs the walks it is sent and hands the
// results back by transfer.
import { parentPort, workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { loadModel } from '../workers/model-source.js';
import { THREAD_LOADED, type WorkerSetup } from '../workers/pool.js';
import type { Walker, WalkResult } from './walk.js';
import type { WalkTask } from './simulate.js';
import { runTask, transferListOf, walkerFor } from './walkers.js';

const setup = workerData as WorkerSetup;
let walker: Walker;
try {
  walker = await walkerFor(await loadModel(setup.source), setup.properties);
} finally {
  // Loaded or not, the thread is past loading modules: the pool may end it now.
  parentPort!.postMessage(THREAD_LOADED);
}

export default function runWalks(task: WalkTask): WalkResult[] {
  const results = runTask(walker, task);
  return move({ [transferableSymbol]: transferListOf(results), [valueSymbol]: results }) as unknown as WalkResult[];
}
