// A group element as the isolation analysis applies it (docs/model.md,
// Symmetry): under symmetry reduction step consistency needs what each OS
// observes in every image g·s of a representative s, and g·s is never built.
// What OS g(i) observes in g·s is what OS i observes in s, written through g:
// values renamed, machine pages renamed where they are observed, and the
// action g·a in place of a (the executable specification commutes with g).
import { permuteAction, type SymmetryElement } from '../hash/symmetry-group.js';
import { formatAction } from '../state/actions.js';
import { memorySize, range, type Context } from '../state/context.js';
import { alphabetOf } from '../spec/alphabet.js';

export interface Renaming {
  readonly element: SymmetryElement;
  /** OS i becomes os[i]; sourceOs is the inverse. */
  readonly os: Uint8Array;
  readonly sourceOs: Uint8Array;
  /** Machine page m becomes ma[m] (hypervisor pages stay); sourceMa is the inverse. */
  readonly ma: Uint16Array;
  readonly sourceMa: Uint16Array;
  /** Value v becomes values[v]. */
  readonly values: Uint8Array;
  /** The index in the alphabet of g·a, for the index of each action a. */
  readonly actions: Uint16Array;
}

export function renamingOf(ctx: Context, g: SymmetryElement): Renaming {
  const alphabet = alphabetOf(ctx);
  const invert = <T extends Uint8Array | Uint16Array>(p: readonly number[], into: T): T => {
    for (let k = 0; k < p.length; k++) into[p[k]!] = k;
    return into;
  };
  return {
    element: g,
    os: Uint8Array.from(g.os.os),
    sourceOs: invert(g.os.os, new Uint8Array(ctx.n)),
    ma: Uint16Array.from(g.os.ma),
    sourceMa: invert(g.os.ma, new Uint16Array(memorySize(ctx))),
    values: Uint8Array.from(g.values),
    actions: Uint16Array.from(alphabet.actions, (a) => {
      const image = alphabet.indexOf(formatAction(permuteAction(g, a)));
      if (image === undefined) throw new Error(`renaming: the image of ${formatAction(a)} is not in the alphabet`);
      return image;
    }),
  };
}

/** The identity: what each OS observes in s itself. */
export function identityRenaming(ctx: Context): Renaming {
  return renamingOf(ctx, { os: { os: range(ctx.n), ma: range(memorySize(ctx)) }, values: range(ctx.K) });
}
