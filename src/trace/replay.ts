// Replaying an ITF trace with the executable specification: every recorded
// action must be enabled, answer the recorded response and reach the recorded
// state; a lasso's closing action must lead back to its loop state.
import { isDeepStrictEqual } from 'node:util';
import { initialState } from '../state/initial.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import { formatResponse } from '../spec/response.js';
import { ACTION_VAR, INITIAL_ACTION, itfBrief, RESPONSE_VAR, STATE_VARS, stateToItf, type ItfState, type ItfTrace } from './itf.js';
import type { Model } from '../spec/model.js';
import type { TraceStep } from '../spec/trace.js';
import { printable } from '../state/quote.js';

export interface ReplayFailure {
  /** Index of the trace state at which replay failed. */
  readonly index: number;
  readonly problem: string;
}

export interface ReplayResult {
  readonly initial: State;
  /** The steps that replayed, in order. */
  readonly steps: readonly TraceStep[];
  /** For a lasso: the closing step, back to state `loop`. */
  readonly closing?: TraceStep;
  readonly failure?: ReplayFailure;
}

function differingVars(recorded: ItfState, s: State): string[] {
  const actual = stateToItf(s);
  return STATE_VARS.filter((v) => !isDeepStrictEqual(recorded.values.get(v), actual.get(v)));
}

/** The action a recorded state names (the reader has checked it is a string). */
function actionOf(recorded: ItfState): string {
  const action = recorded.values.get(ACTION_VAR);
  return action?.kind === 'string' ? action.value : '';
}

/** The step of `notation` from `s`, or why there is none. */
function takeAction(model: Model, s: State, notation: string): TraceStep | string {
  const alphabet = alphabetOf(model.ctx);
  const actionIndex = alphabet.indexOf(notation);
  if (actionIndex === undefined) return `"${notation}" is not an action of this configuration`;
  const action = alphabet.actions[actionIndex]!;
  const outcome = model.step(model.ctx, s, action);
  if (!outcome) return `${notation} is disabled here`;
  return { actionIndex, action, response: outcome.response, state: outcome.state };
}

export function replayTrace(model: Model, trace: ItfTrace): ReplayResult {
  const initial = initialState(model.ctx);
  const steps: TraceStep[] = [];
  const failed = (index: number, problem: string): ReplayResult => ({ initial, steps, failure: { index, problem } });

  const first = trace.states[0]!;
  if (actionOf(first) !== INITIAL_ACTION) return failed(0, `the first state's action is "${actionOf(first)}", not "${INITIAL_ACTION}"`);
  const wrongStart = differingVars(first, initial);
  if (wrongStart.length > 0) return failed(0, `not the initial state of this configuration (${wrongStart.join(', ')} differ)`);

  let s = initial;
  for (let index = 1; index < trace.states.length; index++) {
    const recorded = trace.states[index]!;
    const notation = actionOf(recorded);
    const step = takeAction(model, s, notation);
    if (typeof step === 'string') return failed(index, step);
    const response = recorded.values.get(RESPONSE_VAR);
    // Every step's response is checked: a trace without them would replay whatever they were.
    if (response?.kind !== 'string' || response.value === '') {
      return failed(index, `the trace records no response for ${notation} (its "${RESPONSE_VAR}" is ${response === undefined ? 'missing' : itfBrief(response)})`);
    }
    if (response.value !== formatResponse(step.response)) {
      return failed(index, `${notation} answers ${formatResponse(step.response)}, the trace says ${printable(response.value)}`);
    }
    const differ = differingVars(recorded, step.state);
    if (differ.length > 0) return failed(index, `${notation} reaches a state that differs from the trace in ${differ.join(', ')}`);
    steps.push(step);
    s = step.state;
  }

  if (trace.loop === undefined) return { initial, steps };
  const loopAction = trace.meta['loopAction'];
  const last = trace.states.length - 1;
  if (typeof loopAction !== 'string') return failed(last, 'the trace has a "loop" but no "#meta".loopAction to close it');
  const closing = takeAction(model, s, loopAction);
  if (typeof closing === 'string') return failed(last, `closing the loop: ${closing}`);
  const differ = differingVars(trace.states[trace.loop]!, closing.state);
  if (differ.length > 0) return failed(last, `closing the loop: ${loopAction} does not lead back to state ${trace.loop} (${differ.join(', ')} differ)`);
  return { initial, steps, closing };
}
