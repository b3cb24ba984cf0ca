// What an OS can tell apart at the end of an isolation or transparency
// counterexample, recomputed from the replayed states with the property's own
// views and erasure: which OS observes the difference, in which components of
// its view, and whether through a response.
import type { Action } from '../../state/actions.js';
import type { State } from '../../state/records.js';
import { alphabetOf } from '../../spec/alphabet.js';
import { formatResponse, sameResponse, type Outcome } from '../../spec/response.js';
import type { Model } from '../../spec/model.js';
import { Erasure } from '../../props/erasure.js';
import { recipientOf } from '../../props/observation.js';
import { switchIndices } from '../../props/isolation.js';
import { viewDifferences, Views, type View } from '../../props/views.js';
import type { Frame } from './replayed.js';

/** Two views of one OS side by side, and the sentences that say how they differ. */
export interface ViewComparison {
  readonly os: number;
  readonly labels: readonly [string, string];
  readonly views: readonly [View, View];
  /** The responses the OS receives, when they differ. */
  readonly responses?: readonly [string, string];
  readonly differences: readonly string[];
}

function actionOf(model: Model, notation: string): Action | undefined {
  const alphabet = alphabetOf(model.ctx);
  const index = alphabet.indexOf(notation);
  return index === undefined ? undefined : alphabet.actions[index];
}

const isSwitchTo = (a: Action, i: number) => a.kind === 'switch' && a.os === i;

/**
 * Step consistency: the states before `notation` in the two runs (the last
 * state of a run where it is disabled), and the OS that sees them alike and
 * tells the runs apart after it.
 */
export function isolationPair(model: Model, first: readonly Frame[], second: readonly Frame[], notation: string): ViewComparison | null {
  const { ctx, step } = model;
  const a = actionOf(model, notation);
  if (!a) return null;
  const views = new Views(ctx);
  // A run ends with the action unless it is disabled there; try that reading first.
  const befores = (frames: readonly Frame[]) => {
    const last = frames.at(-1)!;
    return last.action === notation && frames.length > 1 ? [frames.at(-2)!.state, last.state] : [last.state];
  };
  for (const s of befores(first)) {
    for (const t of befores(second)) {
      for (let i = 0; i < ctx.n; i++) {
        if (Views.key(views.of(i, s)) !== Views.key(views.of(i, t))) continue;
        if (s.active !== i && !isSwitchTo(a, i)) continue;
        const found = separation(i, notation, step(ctx, s, a), step(ctx, t, a), recipientOf(s, a) === i, views);
        if (found) return found;
      }
    }
  }
  return null;
}

function separation(i: number, notation: string, x: Outcome | null, y: Outcome | null, receives: boolean, views: Views): ViewComparison | null {
  const labels = ['first run', 'second run'] as const;
  if (!x || !y) {
    if (x === y) return null;
    const shown = (o: Outcome | null) => (o ? 'enabled' : 'disabled');
    return {
      os: i,
      labels,
      views: [views.of(i, x?.state ?? y!.state), views.of(i, y?.state ?? x!.state)],
      differences: [`${notation} is ${shown(x)} in the first run and ${shown(y)} in the second`],
    };
  }
  const responses = receives && !sameResponse(x.response, y.response) ? ([formatResponse(x.response), formatResponse(y.response)] as const) : undefined;
  const after = [views.of(i, x.state), views.of(i, y.state)] as const;
  const differences = [
    ...(responses ? [`${notation} answers ${responses[0]} in the first run and ${responses[1]} in the second`] : []),
    ...viewDifferences(i, after[0], after[1], ['in the first run', 'in the second']),
  ];
  if (differences.length === 0) return null;
  return { os: i, labels, views: after, ...(responses ? { responses } : {}), differences };
}

/** Locally respects: the OS, not active, whose view the last step of `frames` changed. */
export function isolationStep(model: Model, frames: readonly Frame[]): ViewComparison | null {
  if (frames.length < 2) return null;
  const { ctx } = model;
  const views = new Views(ctx);
  const s = frames.at(-2)!.state;
  const after = frames.at(-1)!;
  const a = actionOf(model, after.action!);
  for (let i = 0; i < ctx.n; i++) {
    if (i === s.active || (a && isSwitchTo(a, i)) || views.same(i, s, after.state)) continue;
    const pair = [views.of(i, s), views.of(i, after.state)] as const;
    return { os: i, labels: ['before', 'after'], views: pair, differences: viewDifferences(i, pair[0], pair[1], ['before', 'after']) };
  }
  return null;
}

/** Transparency at the last step: the OS for which the platform and the platform it runs alone on part ways. */
export interface TransparencyFinding extends ViewComparison {
  /** erase_i of every state of the trace. */
  readonly erased: readonly State[];
  /** When the OS was active: the action it takes alone and its outcome from erase_i of the state before (null: disabled). */
  readonly alone?: { readonly action: string; readonly outcome: Outcome | null };
}

export function transparencyFinding(model: Model, frames: readonly Frame[]): TransparencyFinding | null {
  if (frames.length < 2) return null;
  const { ctx, step } = model;
  const views = new Views(ctx);
  const erasure = new Erasure(ctx);
  const actions = alphabetOf(ctx).actions;
  const s = frames.at(-2)!.state;
  const last = frames.at(-1)!;
  const after = last.state;
  const a = actionOf(model, last.action!);
  if (!a) return null;
  for (let i = 0; i < ctx.n; i++) {
    const erased = frames.map((f) => erasure.erase(i, f.state));
    if (s.active !== i) {
      if (views.sameAlone(i, s, after)) continue;
      const pair = [views.alone(i, s), views.alone(i, after)] as const;
      return { os: i, labels: ['before', 'after'], views: pair, erased, differences: viewDifferences(i, pair[0], pair[1], ['before', 'after']) };
    }
    const aloneAction = a.kind === 'switch' ? actions[switchIndices(ctx)[i]!]! : a;
    const notation = a.kind === 'switch' ? `switch(${i})` : last.action!;
    const single = step(ctx, erased.at(-2)!, aloneAction);
    const alone = { action: notation, outcome: single };
    const labels = ['on the platform', 'alone'] as const;
    if (!single) {
      return { os: i, labels, views: [views.alone(i, after), views.alone(i, after)], erased, alone, differences: [`alone, ${notation} is disabled, but the platform takes ${last.action}`] };
    }
    const pair = [views.alone(i, after), views.alone(i, single.state)] as const;
    const responses = formatResponse(single.response) === last.response ? undefined : ([last.response!, formatResponse(single.response)] as const);
    const differences = [
      ...(responses ? [`${last.action} answers ${responses[0]} on the platform and ${responses[1]} alone`] : []),
      ...viewDifferences(i, pair[0], pair[1], ['on the platform', 'alone']),
    ];
    if (differences.length === 0) continue;
    return { os: i, labels, views: pair, erased, alone, ...(responses ? { responses } : {}), differences };
  }
  return null;
}
