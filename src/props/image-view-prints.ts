// The view fingerprints (xxh64 of the view bytes, view-bytes.ts) step
// consistency needs at one expanded state s, for each image g·s:
// view_g(i)(g·s), and view_g(i)(g·t) for t the state each action leads to
// from s. Renamings that write OS i's view alike (same value
// renaming, and the same machine pages where those are observed:
// ViewBytes.renamingKey) give the same fingerprints, so each is computed once
// per state and shared by the images whose renamings agree; under the
// stabiliser of three OSes, the OS swap alone renames no view.
import type { Context } from '../state/context.js';
import type { State } from '../state/records.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import { ViewBytes } from './view-bytes.js';
import type { Renaming } from './renaming.js';
import type { Views } from './views.js';

export class ImageViewPrints {
  /** Per renaming, per OS i: the index of its class (renamings that print OS i's views alike). */
  private readonly classOf = new Map<Renaming, Uint16Array>();
  private readonly classes = new Map<string, number>();
  /** The state whose views are held, and the stamp that marks them. */
  private current: State | null = null;
  private generation = 0;
  /** Per slot (class, OS, action or -1 for s itself): the stamp it was printed at, and its fingerprint. */
  private stamps = new Uint32Array(0);
  private held = new Uint32Array(0);
  private readonly bytes: ViewBytes;

  constructor(
    private readonly ctx: Context,
    private readonly views: Views,
    private readonly fingerprint: Fingerprinter,
    private readonly actionCount: number,
  ) {
    this.bytes = new ViewBytes(ctx);
  }

  /**
   * Writes at out[at], out[at + 1] the fingerprint of view_g(i)(g·t), where t
   * is s for `action` -1, else the state `action` leads to from s (given:
   * the prints held for s are those of its outcomes).
   */
  print(i: number, s: State, action: number, t: State, g: Renaming, out: Uint32Array, at: number): void {
    if (s !== this.current) {
      this.current = s;
      this.generation++;
    }
    const slot = this.slot(i, action, g);
    if (this.stamps[slot] !== this.generation) {
      // A successor whose parts of view_i are those of s has s's view: no need to write it.
      if (action >= 0 && this.views.unchanged(i, s, t)) this.print(i, s, -1, s, g, this.held, 2 * slot);
      else {
        this.fingerprint.hash(this.bytes.of(i, t, g));
        this.held[2 * slot] = this.fingerprint.hi;
        this.held[2 * slot + 1] = this.fingerprint.lo;
      }
      this.stamps[slot] = this.generation;
    }
    out[at] = this.held[2 * slot]!;
    out[at + 1] = this.held[2 * slot + 1]!;
  }

  private slot(i: number, action: number, g: Renaming): number {
    let classes = this.classOf.get(g);
    if (!classes) {
      classes = Uint16Array.from({ length: this.ctx.n }, (_, os) => {
        const key = `${os}:${this.bytes.renamingKey(os, g)}`;
        if (!this.classes.has(key)) this.classes.set(key, this.classes.size);
        return this.classes.get(key)!;
      });
      this.classOf.set(g, classes);
      const slots = this.classes.size * (this.actionCount + 1);
      if (slots > this.stamps.length) {
        const stamps = new Uint32Array(slots);
        stamps.set(this.stamps);
        this.stamps = stamps;
        const held = new Uint32Array(2 * slots);
        held.set(this.held);
        this.held = held;
      }
    }
    return classes[i]! * (this.actionCount + 1) + action + 1;
  }
}
