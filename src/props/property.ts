// The properties virtcheck checks, and the one interface a property
// implements: what it is, what it runs where states are expanded, what the
// coordinator does with its facts, how its counterexample is built, and how it
// behaves under symmetry reduction. The registry (registry.ts) lists them.
import type { Action } from '../state/actions.js';
import type { Context } from '../state/context.js';
import type { State } from '../state/records.js';
import type { AxiomaticSpec } from '../spec/axiomatic.js';
import type { Outcome, StepFunction } from '../spec/response.js';
import type { Fingerprinter } from '../hash/fingerprint.js';
import type { FirstFinding, TransitionObserver } from './coordinator.js';
import type { LivenessProperty } from './liveness.js';
import type { Counterexample, VerdictTools } from './verdict.js';
import type { Views } from './views.js';
import type { Renaming } from './renaming.js';
import type { OsPermutation, SymmetryElement } from '../hash/symmetry-group.js';

import type { PropertyName } from './names.js';

export { DEFAULT_PROPERTIES, PROPERTY_NAMES, type PropertyName } from './names.js';

/** A check decided at one state or one transition; each returns a finding or null. */
export interface LocalCheck {
  readonly property: PropertyName;
  state?(s: State): string | null;
  /** Called for every action of the alphabet (`outcome` null when disabled), or for the enabled ones only where the engine knows them. */
  transition?(s: State, a: Action, outcome: Outcome | null): string | null;
  /**
   * What `transition` finds of the disabled actions of `s` (0 in `enabled`, a
   * mask over the alphabet), judged in one call: the first that fails, in
   * alphabet order. A check that judges disabled actions has it; without it,
   * `transition` finds nothing wrong with a disabled action, and the engine,
   * when it knows a state's enabled actions, asks of those only.
   */
  disabled?(s: State, enabled: Uint8Array): { readonly action: number; readonly detail: string } | null;
}

/**
 * Numbers a property computes at every expanded state, for its part that
 * compares states with each other (run by the engine's coordinator, which
 * receives them with the batch).
 */
export interface LocalAnalysis {
  readonly property: PropertyName;
  /**
   * Called once per expanded state with the outcome of every action of the
   * alphabet (null: disabled) and, if `wantsElements`, under symmetry
   * reduction, for each action whose successor is not `s` itself, the group
   * element the expander found to take the successor to its representative.
   */
  state(s: State, outcomes: readonly (Outcome | null)[], elements?: readonly (SymmetryElement | null)[]): void;
  readonly wantsElements?: boolean;
  /**
   * What `state` would record for the image g·s of `s`, given the outcomes
   * from `s`, for the OSes `oses` only: required of the analysis of a
   * property reduced `on-orbit-images`, which is run on every image of each
   * representative without building any (src/props/orbit-images.ts). Its
   * measurements per OS are invariant under the group (those of OS g(i) in
   * g·t are those of OS i in t), so that one OS of each orbit of the group
   * stands for the others: `oses` lists those.
   */
  image?(s: State, outcomes: readonly (Outcome | null)[], g: Renaming, oses: readonly number[]): void;
  /** The data of the states seen since the last call, in order (transferable). */
  take(): Uint32Array;
}

/** What a property runs where states are expanded (in a worker thread or not). */
export interface LocalParts {
  readonly checks: readonly LocalCheck[];
  readonly analyses: readonly LocalAnalysis[];
}

/** What local parts are built from, in the thread that expands states. */
export interface LocalEnv {
  readonly ctx: Context;
  readonly step: StepFunction;
  /** What conformance compares `step` with, when not the axiomatic specification itself. */
  readonly axiomatic?: AxiomaticSpec;
  readonly fingerprint: Fingerprinter;
  /** The views of the context, one for the properties that observe them. */
  readonly views: Views;
}

/**
 * How a property behaves under symmetry reduction (docs/checker.md). `sound`:
 * the property is decided state by state or transition by transition and is
 * invariant under the group, so checking representatives decides it;
 * `on-orbit-images`: its local analysis must see every state of each orbit
 * (the engine runs it on the images of each representative, through its
 * `image`, and reruns the check under the stabiliser of the initial state
 * where it is violated, for a shortest counterexample); `quotient`: decided on
 * the quotient graph, each transition labelled with the group element it takes
 * (src/props/quotient-labels.ts records the elements the expander found); `unsound`:
 * the reduction is not implemented for it (say why), and asking for it leaves
 * the run unreduced.
 */
export type SymmetryDeclaration = { readonly reduction: 'sound' | 'on-orbit-images' | 'quotient' | 'unsound'; readonly why: string };

interface PropertyBase {
  readonly name: PropertyName;
  /** Required: a property that does not say how it behaves under symmetry does not compile. */
  readonly symmetry: SymmetryDeclaration;
  /** What it runs at each expanded state, built from the context alone (worker threads build it too). */
  local(env: LocalEnv): { readonly checks?: readonly LocalCheck[]; readonly analyses?: readonly LocalAnalysis[] };
}

/** Decided state by state or transition by transition: the first finding in breadth-first order is the shortest. */
export interface SafetyProperty extends PropertyBase {
  readonly kind: 'safety';
  /** The counterexample of the property's first finding. */
  counterexample(tools: VerdictTools, finding: FirstFinding): Counterexample;
}

/** Compares states with each other: its coordinator part sees every batch and may report a finding. */
export interface TwoSafetyProperty extends PropertyBase {
  readonly kind: '2-safety';
  /**
   * `symmetry`: under symmetry reduction, the OS part of the group (the
   * analyses declared `on-orbit-images` then measure every state of each
   * orbit, for one OS of each orbit of the group's OS permutations).
   */
  coordinator(ctx: Context, symmetry?: readonly OsPermutation[]): TransitionObserver;
  counterexample(tools: VerdictTools, finding: FirstFinding): Counterexample;
}

/**
 * Decided on the whole transition graph once exploration ends: its local
 * analysis records one word of facts per state, and its declaration states
 * the conditions over them that the liveness algorithms decide.
 */
export interface GraphProperty extends PropertyBase {
  readonly kind: 'liveness';
  declaration(ctx: Context): LivenessProperty;
}

export type Property = SafetyProperty | TwoSafetyProperty | GraphProperty;

/** The kind a verdict reports: a 2-safety property is a safety property. */
export function verdictKind(property: Property): 'safety' | 'liveness' {
  return property.kind === 'liveness' ? 'liveness' : 'safety';
}
