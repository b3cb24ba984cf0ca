// Which actions the executable specification enables: MODEL.md section 3's
// table "Enabled when", written once. `step` answers null wherever it fails;
// the engine enumerates a state's enabled actions from it without trying
// every action of the alphabet (most are disabled in most states).
import { isOp, opIndex, sameOp, type Action } from '../state/actions.js';
import type { Context } from '../state/context.js';
import type { State } from '../state/records.js';
import { alphabetOf } from './alphabet.js';

/** Whether `step(s, a)` is a transition. It reads the activity, the active OS's pending hypercall and which OSes exist: nothing else. */
export function isEnabled(ctx: Context, s: State, a: Action): boolean {
  if (a.kind === 'silent') return true;
  // A running OS attempts what it likes: guest actions, and privileged operations (refused in usr mode, but answered).
  if (s.activity === 'running') return a.kind !== 'switch' && a.kind !== 'chmod';
  // A waiting hypervisor serves the pending hypercall, or else switches or resumes the OS.
  const pending = pendingOf(s);
  if (a.kind === 'switch') return (pending === null || ctx.knobs.switchWithPendingHypercall) && s.oss.has(a.os);
  if (a.kind === 'chmod') return pending === null;
  return isOp(a) && pending !== null && sameOp(pending, a);
}

function pendingOf(s: State) {
  return s.oss.get(s.active)?.hcall ?? null;
}

/** The enabled actions of a state, as indices into the alphabet, and as a mask over it (1: enabled). */
export interface EnabledActions {
  readonly indices: Int32Array;
  readonly mask: Uint8Array;
}

/**
 * The enabled actions of each state, found once per control: the activity,
 * the pending hypercall of the active OS and the set of OSes, all that
 * `isEnabled` reads (test/spec/enabled.test.ts compares them with `step`).
 */
export function enabledActionsOf(ctx: Context): (s: State) => EnabledActions {
  const { actions } = alphabetOf(ctx);
  const byControl = new Map<number, EnabledActions>();
  return (s) => {
    const pending = pendingOf(s);
    let key = pending === null ? 0 : opIndex(ctx, pending) + 1;
    key = key * 2 + (s.activity === 'running' ? 1 : 0);
    for (let os = 0; os < ctx.n; os++) key = key * 2 + (s.oss.has(os) ? 1 : 0);
    let enabled = byControl.get(key);
    if (!enabled) {
      const mask = Uint8Array.from(actions, (a) => (isEnabled(ctx, s, a) ? 1 : 0));
      enabled = { indices: Int32Array.from(actions.keys()).filter((i) => mask[i] === 1), mask };
      byControl.set(key, enabled);
    }
    return enabled;
  };
}
