// A local analysis run on every state of an orbit instead of its
// representative alone: under symmetry reduction the store holds one state
// per orbit, but a property that compares concrete states with each other
// (step consistency) must see each state of the reachable set, with the
// outcomes of its actions. Those are the images of the representative's
// (step(g s, g a) = g step(s, a)), so no action is taken again, and no image
// is built either: the analysis measures each image g·s from s, its outcomes
// and g (`LocalAnalysis.image`). The images are distinct states, each
// measured once; which elements give distinct images follows from the
// state's stabiliser, read off the encoding under the few elements that fix
// its active OS (the others move its first byte). The data of one expanded
// representative is: the number m of its distinct images, m group-element
// indices, then the inner analysis's data of each image, in that order.
import { Canonicaliser } from '../hash/canonical.js';
import { groupElements, osOrbitRepresentatives, productTable, type OsPermutation } from '../hash/symmetry-group.js';
import { range, type Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { LocalAnalysis } from './property.js';
import { renamingOf } from './renaming.js';

/**
 * `codec`: the expander's, which has just decoded each state this analysis is
 * given, so that encoding it again copies most of its bytes.
 */
export function orbitImagesAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis, codec = new StateCodec(ctx)): LocalAnalysis {
  const measure = inner.image?.bind(inner);
  if (!measure) throw new Error(`${inner.property}: an analysis reduced on orbit images must measure images`);
  const canon = new Canonicaliser(ctx, permutations);
  const elements = groupElements(ctx, permutations);
  const renamings = elements.map((g) => renamingOf(ctx, g));
  const oses = osOrbitRepresentatives(ctx.n, permutations);
  const isIdentity = (p: readonly number[]) => p.every((image, k) => image === k);
  if (!isIdentity(elements[0]!.os.os) || !isIdentity(elements[0]!.values)) throw new Error('orbit images: the group must list the identity first');
  const m = elements.length;
  const product = productTable(elements);
  // Per active OS: the elements that fix it, the identity aside; only they can fix a state (the active OS is its first byte).
  const fixingActive = range(ctx.n).map((active) => range(m).filter((k) => k > 0 && elements[k]!.os.os[active] === active));
  let headers: number[] = [];
  let image = new Uint8Array(0);
  const stabiliser: number[] = [];
  // covered[k] === stamp: element k's image of the state is one already chosen.
  const covered = new Uint32Array(m);
  let stamp = 0;
  const chosen: number[] = [];

  return {
    property: inner.property,
    state(s, outcomes) {
      // g s = k s exactly when g is k after an element of the stabiliser of s: each distinct image is chosen
      // by the first element (in order) of its coset, the identity first, and the stabiliser is read off the encoding.
      const encoded = codec.encode(s);
      const length = encoded.length;
      if (image.length < length) image = new Uint8Array(length);
      stabiliser.length = 0;
      stabiliser.push(0);
      for (const k of fixingActive[s.active]!) {
        canon.applyInto(encoded, elements[k]!, image);
        if (samePrefix(image, encoded, length)) stabiliser.push(k);
      }
      if (++stamp === 0xffffffff) {
        covered.fill(0);
        stamp = 1;
      }
      chosen.length = 0;
      for (let k = 0; k < m; k++) {
        if (covered[k] === stamp) continue;
        chosen.push(k);
        for (const h of stabiliser) covered[product[k * m + h]!] = stamp;
      }
      headers.push(chosen.length, ...chosen);
      for (const k of chosen) measure(s, outcomes, renamings[k]!, oses);
    },
    take() {
      const data = inner.take();
      const out = new Uint32Array(1 + headers.length + data.length);
      out[0] = headers.length;
      out.set(headers, 1);
      out.set(data, 1 + headers.length);
      headers = [];
      return out;
    },
  };
}

/** Whether the first `length` bytes of `a` and `b` are equal (images of one state have its length). */
function samePrefix(a: Uint8Array, b: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The images of the representatives of a batch, from the data of
 * `orbitImagesAnalysis`: `header` holds, per representative, m then its m
 * element indices (read in place: a batch holds thousands); `images` counts
 * them all; `inner` is the inner analysis's data.
 */
export function imagesOf(data: Uint32Array, count: number): { header: Uint32Array; images: number; inner: Uint32Array } {
  const headerLength = data[0]!;
  const header = data.subarray(1, 1 + headerLength);
  const malformed = () => new Error('orbit images: a batch came with a malformed header');
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at >= headerLength) throw malformed();
    at += 1 + header[at]!;
  }
  if (at !== headerLength) throw malformed();
  return { header, images: headerLength - count, inner: data.subarray(1 + headerLength) };
}
