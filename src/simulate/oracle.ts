// What shrinking asks of a candidate trace: does it replay (every action
// enabled), and where does it first violate the property? The checks are the
// property's own local parts, run at every state of the trace on the state
// and on every action of the alphabet, as a walk or a breadth-first expansion
// runs them; a step-consistency pair is judged by the same analysis words the
// view-class table compares.
import type { Fingerprinter } from '../hash/fingerprint.js';
import { initialState } from '../state/initial.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Outcome } from '../spec/response.js';
import type { Model } from '../spec/model.js';
import type { Trace, TraceStep } from '../spec/trace.js';
import { localPartsFor } from '../props/registry.js';
import { STEP_CONSISTENCY_WORDS, WORD, switchIndices } from '../props/isolation.js';
import type { LocalAnalysis, LocalCheck, PropertyName } from '../props/property.js';

/** The first violation on a trace: at state `step` (its actions are the trace's first `step`), or at its action `action`. */
export interface TraceViolation {
  readonly step: number;
  /** -1 for a state finding. */
  readonly action: number;
  readonly detail: string;
  /** Actions of the counterexample: `step`, plus one for a transition finding. */
  readonly length: number;
}

/** The states `actions` lead through from the initial state, or null if one of them is disabled. */
export function replayActions(model: Model, actions: readonly number[]): Trace | null {
  const { ctx, step } = model;
  const alphabet = alphabetOf(ctx).actions;
  const initial = initialState(ctx);
  const steps: TraceStep[] = [];
  let s = initial;
  for (const actionIndex of actions) {
    const action = alphabet[actionIndex]!;
    const outcome = step(ctx, s, action);
    if (!outcome) return null;
    steps.push({ actionIndex, action, response: outcome.response, state: outcome.state });
    s = outcome.state;
  }
  return { initial, steps };
}

export class TraceOracle {
  private readonly checks: readonly LocalCheck[];
  private readonly actions;

  constructor(
    private readonly model: Model,
    property: PropertyName,
    fingerprint: Fingerprinter,
  ) {
    this.checks = localPartsFor({ ...model, fingerprint }, [property]).checks;
    this.actions = alphabetOf(model.ctx).actions;
  }

  /** Replays `actions` and returns the first violation of no more than `maxLength` actions, or null. */
  firstViolation(actions: readonly number[], maxLength = Infinity): TraceViolation | null {
    const { ctx, step } = this.model;
    let s = initialState(ctx);
    for (let j = 0; j <= actions.length && j <= maxLength; j++) {
      const found = this.violationAt(s, j, maxLength);
      if (found) return found;
      if (j === actions.length) break;
      const outcome = step(ctx, s, this.actions[actions[j]!]!);
      if (!outcome) return null;
      s = outcome.state;
    }
    return null;
  }

  private violationAt(s: State, j: number, maxLength: number): TraceViolation | null {
    const { ctx, step } = this.model;
    for (const check of this.checks) {
      const detail = check.state?.(s) ?? null;
      if (detail !== null) return { step: j, action: -1, detail, length: j };
    }
    if (j + 1 > maxLength) return null;
    for (let ai = 0; ai < this.actions.length; ai++) {
      const a = this.actions[ai]!;
      let outcome: Outcome | null | undefined;
      for (const check of this.checks) {
        if (!check.transition) continue;
        outcome ??= step(ctx, s, a);
        const detail = check.transition(s, a, outcome);
        if (detail !== null) return { step: j, action: ai, detail, length: j + 1 };
      }
    }
    return null;
  }
}

/** OS `os` cannot tell the two states apart; `action` separates them (-1: some action of the active OS). */
export interface PairConflict {
  readonly os: number;
  readonly action: number;
}

export class PairOracle {
  private readonly analysis: LocalAnalysis;
  private readonly actions;
  private readonly switches: number[];

  constructor(
    private readonly model: Model,
    fingerprint: Fingerprinter,
  ) {
    this.analysis = localPartsFor({ ...model, fingerprint }, ['isolation']).analyses[0]!;
    this.actions = alphabetOf(model.ctx).actions;
    this.switches = switchIndices(model.ctx);
  }

  /** Whether the last states of two traces make a step-consistency violation, as the view-class table judges it. */
  conflict(first: Trace, second: Trace): PairConflict | null {
    const x = this.words(first.steps.at(-1)?.state ?? first.initial);
    const y = this.words(second.steps.at(-1)?.state ?? second.initial);
    for (let i = 0; i < this.model.ctx.n; i++) {
      const at = i * STEP_CONSISTENCY_WORDS;
      const same = (word: number) => x[at + word] === y[at + word];
      if (!same(WORD.viewHi) || !same(WORD.viewLo)) continue;
      if (!same(WORD.observedHi) || !same(WORD.observedLo)) return { os: i, action: -1 };
      const bothSwitch = x[at + WORD.switchEnabled] === 1 && y[at + WORD.switchEnabled] === 1;
      if (bothSwitch && (!same(WORD.switchHi) || !same(WORD.switchLo))) return { os: i, action: this.switches[i]! };
    }
    return null;
  }

  private words(s: State): Uint32Array {
    const { ctx, step } = this.model;
    this.analysis.state(s, this.actions.map((a) => step(ctx, s, a)));
    return this.analysis.take();
  }
}
