// What an OS observes of a transition besides its view: the response, when it
// is the recipient (MODEL.md section 3), and view fingerprints, for comparing
// views across threads.
import type { Action } from '../state/actions.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import type { State } from '../state/records.js';
import { ERROR_CODES, type Response } from '../spec/response.js';
import { VIEW_COMPONENTS, type Views } from './views.js';

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

const FINGERPRINT_MEMO_BOUND = 1 << 16;

/**
 * View fingerprints: each component's text is fingerprinted once (memoised
 * by text; components are themselves memoised strings, whose hash V8 keeps),
 * and a view's fingerprint is that of its components' fingerprints.
 */
export class ViewPrints {
  private memo = new Map<string, [number, number]>();
  /** Per component, the text last fingerprinted and its fingerprint: successive views share most texts. */
  private readonly lastText: string[] = VIEW_COMPONENTS.map(() => '');
  private readonly lastPrint: [number, number][] = VIEW_COMPONENTS.map(() => [0, 0]);
  private readonly words = new Uint32Array(VIEW_COMPONENTS.length * 2);
  private readonly bytes = new Uint8Array(this.words.buffer);

  constructor(
    readonly views: Views,
    private readonly fingerprint: Fingerprinter,
  ) {}

  /** Writes the fingerprint of view_i(s) at `out[at]`, `out[at + 1]`. */
  print(i: number, s: State, out: Uint32Array, at: number): void {
    const view = this.views.of(i, s);
    VIEW_COMPONENTS.forEach((component, c) => {
      const text = view[component];
      let fp = this.lastText[c] === text ? this.lastPrint[c]! : this.memo.get(text);
      if (!fp) {
        this.fingerprint.hashText(text);
        fp = [this.fingerprint.hi, this.fingerprint.lo];
        if (this.memo.size >= FINGERPRINT_MEMO_BOUND) this.memo = new Map();
        this.memo.set(text, fp);
      }
      this.lastText[c] = text;
      this.lastPrint[c] = fp;
      this.words[2 * c] = fp[0];
      this.words[2 * c + 1] = fp[1];
    });
    this.fingerprint.hash(this.bytes);
    out[at] = this.fingerprint.hi;
    out[at + 1] = this.fingerprint.lo;
  }
}
