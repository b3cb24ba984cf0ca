// How each property is run by the engine: its coordinator-side observer (for
// properties that compare states with each other or need the whole graph) and
// how its verdict and counterexample are made once exploration ends.
import type { Action } from '../state/actions.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { Outcome } from '../spec/response.js';
import { availabilityOf } from '../props/availability.js';
import { PROPERTY_KIND, type PropertyName } from '../props/property.js';
import type { EngineResult, FirstFinding, TransitionObserver } from './engine.js';
import { livenessRunner } from './liveness-runner.js';
import type { Model } from './model.js';
import { stepConsistencyCounterexample, stepConsistencyObserver } from './step-consistency.js';
import { extendTrace, lastState, type Trace, type TraceStep } from './trace.js';

export type VerdictStatus = 'holds' | 'violated' | 'inconclusive';

export interface LabeledTrace {
  /** Names the trace among those of one counterexample ("trace", "first", "second", ...). */
  readonly label: string;
  readonly trace: Trace;
  /** A lasso: the step from the last state back to state `index` (0 is the initial state). */
  readonly loop?: { readonly index: number; readonly closing: TraceStep };
  /** What this trace shows, when the counterexample's traces show different things. */
  readonly detail?: string;
}

export interface Counterexample {
  /** One trace, or two for a property that compares two states. */
  readonly traces: readonly LabeledTrace[];
  /** The violating action of a transition property (its step may be disabled), or null. */
  readonly action: { readonly index: number; readonly action: Action; readonly outcome: Outcome | null } | null;
  /** Actions on the longest trace, the violating one included. */
  readonly length: number;
  readonly detail: string;
}

export interface Verdict {
  readonly property: PropertyName;
  readonly kind: 'safety' | 'liveness';
  readonly status: VerdictStatus;
  /** For an inconclusive safety verdict: every state up to this depth was checked. */
  readonly upToDepth?: number;
  readonly counterexample?: Counterexample;
  /** For a property made of sub-properties: the verdict of each (a violated one's trace has its name as label). */
  readonly parts?: readonly PartVerdict[];
  /** Figures the property's own algorithms measured (the size of a stored graph, say). */
  readonly stats?: Readonly<Record<string, number>>;
}

export interface PartVerdict {
  readonly name: string;
  readonly title: string;
  readonly status: VerdictStatus;
  readonly detail?: string;
  /** Actions of its counterexample; for a lasso, the prefix and the cycle (the closing step included). */
  readonly length?: number;
  readonly lasso?: { readonly prefix: number; readonly cycle: number };
}

export interface VerdictTools {
  readonly model: Model;
  readonly engine: EngineResult;
  /**
   * The shortest trace from the initial state to a state; under symmetry
   * reduction, to the image of representative `id` by group element `element`.
   */
  trace(id: number, element?: number): Trace;
}

export interface PropertyRunner {
  readonly observer?: TransitionObserver;
  verdict(tools: VerdictTools): Verdict;
}

/** The counterexample of a finding at a state, or at a transition (the trace then ends with it). */
function findingCounterexample(tools: VerdictTools, finding: FirstFinding): Counterexample {
  const { model } = tools;
  const trace = tools.trace(finding.stateId);
  if (finding.action < 0) return { traces: [{ label: 'trace', trace }], action: null, length: trace.steps.length, detail: finding.detail };
  const action = alphabetOf(model.ctx).actions[finding.action]!;
  return {
    traces: [{ label: 'trace', trace: extendTrace(model, trace, finding.action) }],
    action: { index: finding.action, action, outcome: model.step(model.ctx, lastState(trace), action) },
    length: trace.steps.length + 1,
    detail: finding.detail,
  };
}

/** Safety verdict from the engine's first finding of the property, if any. */
function safetyVerdict(property: PropertyName, tools: VerdictTools, counterexample: (f: FirstFinding) => Counterexample): Verdict {
  const { engine } = tools;
  const finding = engine.findings.get(property);
  const kind = PROPERTY_KIND[property];
  if (finding) return { property, kind, status: 'violated', counterexample: counterexample(finding) };
  if (engine.complete) return { property, kind, status: 'holds' };
  return { property, kind, status: 'inconclusive', upToDepth: engine.checkedDepth };
}

/** Properties decided by local checks alone: the first finding in breadth-first order is the shortest. */
function localRunner(property: PropertyName): PropertyRunner {
  return { verdict: (tools) => safetyVerdict(property, tools, (f) => findingCounterexample(tools, f)) };
}

const RUNNERS: Readonly<Record<PropertyName, (model: Model, reduced: boolean) => PropertyRunner>> = {
  valid: () => localRunner('valid'),
  conformance: () => localRunner('conformance'),
  isolation: (model, reduced) => ({
    observer: stepConsistencyObserver(model.ctx, reduced),
    verdict: (tools) =>
      safetyVerdict('isolation', tools, (f) =>
        f.related === undefined ? findingCounterexample(tools, f) : stepConsistencyCounterexample(tools, f),
      ),
  }),
  transparency: () => localRunner('transparency'),
  availability: (model) => livenessRunner('availability', availabilityOf(model.ctx)),
};

/** `reduced`: under symmetry reduction (analyses then run on every state of an orbit). */
export function runnerFor(model: Model, property: PropertyName, reduced = false): PropertyRunner {
  return RUNNERS[property](model, reduced);
}
