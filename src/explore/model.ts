// What the engine explores: a context and an executable specification (the
// real `step`, or a planted-bug variant in tests), and what conformance
// compares it with.
import type { Context } from '../state/context.js';
import type { StepFunction } from '../spec/response.js';
import type { AxiomaticSpec } from '../spec/axiomatic.js';

export interface Model {
  readonly ctx: Context;
  readonly step: StepFunction;
  /** The axiomatic specification, when not the real one: a planted-bug variant, in tests (in-thread runs only). */
  readonly axiomatic?: AxiomaticSpec;
}
