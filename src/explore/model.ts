// What the engine explores: a context and an executable specification (the
// real `step`, or a planted-bug variant in tests).
import type { Context } from '../state/context.js';
import type { StepFunction } from '../spec/response.js';

export interface Model {
  readonly ctx: Context;
  readonly step: StepFunction;
}
