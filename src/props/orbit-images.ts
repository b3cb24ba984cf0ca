// A local analysis run on every state of an orbit instead of its
// representative alone: under symmetry reduction the store holds one state
// per orbit, but a property that compares concrete states with each other
// (step consistency) must see each state of the reachable set, with the
// outcomes of its actions. Those are the images of the representative's
// (step(g s, g a) = g step(s, a)), so no action is taken again; the images
// are distinct states, each written once. The data of one expanded
// representative is: the number m of its distinct images, m group-element
// indices, then the inner analysis's data of each image, in that order.
import { Canonicaliser } from '../hash/canonical.js';
import { groupElements, permuteAction, permuteResponse, type OsPermutation, type SymmetryElement } from '../hash/symmetry-group.js';
import { formatAction } from '../state/actions.js';
import type { Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Outcome } from '../spec/response.js';
import type { LocalAnalysis } from './property.js';

export function orbitImagesAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis): LocalAnalysis {
  const codec = new StateCodec(ctx);
  const canon = new Canonicaliser(ctx, permutations);
  const elements = groupElements(ctx, permutations);
  const alphabet = alphabetOf(ctx);
  // For each element g, the index of g a for each action index a.
  const actionImage = elements.map((g) => alphabet.actions.map((a) => alphabet.indexOf(formatAction(permuteAction(g, a)))!));
  const imaged = new Array<Outcome | null>(alphabet.actions.length);
  let headers: number[] = [];

  const image = (g: SymmetryElement, s: State): State => codec.decode(canon.apply(codec.encode(s), g));

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
      for (const k of chosen) {
        const g = elements[k]!;
        const gs = k === 0 ? s : image(g, s);
        outcomes.forEach((outcome, a) => {
          imaged[actionImage[k]![a]!] =
            outcome === null
              ? null
              : { state: outcome.state === s ? gs : k === 0 ? outcome.state : image(g, outcome.state), response: permuteResponse(g, outcome.response) };
        });
        inner.state(gs, imaged);
      }
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

