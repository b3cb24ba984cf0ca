// What an OS observes of a transition besides its view: the response, when it
// is the recipient (MODEL.md section 3).
import type { Action } from '../state/actions.js';
import type { State } from '../state/records.js';
import { ERROR_CODES, type Response } from '../spec/response.js';

/** The OS that receives the response of `a` taken in `s`, or null (switch, chmod, silent). */
export function recipientOf(s: State, a: Action): number | null {
  return a.kind === 'switch' || a.kind === 'chmod' || a.kind === 'silent' ? null : s.active;
}

/** A response as a small number (0 is kept for "no response"). */
export function responseCode(r: Response): number {
  switch (r.kind) {
    case 'ok':
      return 1;
    case 'err':
      return 2 + ERROR_CODES.indexOf(r.code);
    case 'value':
      return 64 + 2 * (r.value === null ? 0 : r.value + 1) + (r.hit ? 1 : 0);
  }
}
