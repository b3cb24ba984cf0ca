// Rebuilding a shortest trace from the parent links: the store keeps no
// actions, so each step is found again by re-executing the parent's actions
// in alphabet order until one reaches the child's fingerprint. Under symmetry
// reduction the store holds representatives: a step is one whose successor's
// representative has the child's fingerprint, and the trace goes on from the
// concrete successor, so that it is a trace of the unreduced system.
import type { Canonicaliser } from '../hash/canonical.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import type { VisitedStore } from '../hash/visited-store.js';
import { StateCodec } from '../state/encoding.js';
import { initialState } from '../state/initial.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Model } from '../spec/model.js';
import type { Trace, TraceStep } from '../spec/trace.js';

/** The shortest trace from the initial state to state `id` (to a state of its orbit, under symmetry reduction). */
export function rebuildTrace(model: Model, fingerprint: Fingerprinter, store: VisitedStore, id: number, canonicaliser?: Canonicaliser): Trace {
  const codec = new StateCodec(model.ctx);
  const path = store.pathTo(id);
  const initial = initialState(model.ctx);
  const steps: TraceStep[] = [];
  let s = initial;
  for (const next of path.slice(1)) {
    const step = stepTo(model, codec, fingerprint, s, store.fingerprintOf(next), canonicaliser);
    if (!step) throw new Error(`trace rebuilding failed: no action leads from state ${store.parentOf(next)} to state ${next}`);
    steps.push(step);
    s = step.state;
  }
  return { initial, steps };
}

/** The first action (in alphabet order) that leads from `s` to a state with fingerprint `target`. */
function stepTo(
  model: Model,
  codec: StateCodec,
  fingerprint: Fingerprinter,
  s: State,
  target: { hi: number; lo: number },
  canonicaliser?: Canonicaliser,
): TraceStep | null {
  const actions = alphabetOf(model.ctx).actions;
  for (let actionIndex = 0; actionIndex < actions.length; actionIndex++) {
    const action = actions[actionIndex]!;
    const outcome = model.step(model.ctx, s, action);
    if (!outcome) continue;
    const encoded = codec.encode(outcome.state);
    fingerprint.hash(canonicaliser ? canonicaliser.canonical(encoded) : encoded);
    if (fingerprint.hi === target.hi && fingerprint.lo === target.lo) {
      return { actionIndex, action, response: outcome.response, state: outcome.state };
    }
  }
  return null;
}
