// Who runs walks: this thread, or a pool of worker threads (each builds its
// own walker from plain data, as the check's expanders do).
import { createFingerprinter } from '../hash/fingerprint.js';
import type { Model } from '../spec/model.js';
import { localPartsFor } from '../props/registry.js';
import type { PropertyName } from '../props/property.js';
import type { WorkerPool } from '../workers/pool.js';
import { Walker, type WalkResult } from './walk.js';
import { SIMULATED, type WalkRunner, type WalkTask } from './simulate.js';

/** The module worker threads of a simulation start from. */
export const WALK_WORKER = new URL('./walk-worker.js', import.meta.url).href;

/** A walker for the safety properties among `properties`, with fingerprinters of its own. */
export async function walkerFor(model: Model, properties: readonly PropertyName[]): Promise<Walker> {
  const simulated = properties.filter(SIMULATED);
  return new Walker(model, localPartsFor({ ...model, fingerprint: await createFingerprinter() }, simulated), await createFingerprinter());
}

/** The walks of one task, in order. */
export function runTask(walker: Walker, task: WalkTask): WalkResult[] {
  return Array.from({ length: task.count }, (_, k) =>
    walker.walk({ seed: task.seed, walk: task.first + k, length: task.length, properties: task.properties }),
  );
}

export async function walksInThread(model: Model, properties: readonly PropertyName[]): Promise<WalkRunner> {
  const walker = await walkerFor(model, properties);
  return async (task) => runTask(walker, task);
}

export function walksOnPool(pool: WorkerPool): WalkRunner {
  return (task) => pool.run<WalkResult[]>(task, [], `running walks ${task.first}..${task.first + task.count - 1}`);
}

/** The buffers of walk results, to transfer rather than copy. */
export function transferListOf(results: readonly WalkResult[]): ArrayBuffer[] {
  return results.flatMap((r) => [r.actions, r.fingerprints, r.coverage, ...(r.isolation ? [r.isolation] : [])].map((a) => a.buffer as ArrayBuffer));
}
