// Isolation (MODEL.md section 6.2), per OS i, as unwinding conditions:
// - locally respects: an action taken while i is not active (other than
//   switch(i)) leaves view_i unchanged; decided at each transition;
// - step consistency: from two states i cannot tell apart, an action where i is
//   active (or switch(i)) leads to states i cannot tell apart, with equal
//   responses when i receives them. That compares states with each other: at
//   each state this module measures what the engine needs to group states by
//   view (view fingerprint, and a fingerprint of what every relevant action
//   shows i), and the engine compares each state with its class's first.
import type { Action } from '../state/actions.js';
import { range, type Context } from '../state/context.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Outcome } from '../spec/response.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import { recipientOf, responseCode } from './observation.js';
import { ImageViewPrints } from './image-view-prints.js';
import type { LocalAnalysis, LocalCheck } from './property.js';
import { identityRenaming, type Renaming } from './renaming.js';
import { permuteResponse } from '../hash/symmetry-group.js';
import { Views, viewDifferences } from './views.js';

/**
 * Words the step-consistency analysis writes per OS measured per expanded
 * state (every OS; under symmetry, one of each orbit of the group's):
 * view fingerprint (2); when the OS is active, the fingerprint of its
 * observations of every action (2); when it is not, whether switch(i) is
 * enabled (1) and the fingerprint of the view it leads to (2).
 */
export const STEP_CONSISTENCY_WORDS = 7;

export const WORD = { viewHi: 0, viewLo: 1, observedHi: 2, observedLo: 3, switchEnabled: 4, switchHi: 5, switchLo: 6 } as const;

/** The index of switch(i) in the alphabet, for every OS i. */
export function switchIndices(ctx: Context): number[] {
  const actions = alphabetOf(ctx).actions;
  return Array.from({ length: ctx.n }, (_, i) => actions.findIndex((a) => a.kind === 'switch' && a.os === i));
}

export function locallyRespects(ctx: Context, views: Views): LocalCheck {
  return {
    property: 'isolation',
    transition(s, a, outcome) {
      if (!outcome || outcome.state === s) return null;
      for (let i = 0; i < ctx.n; i++) {
        if (i === s.active || (a.kind === 'switch' && a.os === i) || views.same(i, s, outcome.state)) continue;
        const changes = viewDifferences(i, views.of(i, s), views.of(i, outcome.state), ['before', 'after']);
        return `locally respects: an action of OS ${s.active} changes what OS ${i} observes: ${changes.join('; ')}`;
      }
      return null;
    },
  };
}

/**
 * The step-consistency analysis. `state` measures a state; `image` measures
 * the image g·s of a state under a renaming g from s and the outcomes of its
 * actions, exactly as `state` would measure g·s (under symmetry reduction,
 * orbit-images.ts asks it for every image of each representative): OS j of
 * g·s is OS g⁻¹(j) of s seen through g, action b of g·s is g·a for a = g⁻¹·b,
 * with outcome g·outcome(a).
 */
export function stepConsistencyAnalysis(ctx: Context, views: Views, fingerprint: Fingerprinter): LocalAnalysis {
  const actions = alphabetOf(ctx).actions;
  const prints = new ImageViewPrints(ctx, views, fingerprint, actions.length);
  const switches = switchIndices(ctx);
  const identity = identityRenaming(ctx);
  const everyOs = range(ctx.n);
  // Per action: (enabled, response if i receives it) and the fingerprint of the view it leads to.
  const observed = new Uint32Array(actions.length * 3);
  const observedBytes = new Uint8Array(observed.buffer);
  let data = new Uint32Array(1024);
  let used = 0;

  /**
   * Writes the fingerprint of what g(i) observes of every action in g·s at
   * `at`. Action a of s is written where g·a is.
   */
  const observations = (i: number, s: State, outcomes: readonly (Outcome | null)[], g: Renaming, out: Uint32Array, at: number) => {
    for (let ai = 0; ai < actions.length; ai++) {
      const outcome = outcomes[ai];
      const bi = g.actions[ai]! * 3;
      if (!outcome) {
        observed[bi] = 0;
        observed[bi + 1] = 0;
        observed[bi + 2] = 0;
        continue;
      }
      observed[bi] = 1 + (recipientOf(s, actions[ai] as Action) === i ? responseCode(permuteResponse(g.element, outcome.response)) : 0);
      prints.print(i, s, ai, outcome.state, g, observed, bi + 1);
    }
    fingerprint.hash(observedBytes);
    out[at] = fingerprint.hi;
    out[at + 1] = fingerprint.lo;
  };

  const image = (s: State, outcomes: readonly (Outcome | null)[], g: Renaming, oses: readonly number[]) => {
    const words = oses.length * STEP_CONSISTENCY_WORDS;
    if (used + words > data.length) {
      const grown = new Uint32Array(Math.max(data.length * 2, used + words));
      grown.set(data.subarray(0, used));
      data = grown;
    }
    for (let k = 0; k < oses.length; k++, used += STEP_CONSISTENCY_WORDS) {
      const i = g.sourceOs[oses[k]!]!;
      // A loop: `fill` on a range of seven words costs more than the words.
      for (let w = used; w < used + STEP_CONSISTENCY_WORDS; w++) data[w] = 0;
      prints.print(i, s, -1, s, g, data, used + WORD.viewHi);
      if (s.active === i) {
        observations(i, s, outcomes, g, data, used + WORD.observedHi);
        continue;
      }
      // switch(j) in g·s is g·switch(i).
      const entered = outcomes[switches[i]!];
      if (entered) {
        data[used + WORD.switchEnabled] = 1;
        prints.print(i, s, switches[i]!, entered.state, g, data, used + WORD.switchHi);
      }
    }
  };

  return {
    property: 'isolation',
    state: (s, outcomes) => image(s, outcomes, identity, everyOs),
    image,
    take() {
      const taken = data.slice(0, used);
      used = 0;
      return taken;
    },
  };
}
