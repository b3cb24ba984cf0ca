// Transparency (MODEL.md section 6.3), per OS i, at every reachable
// transition s -a-> s': if i is active in s, the platform where i runs alone
// must make the same step from erase_i(s) (switch(i) where a is a switch):
// the same response, and a successor i cannot tell from erase_i(s'). If i is
// not active, i sees nothing happen: view_i(erase_i(s')) = view_i(erase_i(s)).
import { formatAction, type Action } from '../state/actions.js';
import type { Context } from '../state/context.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import { formatResponse, sameResponse, type StepFunction } from '../spec/response.js';
import { Erasure } from './erasure.js';
import type { LocalCheck } from './property.js';
import { switchIndices } from './isolation.js';
import { viewDifferences, type Views } from './views.js';

export function transparencyCheck(ctx: Context, step: StepFunction, views: Views): LocalCheck {
  const erasure = new Erasure(ctx);
  const actions = alphabetOf(ctx).actions;
  const switchTo = switchIndices(ctx).map((k) => actions[k]!);
  // erase_i(s) for the active OS, kept for the state being expanded: every action of it needs it.
  let lastState: State | null = null;
  let lastErased: State | null = null;
  const erasedActive = (i: number, s: State): State => {
    if (s !== lastState) {
      lastState = s;
      lastErased = erasure.erase(i, s);
    }
    return lastErased!;
  };

  return {
    property: 'transparency',
    transition(s, a, outcome) {
      if (!outcome) return null;
      const after = outcome.state;
      for (let i = 0; i < ctx.n; i++) {
        if (s.active !== i) {
          if (views.sameAlone(i, s, after)) continue;
          const changes = viewDifferences(i, views.alone(i, s), views.alone(i, after), ['before', 'after']);
          return `OS ${i}, not active, sees the platform change (alone it would not): ${changes.join('; ')}`;
        }
        const alone: Action = a.kind === 'switch' ? switchTo[i]! : a;
        const single = step(ctx, erasedActive(i, s), alone);
        if (!single) return `OS ${i} alone: ${formatAction(alone)} is disabled, but the platform takes ${formatAction(a)}`;
        if (!sameResponse(single.response, outcome.response)) {
          return `OS ${i} alone: ${formatAction(alone)} answers ${formatResponse(single.response)}, the platform answers ${formatResponse(outcome.response)}`;
        }
        // The single-OS state is its own erasure: what i observes there is its view.
        if (views.sameAlone(i, after, single.state)) continue;
        const changes = viewDifferences(i, views.alone(i, after), views.alone(i, single.state), ['on the platform', 'alone']);
        return `OS ${i} alone: after ${formatAction(alone)} it observes otherwise: ${changes.join('; ')}`;
      }
      return null;
    },
  };
}
