// What the engine explores: a context and an executable specification (the
// real `step`, or a planted-bug variant in tests), and what conformance
// compares it with.
import type { Config } from '../state/config.js';
import { makeContext, type Context } from '../state/context.js';
import type { StepFunction } from './response.js';
import type { AxiomaticSpec } from './axiomatic.js';
import { step } from './step.js';

export interface Model {
  readonly ctx: Context;
  readonly step: StepFunction;
  /** The axiomatic specification, when not the real one: a planted-bug variant, in tests . */
  readonly axiomatic?: AxiomaticSpec;
}

/** What a model may carry instead of the real specifications: a planted-bug variant, in tests. */
export interface ModelVariant {
  readonly step?: StepFunction;
  readonly axiomatic?: AxiomaticSpec;
}

/** The one way a model is built: in this thread or in a worker thread, for every command. */
export function modelOf(config: Config, variant: ModelVariant = {}): Model {
  const model = { ctx: makeContext(config), step: variant.step ?? step };
  return variant.axiomatic ? { ...model, axiomatic: variant.axiomatic } : model;
}
