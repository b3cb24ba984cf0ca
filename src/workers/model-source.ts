// A model described by data alone, so that a worker thread can build the same
// model as the coordinator: the configuration, and the specifications named by
// the URL of their module and the name of their export (the real ones, or
// planted-bug variants in tests).
import type { Config } from '../state/config.js';
import type { AxiomaticSpec } from '../spec/axiomatic.js';
import { modelOf, type Model } from '../spec/model.js';
import type { StepFunction } from '../spec/response.js';

export interface ExportReference {
  /** URL of an ES module (file: URLs for local files). */
  readonly module: string;
  /** The name of the module's export. */
  readonly name: string;
}

/** The export that is a step function. */
export type StepReference = ExportReference;

export interface ModelSource {
  readonly config: Config;
  readonly step: StepReference;
  /** The axiomatic specification conformance compares with, when not the real one. */
  readonly axiomatic?: ExportReference;
}

/** The executable specification, `step` of src/spec/step.ts. */
export const REAL_STEP: StepReference = { module: new URL('../spec/step.js', import.meta.url).href, name: 'step' };

async function loadExport(reference: ExportReference, type: 'function' | 'object'): Promise<unknown> {
  const module = (await import(reference.module)) as Record<string, unknown>;
  const value = module[reference.name];
  if (typeof value !== type || value === null) throw new Error(`${reference.module} has no ${type} export named ${reference.name}`);
  return value;
}

export async function loadStep(reference: StepReference): Promise<StepFunction> {
  return (await loadExport(reference, 'function')) as StepFunction;
}

export async function loadModel(source: ModelSource): Promise<Model> {
  const axiomatic = source.axiomatic ? ((await loadExport(source.axiomatic, 'object')) as AxiomaticSpec) : undefined;
  return modelOf(source.config, { step: await loadStep(source.step), axiomatic });
}
