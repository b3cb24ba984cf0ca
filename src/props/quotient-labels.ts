// The labels of the quotient graph (docs/checker.md, Liveness under symmetry):
// under symmetry reduction the store holds one state per orbit, and a
// property decided on the whole graph (availability) needs, for each
// transition of a representative, the group element that maps the concrete
// successor to the successor's representative (Emerson and Sistla's
// annotated quotient). This wraps the property's analysis: after its data for
// the batch's states, one element index per successor, in the order the
// expander lists successors (the enabled actions, in alphabet order); a
// self-loop takes the identity (index 0).
import { permutationsOf, type OsPermutation } from '../hash/symmetry-group.js';
import { range, type Context } from '../state/context.js';
import type { LocalAnalysis } from './property.js';

/** The most group elements a label can name: one byte. */
export const MAX_LABELLED_ELEMENTS = 256;

export function quotientLabelsAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis): LocalAnalysis {
  // A value permutation's key: its images as the digits of a number in base K
  // (exact, since a group whose labels fit in a byte has at most 5 values).
  const keyOf = (values: readonly number[]) => values.reduce((key, image) => key * ctx.K + image, 0);
  const valueIndex = new Map(permutationsOf(range(ctx.K)).map((values, k) => [keyOf(values), k]));
  const valueCount = valueIndex.size;
  if (permutations.length * valueCount > MAX_LABELLED_ELEMENTS) throw new Error(`quotient labels: a group of ${permutations.length * valueCount} elements`);
  let labels: number[] = [];
  return {
    property: inner.property,
    // The expander canonicalised each successor already: the element it found is the label.
    wantsElements: true,
    state(s, outcomes, elements) {
      if (!elements) throw new Error(`${inner.property}: quotient labels need the elements of the successors`);
      inner.state(s, outcomes);
      for (let ai = 0; ai < outcomes.length; ai++) {
        const outcome = outcomes[ai];
        if (!outcome) continue;
        if (outcome.state === s) {
          labels.push(0);
          continue;
        }
        // The index of g in groupElements(ctx, permutations): OS part first, then the values.
        const g = elements[ai]!;
        labels.push(permutations.indexOf(g.os) * valueCount + valueIndex.get(keyOf(g.values))!);
      }
    },
    take() {
      const data = inner.take();
      const taken = new Uint32Array(data.length + labels.length);
      taken.set(data);
      taken.set(labels, data.length);
      labels = [];
      return taken;
    },
  };
}
