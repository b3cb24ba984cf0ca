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
import { groupElements, type OsPermutation } from '../hash/symmetry-group.js';
import type { Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { LocalAnalysis } from './property.js';
import { renamingOf } from './renaming.js';

export function orbitImagesAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis): LocalAnalysis {
  const image = inner.image?.bind(inner);
  if (!image) throw new Error(`${inner.property}: an analysis reduced on orbit images must measure images`);
  const codec = new StateCodec(ctx);
  const canon = new Canonicaliser(ctx, permutations);
  const elements = groupElements(ctx, permutations);
  const renamings = elements.map((g) => renamingOf(ctx, g));
  let headers: number[] = [];

  return {
    property: inner.property,
    state(s, outcomes) {
      const encoded = codec.encode(s);
      const seen = new Set<string>();
      const chosen: number[] = [];
      elements.forEach((g, k) => {
        const key = Buffer.from(canon.apply(encoded, g)).toString('latin1');
        if (seen.has(key)) return;
        seen.add(key);
        chosen.push(k);
      });
      headers.push(chosen.length, ...chosen);
      for (const k of chosen) image(s, outcomes, renamings[k]!);
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

/** The images of each representative of a batch, from the data of `orbitImagesAnalysis`. */
export function imagesOf(data: Uint32Array, count: number): { elements: number[][]; inner: Uint32Array } {
  const headerLength = data[0]!;
  const elements: number[][] = [];
  let at = 1;
  for (let k = 0; k < count; k++) {
    const m = data[at++]!;
    elements.push(Array.from(data.subarray(at, at + m)));
    at += m;
  }
  if (at !== 1 + headerLength) throw new Error('orbit images: a batch came with a malformed header');
  return { elements, inner: data.subarray(1 + headerLength) };
}

