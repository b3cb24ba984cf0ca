// The symmetry group as the quotient analysis uses it: elements numbered as
// groupElements lists them (the identity 0; a quotient transition stores the
// number in a byte), with tables for composing and inverting them and for
// their action on OSes, actions and fairness classes.
import { Canonicaliser } from '../hash/canonical.js';
import { compose, groupElements, inverse, permuteAction, type OsPermutation, type SymmetryElement } from '../hash/symmetry-group.js';
import { formatAction } from '../state/actions.js';
import type { Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { ActionClasses } from '../props/liveness.js';

export class QuotientGroup {
  readonly order: number;
  readonly elements: readonly SymmetryElement[];
  /** `product[g * order + h]`: g after h. */
  readonly product: Uint16Array;
  readonly inverse: Uint16Array;
  /** `osImage[g * n + i]`: the OS that g sends OS i to. */
  readonly osImage: Uint8Array;
  /** `actionImage[g * actions + a]`: the alphabet index of g a. */
  readonly actionImage: Uint16Array;
  /** `classImage[g * classes + c]`: the class g sends class c to. */
  readonly classImage: Int32Array;
  readonly actionCount: number;
  readonly classCount: number;
  private readonly canon: Canonicaliser;
  private readonly codec: StateCodec;
  private readonly index: Map<string, number>;

  constructor(
    private readonly ctx: Context,
    permutations: readonly OsPermutation[],
    classes: ActionClasses,
  ) {
    const elements = groupElements(ctx, permutations);
    const order = elements.length;
    const key = (g: SymmetryElement) => `${g.os.os.join(',')}/${g.values.join(',')}`;
    this.index = new Map(elements.map((g, k) => [key(g), k]));
    this.elements = elements;
    this.order = order;
    this.product = new Uint16Array(order * order);
    this.inverse = new Uint16Array(order);
    elements.forEach((g, i) => {
      this.inverse[i] = this.index.get(key(inverse(g)))!;
      elements.forEach((h, j) => (this.product[i * order + j] = this.index.get(key(compose(g, h)))!));
    });
    const n = ctx.n;
    this.osImage = Uint8Array.from(elements.flatMap((g) => g.os.os));
    const alphabet = alphabetOf(ctx);
    const actionCount = alphabet.actions.length;
    this.actionCount = actionCount;
    this.actionImage = Uint16Array.from(elements.flatMap((g) => alphabet.actions.map((a) => alphabet.indexOf(formatAction(permuteAction(g, a)))!)));
    this.classCount = classes.count;
    this.classImage = new Int32Array(order * classes.count);
    for (let g = 0; g < order; g++) {
      const os = elements[g]!.os.os;
      const actions = this.actionImage.subarray(g * actionCount, (g + 1) * actionCount);
      for (let c = 0; c < classes.count; c++) this.classImage[g * classes.count + c] = classes.image(c, os, actions);
    }
    if (this.osImage.length !== order * n) throw new Error('quotient group: an OS permutation of the wrong size');
    this.canon = new Canonicaliser(ctx, permutations);
    this.codec = new StateCodec(ctx);
  }

  /** g after h. */
  times(g: number, h: number): number {
    return this.product[g * this.order + h]!;
  }

  /** The index of an element of the group. */
  indexOf(g: SymmetryElement): number {
    const k = this.index.get(`${g.os.os.join(',')}/${g.values.join(',')}`);
    if (k === undefined) throw new Error('quotient group: not an element of the group');
    return k;
  }

  /** The element taking the representative of `s`'s orbit to `s`. */
  fromRepresentative(s: State): number {
    return this.inverse[this.indexOf(this.canon.elementTo(this.codec.encode(s)))]!;
  }

  /** The representative of `s`'s orbit, decoded. */
  representative(s: State): State {
    return this.codec.decode(this.canon.canonical(this.codec.encode(s)));
  }

  /** The elements that fix the state `r` (its stabiliser). */
  stabiliser(r: State): number[] {
    const encoded = this.codec.encode(r);
    return this.elements.flatMap((g, k) => (Buffer.compare(this.canon.apply(encoded, g), encoded) === 0 ? [k] : []));
  }

  /** The OS g sends OS i to. */
  os(g: number, i: number): number {
    return this.osImage[g * this.ctx.n + i]!;
  }

  /** The subgroup `generators` generate, as a membership array and a list. */
  generated(generators: readonly number[]): { readonly member: Uint8Array; readonly list: number[] } {
    const member = new Uint8Array(this.order);
    const list = [0];
    member[0] = 1;
    for (let at = 0; at < list.length; at++) {
      for (const y of generators) {
        const z = this.times(list[at]!, y);
        if (!member[z]) {
          member[z] = 1;
          list.push(z);
        }
      }
    }
    return { member, list };
  }
}
