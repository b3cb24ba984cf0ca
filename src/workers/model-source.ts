// A model described by data alone, so that a worker thread can build the same
// model as the coordinator: the configuration, and the step function named by
// the URL of its module and the name of its export (the real `step`, or a
// planted-bug variant in tests).
import type { Config } from '../state/config.js';
import { makeContext } from '../state/context.js';
import type { StepFunction } from '../spec/response.js';
import type { Model } from '../explore/model.js';

export interface StepReference {
  /** URL of an ES module (file: URLs for local files). */
  readonly module: string;
  /** The name of the module's export that is the step function. */
  readonly name: string;
}

export interface ModelSource {
  readonly config: Config;
  readonly step: StepReference;
}

/** The executable specification, `step` of src/spec/step.ts. */
export const REAL_STEP: StepReference = { module: new URL('../spec/step.js', import.meta.url).href, name: 'step' };

export async function loadStep(reference: StepReference): Promise<StepFunction> {
  const module = (await import(reference.module)) as Record<string, unknown>;
  const step = module[reference.name];
  if (typeof step !== 'function') throw new Error(`${reference.module} has no function export named ${reference.name}`);
  return step as StepFunction;
}

export async function loadModel(source: ModelSource): Promise<Model> {
  return { ctx: makeContext(source.config), step: await loadStep(source.step) };
}
