// What the engine explores: a context and an executable specification (the
// real `step`, or a planted-bug variant in tests), and what conformance
// compares it with.
import type { Config } from '../state/config.js';
import { makeContext, type Context } from '../state/context.js';
import type { StepFunction } from './response.js';
import type { AxiomaticSpec } from './axiomatic.js';
import { step } from './step.js';
import { enabledActionsOf, type EnabledActions } from './enabled.js';
import type { State } from '../state/records.js';

export interface Model {
  readonly ctx: Context;
  readonly step: StepFunction;
  /**
   * The actions `step` enables in a state, found without trying each: known
   * for the real step (from its table). Without it, every action is tried.
   */
  readonly enabledActions?: (s: State) => EnabledActions;
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
  const ctx = makeContext(config);
  const chosen = variant.step ?? step;
  // A planted-bug step may enable what the table does not: it is tried on every action.
  const model: Model = chosen === step ? { ctx, step, enabledActions: enabledActionsOf(ctx) } : { ctx, step: chosen };
  return variant.axiomatic ? { ...model, axiomatic: variant.axiomatic } : model;
}
