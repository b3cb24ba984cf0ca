// Conformance (MODEL.md section 4): does the executable step implement the
// axiomatic specification for one state and one action?
import type { Action } from '../state/actions.js';
import type { Context } from '../state/context.js';
import type { State } from '../state/records.js';
import { AXIOMATIC, type AxiomaticSpec } from '../spec/axiomatic.js';
import { formatResponse, type Outcome } from '../spec/response.js';

export type ConformanceClause =
  | 'enabled' // step is disabled iff not Enabled
  | 'ok-pre' // ok implies Pre
  | 'ok-post' // ok implies Post (and a read answers the stored value)
  | 'err-pre' // err implies not Pre (so Pre implies ok)
  | 'err-msg' // err(ec) implies ErrorMsg(s, a, ec)
  | 'err-state'; // err leaves the state unchanged but for a consumed hypercall

export interface ConformanceFailure {
  readonly clause: ConformanceClause;
  readonly detail: string;
}

/** Checks one transition given what the executable step did (`null`: disabled), against `spec` (by default, the axiomatic specification). */
export function conformanceOf(ctx: Context, s: State, a: Action, outcome: Outcome | null, spec: AxiomaticSpec = AXIOMATIC): ConformanceFailure | null {
  const enabled = spec.enabled(ctx, s, a);
  if (outcome === null) return enabled ? { clause: 'enabled', detail: 'step is disabled but Enabled holds' } : null;
  if (!enabled) return { clause: 'enabled', detail: 'step is enabled but Enabled does not hold' };
  const { state: s2, response } = outcome;
  const pre = spec.pre(ctx, s, a);
  if (response.kind === 'err') {
    if (pre) return { clause: 'err-pre', detail: `answered ${formatResponse(response)} though Pre holds` };
    if (!spec.errorMsg(ctx, s, a, response.code)) {
      return { clause: 'err-msg', detail: `${response.code} is not the code of the first failing check` };
    }
    const unchanged = spec.errorState(ctx, s, a, s2);
    return unchanged === null ? null : { clause: 'err-state', detail: unchanged };
  }
  if (!pre) return { clause: 'ok-pre', detail: `answered ${formatResponse(response)} though Pre fails` };
  const post = spec.post(ctx, s, a, s2, response);
  return post === null ? null : { clause: 'ok-post', detail: post };
}
