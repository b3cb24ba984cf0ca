// What an OS observes of a transition besides its view: the response, when it
// is the recipient (MODEL.md section 3); and view fingerprints, for comparing
// views across threads.
import type { Action } from '../state/actions.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import type { State } from '../state/records.js';
import { ERROR_CODES, type Response } from '../spec/response.js';
import type { Context } from '../state/context.js';
import { ViewBytes } from './view-bytes.js';
import type { Renaming } from './renaming.js';

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

/** Fingerprints of views: xxh64 of their canonical bytes. */
export class ViewPrints {
  private readonly bytes: ViewBytes;

  constructor(
    ctx: Context,
    private readonly fingerprint: Fingerprinter,
  ) {
    this.bytes = new ViewBytes(ctx);
  }

  /** Two renamings with the same key print the same for OS i of any state (ViewBytes.renamingKey). */
  renamingKey(i: number, renaming: Renaming): string {
    return this.bytes.renamingKey(i, renaming);
  }

  /** Writes the fingerprint of view_i(s) (given a renaming g, of view_g(i)(g·s)) at `out[at]`, `out[at + 1]`. */
  print(i: number, s: State, out: Uint32Array, at: number, renaming?: Renaming): void {
    this.fingerprint.hash(this.bytes.of(i, s, renaming));
    out[at] = this.fingerprint.hi;
    out[at + 1] = this.fingerprint.lo;
  }
}
