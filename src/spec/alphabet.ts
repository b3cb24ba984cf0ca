// The action alphabet of a context: every instance of every action over the
// finite sets of MODEL.md section 1, in a fixed order (an action's index is
// what parent links and traces store).
import { formatAction, opsOf, type Action, type Op } from '../state/actions.js';
import { range, type Context } from '../state/context.js';

export interface Alphabet {
  readonly actions: readonly Action[];
  readonly ops: readonly Op[];
  /** Index of an action given in MODEL.md notation (`formatAction`), if it is in the alphabet. */
  indexOf(notation: string): number | undefined;
}

const alphabets = new WeakMap<Context, Alphabet>();

export function alphabetOf(ctx: Context): Alphabet {
  let alphabet = alphabets.get(ctx);
  if (!alphabet) {
    alphabet = buildAlphabet(ctx);
    alphabets.set(ctx, alphabet);
  }
  return alphabet;
}

function buildAlphabet(ctx: Context): Alphabet {
  const ops = opsOf(ctx);
  const actions: Action[] = [
    ...range(ctx.V).map((va): Action => ({ kind: 'read', va })),
    ...range(ctx.V).flatMap((va) => range(ctx.K).map((val): Action => ({ kind: 'write', va, val }))),
    ...ops.map((op): Action => ({ kind: 'hcall', op })),
    { kind: 'ret_ctrl' },
    { kind: 'silent' },
    ...ops,
    ...range(ctx.n).map((os): Action => ({ kind: 'switch', os })),
    { kind: 'chmod' },
  ];
  const byNotation = new Map(actions.map((action, i) => [normalise(formatAction(action)), i]));
  return {
    actions,
    ops,
    indexOf: (notation) => byNotation.get(normalise(notation)),
  };
}

function normalise(notation: string): string {
  return notation.replace(/\s+/g, '');
}
