// The image of a trace under an element of the symmetry group that fixes the
// initial state: under symmetry reduction, how a trace to one state of an
// orbit becomes a trace to another (docs/checker.md, Symmetry reduction).
import type { Canonicaliser } from '../hash/canonical.js';
import { permuteAction, permuteResponse, type SymmetryElement } from '../hash/symmetry-group.js';
import { formatAction } from '../state/actions.js';
import type { Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Trace } from '../spec/trace.js';
/**
 * The image of a trace under `g`, an element that fixes the initial state:
 * a trace of the unreduced system from the same initial state (each action,
 * response and state mapped), ending in the image of the trace's last state.
 */
export function imageOfTrace(ctx: Context, canon: Canonicaliser, trace: Trace, g: SymmetryElement): Trace {
  const codec = new StateCodec(ctx);
  const alphabet = alphabetOf(ctx);
  const image = (s: State): State => codec.decode(canon.apply(codec.encode(s), g));
  return {
    initial: image(trace.initial),
    steps: trace.steps.map((step) => {
      const action = permuteAction(g, step.action);
      return { actionIndex: alphabet.indexOf(formatAction(action))!, action, response: permuteResponse(g, step.response), state: image(step.state) };
    }),
  };
}
