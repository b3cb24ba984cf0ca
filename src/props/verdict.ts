// A property's verdict and counterexample, and what a property is given to
// build them once exploration ends.
import type { Action } from '../state/actions.js';
import type { Outcome } from '../spec/response.js';
import type { Model } from '../spec/model.js';
import type { Trace, TraceStep } from '../spec/trace.js';
import type { FirstFinding } from './coordinator.js';
import type { PropertyName } from './names.js';

/** What exploration established, as a verdict needs it. */
export interface ExplorationFacts {
  /** True when every reachable state was explored. */
  readonly complete: boolean;
  /** Every state up to this depth was checked. */
  readonly checkedDepth: number;
  /** Distinct states explored. */
  readonly stateCount: number;
  /** The first finding of each property, by name. */
  readonly findings: ReadonlyMap<string, FirstFinding>;
}

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

interface VerdictCommon {
  readonly property: PropertyName;
  readonly kind: 'safety' | 'liveness';
  /** For a property made of sub-properties: the verdict of each (a violated one's trace has its name as label). */
  readonly parts?: readonly PartVerdict[];
  /** Figures the property's own algorithms measured (the size of a stored graph, say). */
  readonly stats?: Readonly<Record<string, number>>;
}

/** Every reachable state within the bound was explored, and none violates the property. */
export interface Holds extends VerdictCommon {
  readonly status: 'holds';
}

export interface Violated extends VerdictCommon {
  readonly status: 'violated';
  readonly counterexample: Counterexample;
}

/** The run stopped before the fixpoint, or before its analysis ended, with no violation found. */
export interface Inconclusive extends VerdictCommon {
  readonly status: 'inconclusive';
  /** For a safety property: every state up to this depth was checked. */
  readonly upToDepth?: number;
  /** For a property analysed once exploration is complete: what stopped its analysis. */
  readonly analysisStoppedBy?: ExternalStop;
}

/** A stop asked for from outside the run: Ctrl-C or SIGTERM, or the memory limit. */
export type ExternalStop = 'interrupted' | 'memory-limit';

/** A verdict, by outcome: only a violated one has a counterexample. */
export type Verdict = Holds | Violated | Inconclusive;

export interface PartVerdict {
  readonly name: string;
  readonly title: string;
  readonly status: VerdictStatus;
  readonly detail?: string;
  /** Actions of its counterexample; for a lasso, the prefix and the cycle (the closing step included). */
  readonly length?: number;
  readonly lasso?: {
    readonly prefix: number;
    readonly cycle: number;
    /** Whether no fair cycle from the prefix's last state back to it is shorter. */
    readonly cycleMinimal: boolean;
    /** No such fair cycle has fewer steps (`cycle` when minimal). */
    readonly cycleAtLeast: number;
  };
}

export interface VerdictTools {
  readonly model: Model;
  readonly engine: ExplorationFacts;
  /**
   * The shortest trace from the initial state to a state; under symmetry
   * reduction, to the image of representative `id` by group element `element`.
   */
  trace(id: number, element?: number): Trace;
  /** Whether the run is asked to stop, polled by long analyses. */
  stopRequested(): ExternalStop | null;
}

/** What turns a finding into a counterexample: the model, and a trace to each state the finding names. */
export type TraceTools = Pick<VerdictTools, 'model' | 'trace'>;


/** The counterexample of a violated verdict; none for the others. */
export function counterexampleOf(verdict: Verdict): Counterexample | undefined {
  return verdict.status === 'violated' ? verdict.counterexample : undefined;
}
