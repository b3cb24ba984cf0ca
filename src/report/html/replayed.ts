// A counterexample's ITF trace turned back into states by replaying it with
// the model: the report draws states, and a trace records them only as data.
import { formatAction } from '../../state/actions.js';
import type { State } from '../../state/records.js';
import { formatResponse } from '../../spec/response.js';
import { replayTrace } from '../../trace/replay.js';
import type { Model } from '../../spec/model.js';
import type { ItfTrace } from '../../trace/itf.js';

/** One state of a trace and the step that reached it (none for the initial state). */
export interface Frame {
  /** Index of the state in the trace (0: the initial state). */
  readonly index: number;
  readonly action?: string;
  readonly response?: string;
  readonly state: State;
}

export interface ReplayedTrace {
  readonly frames: readonly Frame[];
  /** A lasso: the step from the last state back to state `loop`. */
  readonly loop?: { readonly index: number; readonly action: string; readonly response: string };
}

/** A result whose traces cannot be drawn: a file is missing or does not replay under the configuration. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export function replayed(model: Model, name: string, trace: ItfTrace): ReplayedTrace {
  const result = replayTrace(model, trace);
  if (result.failure) {
    throw new ReportInputError(`trace ${name} does not replay at state ${result.failure.index}: ${result.failure.problem}`);
  }
  const frames: Frame[] = [
    { index: 0, state: result.initial },
    ...result.steps.map((step, k) => ({ index: k + 1, action: formatAction(step.action), response: formatResponse(step.response), state: step.state })),
  ];
  const { closing } = result;
  return closing
    ? { frames, loop: { index: trace.loop!, action: formatAction(closing.action), response: formatResponse(closing.response) } }
    : { frames };
}
