// A trace of the model: an initial state and the steps taken from it, each
// with its action, its response and the state it reaches.
import type { Action } from '../state/actions.js';
import type { State } from '../state/records.js';
import type { Response } from './response.js';
import { alphabetOf } from './alphabet.js';
import type { Model } from './model.js';

export interface TraceStep {
  readonly actionIndex: number;
  readonly action: Action;
  readonly response: Response;
  readonly state: State;
}

export interface Trace {
  readonly initial: State;
  readonly steps: readonly TraceStep[];
}

export function lastState(trace: Trace): State {
  return trace.steps.at(-1)?.state ?? trace.initial;
}

/** `trace` extended by one more step from its last state (the violating transition). */
export function extendTrace(model: Model, trace: Trace, actionIndex: number): Trace {
  const action = alphabetOf(model.ctx).actions[actionIndex]!;
  const outcome = model.step(model.ctx, lastState(trace), action);
  if (!outcome) return trace;
  return { initial: trace.initial, steps: [...trace.steps, { actionIndex, action, response: outcome.response, state: outcome.state }] };
}
