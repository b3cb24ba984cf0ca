// A local analysis run on every state of an orbit instead of its
// representative alone: under symmetry reduction the store holds one state
// per orbit, but a property that compares concrete states with each other
// (step consistency) must see each state of the reachable set, with the
// outcomes of its actions. Those are the images of the representative's
// (step(g s, g a) = g step(s, a)), so no action is taken again, and no image
// is built either: the analysis measures each image g·s from s, its outcomes
// and g (`LocalAnalysis.image`). The images are distinct states, each
// measured once; which elements give distinct images is read off the
// encoding (cheap). The data of one expanded representative is: the number m
// of its distinct images, m group-element indices, then the inner analysis's
// data of each image, in that order.
import { Canonicaliser } from '../hash/canonical.js';
import { groupElements, osOrbitRepresentatives, type OsPermutation } from '../hash/symmetry-group.js';
import type { Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { LocalAnalysis } from './property.js';
import { renamingOf } from './renaming.js';

/**
 * `codec`: the expander's, which has just decoded each state this analysis is
 * given, so that encoding it again copies most of its bytes.
 */
export function orbitImagesAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis, codec = new StateCodec(ctx)): LocalAnalysis {
  const image = inner.image?.bind(inner);
  if (!image) throw new Error(`${inner.property}: an analysis reduced on orbit images must measure images`);
  const canon = new Canonicaliser(ctx, permutations);
  const elements = groupElements(ctx, permutations);
  const renamings = elements.map((g) => renamingOf(ctx, g));
  const oses = osOrbitRepresentatives(ctx.n, permutations);
  const isIdentity = (p: readonly number[]) => p.every((image, k) => image === k);
  if (!isIdentity(elements[0]!.os.os) || !isIdentity(elements[0]!.values)) throw new Error('orbit images: the group must list the identity first');
  let headers: number[] = [];
  // One buffer per element, reused from state to state: chosen[j] names the element whose image is in images[j].
  const images = elements.map(() => new Uint8Array(0));
  const chosen: number[] = [];

  return {
    property: inner.property,
    state(s, outcomes) {
      // The identity comes first: s is its own first image.
      const encoded = codec.encode(s);
      const length = encoded.length;
      if (images[0]!.length < length) images.forEach((_, j) => (images[j] = new Uint8Array(length)));
      images[0]!.set(encoded);
      chosen.length = 0;
      chosen.push(0);
      for (let k = 1; k < elements.length; k++) {
        const bytes = images[chosen.length]!;
        canon.applyInto(encoded, elements[k]!, bytes);
        let seen = false;
        for (let j = 0; j < chosen.length && !seen; j++) seen = samePrefix(images[j]!, bytes, length);
        if (!seen) chosen.push(k);
      }
      headers.push(chosen.length, ...chosen);
      for (const k of chosen) image(s, outcomes, renamings[k]!, oses);
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
