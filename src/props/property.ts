// The properties virtcheck checks, and the shape of their local part: what is
// decided at one state or one transition, where states are expanded.
import type { Action } from '../state/actions.js';
import type { State } from '../state/records.js';
import type { Outcome } from '../spec/response.js';

export const PROPERTY_NAMES = ['valid', 'conformance', 'isolation', 'transparency', 'availability'] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];

export const PROPERTY_KIND: Readonly<Record<PropertyName, 'safety' | 'liveness'>> = {
  valid: 'safety',
  conformance: 'safety',
  isolation: 'safety',
  transparency: 'safety',
  availability: 'liveness',
};

/** A check decided at one state or one transition; each returns a finding or null. */
export interface LocalCheck {
  readonly property: PropertyName;
  state?(s: State): string | null;
  /** Called for every action of the alphabet; `outcome` is null when it is disabled. */
  transition?(s: State, a: Action, outcome: Outcome | null): string | null;
}

/**
 * Numbers a property computes at every expanded state, for its part that
 * compares states with each other (run by the engine's coordinator, which
 * receives them with the batch).
 */
export interface LocalAnalysis {
  readonly property: PropertyName;
  /** Called once per expanded state with the outcome of every action of the alphabet (null: disabled). */
  state(s: State, outcomes: readonly (Outcome | null)[]): void;
  /** The data of the states seen since the last call, in order (transferable). */
  take(): Uint32Array;
}

/** What a property runs where states are expanded (in a worker thread or not). */
export interface LocalParts {
  readonly checks: readonly LocalCheck[];
  readonly analyses: readonly LocalAnalysis[];
}

/** The properties `check` runs when none are named. */
export const DEFAULT_PROPERTIES: readonly PropertyName[] = PROPERTY_NAMES;
