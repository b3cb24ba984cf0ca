// One random walk: from the initial state, take an action drawn uniformly
// among the enabled ones (errors included), `length` times. At every state of
// the walk the local checks of the requested properties run on the state and
// on every action of the alphabet (as a breadth-first expansion does), and the
// step-consistency analysis measures what the coordinator's table of view
// classes needs. Nothing here depends on any other walk.
import type { Fingerprinter } from '../hash/fingerprint.js';
import { StateCodec } from '../state/encoding.js';
import { initialState } from '../state/initial.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Outcome } from '../spec/response.js';
import type { Model } from '../spec/model.js';
import type { LocalAnalysis, LocalCheck, LocalParts, PropertyName } from '../props/property.js';
import { WalkRandom } from './prng.js';

/** The first finding of a property on a walk: at state `step` (0 is the initial state), or at one of its actions. */
export interface WalkFinding {
  readonly property: PropertyName;
  readonly step: number;
  /** -1 for a state finding. */
  readonly action: number;
  readonly detail: string;
}

export interface WalkResult {
  readonly walk: number;
  /** The actions taken, in order (alphabet indices). */
  readonly actions: Uint16Array;
  readonly findings: readonly WalkFinding[];
  /** Two words (fingerprint halves) per state of the walk, the initial state included. */
  readonly fingerprints: Uint32Array;
  /** The step-consistency analysis's words for every state of the walk, when isolation was checked. */
  readonly isolation?: Uint32Array;
  /** Per action: how often it was enabled at a state of the walk, and how often it was taken. */
  readonly coverage: Uint32Array;
}

/** What one walk is asked: its number, its length, and the properties still worth checking. */
export interface WalkRequest {
  readonly seed: number;
  readonly walk: number;
  readonly length: number;
  readonly properties: readonly PropertyName[];
}

export class Walker {
  private readonly actions;
  private readonly codec: StateCodec;
  private readonly outcomes: (Outcome | null)[];
  private readonly enabled: number[] = [];
  /** Every action's index: the actions tried when the model cannot tell the enabled ones. */
  private readonly everyAction: Int32Array;
  /** The findings at the state being checked, before they are put in alphabet order. */
  private readonly stateFindings: WalkFinding[] = [];

  constructor(
    private readonly model: Model,
    private readonly parts: LocalParts,
    private readonly fingerprint: Fingerprinter,
  ) {
    this.actions = alphabetOf(model.ctx).actions;
    this.codec = new StateCodec(model.ctx);
    this.outcomes = new Array<Outcome | null>(this.actions.length).fill(null);
    this.everyAction = Int32Array.from(this.actions.keys());
  }

  walk(request: WalkRequest): WalkResult {
    const { ctx, step } = this.model;
    const { actions, outcomes, enabled } = this;
    const wanted = new Set(request.properties);
    const found = new Map<PropertyName, WalkFinding>();
    const active = <T extends LocalCheck | LocalAnalysis>(parts: readonly T[]) => parts.filter((p) => wanted.has(p.property));
    const stateChecks = active(this.parts.checks).filter((c) => c.state);
    const transitionChecks = active(this.parts.checks).filter((c) => c.transition);
    const disabledChecks = active(this.parts.checks).filter((c) => c.disabled);
    const { enabledActions } = this.model;
    const { everyAction } = this;
    const analyses = active(this.parts.analyses);
    const random = new WalkRandom(request.seed, request.walk);
    const taken = new Uint16Array(request.length);
    const fingerprints = new Uint32Array(2 * (request.length + 1));
    const coverage = new Uint32Array(actions.length * 2);
    const report = (property: PropertyName, stepIndex: number, action: number, detail: string | null) => {
      if (detail !== null && !found.has(property)) found.set(property, { property, step: stepIndex, action, detail });
    };

    let s: State = initialState(ctx);
    let steps = 0;
    for (let j = 0; ; j++) {
      this.fingerprint.hash(this.codec.encode(s));
      fingerprints[2 * j] = this.fingerprint.hi;
      fingerprints[2 * j + 1] = this.fingerprint.lo;
      for (const check of stateChecks) if (!found.has(check.property)) report(check.property, j, -1, check.state!(s));
      enabled.length = 0;
      // Only the enabled actions are tried when the model knows them; the disabled are judged in one call per check.
      const known = enabledActions ? enabledActions(s) : null;
      const tried = known === null ? everyAction : known.indices;
      const first = this.stateFindings;
      first.length = 0;
      // The actions not tried are null for the analyses.
      if (known !== null) outcomes.fill(null);
      for (let i = 0; i < tried.length; i++) {
        const ai = tried[i]!;
        const outcome = step(ctx, s, actions[ai]!);
        outcomes[ai] = outcome;
        for (const check of transitionChecks) {
          const detail = found.has(check.property) ? null : check.transition!(s, actions[ai]!, outcome);
          if (detail !== null) first.push({ property: check.property, step: j, action: ai, detail });
        }
        if (outcome === null) continue;
        enabled.push(ai);
        coverage[2 * ai]++;
      }
      for (const analysis of analyses) analysis.state(s, outcomes);
      if (known !== null) {
        for (const check of disabledChecks) {
          const failed = found.has(check.property) ? null : check.disabled!(s, known.mask);
          if (failed !== null) first.push({ property: check.property, step: j, action: failed.action, detail: failed.detail });
        }
      }
      // In alphabet order, as if every action had been tried in turn: a property's first finding is its lowest action's.
      if (first.length > 1) first.sort((x, y) => x.action - y.action);
      for (const finding of first) report(finding.property, j, finding.action, finding.detail);
      if (j === request.length || enabled.length === 0) break;
      const ai = enabled[random.below(enabled.length)]!;
      taken[j] = ai;
      coverage[2 * ai + 1]++;
      s = outcomes[ai]!.state;
      steps = j + 1;
    }
    // Availability, the only other analysis, is not checked by simulation: isolation's is the only one here.
    const isolation = analyses.find((a) => a.property === 'isolation')?.take();
    return {
      walk: request.walk,
      actions: taken.slice(0, steps),
      findings: [...found.values()],
      fingerprints: fingerprints.slice(0, 2 * (steps + 1)),
      coverage,
      ...(isolation ? { isolation } : {}),
    };
  }
}

/** The actions of walk `walk` up to `steps` of them, without checking anything: the same draws as `Walker.walk`. */
export function walkActions(model: Model, seed: number, walk: number, steps: number): number[] {
  const { ctx, step } = model;
  const actions = alphabetOf(ctx).actions;
  const random = new WalkRandom(seed, walk);
  const taken: number[] = [];
  let s = initialState(ctx);
  while (taken.length < steps) {
    const enabled: { ai: number; outcome: Outcome }[] = [];
    for (let ai = 0; ai < actions.length; ai++) {
      const outcome = step(ctx, s, actions[ai]!);
      if (outcome) enabled.push({ ai, outcome });
    }
    if (enabled.length === 0) break;
    const chosen = enabled[random.below(enabled.length)]!;
    taken.push(chosen.ai);
    s = chosen.outcome.state;
  }
  return taken;
}
