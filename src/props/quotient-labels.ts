// The labels of the quotient graph (docs/checker.md, Liveness under symmetry):
// under symmetry reduction the store holds one state per orbit, and a
// property decided on the whole graph (availability) needs, for each
// transition of a representative, the group element that maps the concrete
// successor to the successor's representative (Emerson and Sistla's
// annotated quotient). This wraps the property's analysis: after its data for
// the batch's states, one element index per successor, in the order the
// expander lists successors (the enabled actions, in alphabet order); a
// self-loop takes the identity (index 0).
import { Canonicaliser } from '../hash/canonical.js';
import { permutationsOf, type OsPermutation } from '../hash/symmetry-group.js';
import { range, type Context } from '../state/context.js';
import { StateCodec } from '../state/encoding.js';
import type { LocalAnalysis } from './property.js';

/** The most group elements a label can name: one byte. */
export const MAX_LABELLED_ELEMENTS = 256;

export function quotientLabelsAnalysis(ctx: Context, permutations: readonly OsPermutation[], inner: LocalAnalysis): LocalAnalysis {
  const codec = new StateCodec(ctx);
  const canon = new Canonicaliser(ctx, permutations);
  const valueIndex = new Map(permutationsOf(range(ctx.K)).map((values, k) => [values.join(','), k]));
  const valueCount = valueIndex.size;
  let labels: number[] = [];
  return {
    property: inner.property,
    state(s, outcomes) {
      inner.state(s, outcomes);
      for (const outcome of outcomes) {
        if (outcome === null) continue;
        if (outcome.state === s) {
          labels.push(0);
          continue;
        }
        // The index of g in groupElements(ctx, permutations): OS part first, then the values.
        const g = canon.elementTo(codec.encode(outcome.state));
        labels.push(permutations.indexOf(g.os) * valueCount + valueIndex.get(g.values.join(','))!);
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
