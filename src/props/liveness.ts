// The shape of a liveness property, declared over the explored transition
// graph: each state carries one 32-bit word of facts (what the property's
// local analysis recorded there), state sets are predicates over those facts,
// and fairness speaks of action classes. The engine owns the algorithms that
// decide these conditions (backward reachability, fair strongly connected
// components).

/** A set of states, given by a predicate over the facts recorded for each state. */
export type StatePredicate = (facts: number) => boolean;

/** The classes fairness is stated over: taking an action at a state falls in exactly one class. */
export interface ActionClasses {
  /** Classes are numbered 0 .. count-1. */
  readonly count: number;
  /** The class of taking the action with alphabet index `action` at a state with these facts. */
  classOf(action: number, facts: number): number;
  /**
   * The class a symmetry maps class `cls` to: OS i becomes OS os[i], action
   * a becomes actions[a] (the quotient analysis under symmetry reduction).
   */
  image(cls: number, os: readonly number[], actions: ArrayLike<number>): number;
}

/** Per class, 1 where the class is weakly (strongly) fair. */
export interface Fairness {
  readonly weak: Uint8Array;
  readonly strong: Uint8Array;
}

/** Holds when, from every reachable state, a state of `target` is reachable. */
export interface AlwaysReachable {
  readonly kind: 'always-reachable';
  readonly target: StatePredicate;
  /** What a counterexample shows, e.g. "OS 1 can never be active and running again". */
  readonly violation: string;
}

/**
 * Holds when no path that is fair (under `fairness`) eventually stays in
 * `within` for ever while visiting `visiting` infinitely often (every state
 * when absent). A counterexample is a lasso whose cycle lies in `within`.
 */
export interface NoFairCycle {
  readonly kind: 'no-fair-cycle';
  readonly within: StatePredicate;
  readonly visiting?: StatePredicate;
  readonly fairness: Fairness;
  readonly violation: string;
}

export type LivenessCondition = AlwaysReachable | NoFairCycle;

/** A sub-property: holds when every one of its conditions holds (one per OS, say). */
export interface LivenessPart {
  /** A file-name-safe name, e.g. "no-lock-out". */
  readonly name: string;
  /** How the documentation names it, e.g. "no lock-out". */
  readonly title: string;
  readonly conditions: readonly LivenessCondition[];
  /**
   * Under symmetry: true when condition i is about OS i, so that renaming the
   * OSes by a symmetry sends condition i to condition os[i] (the quotient
   * analysis follows the OS through the permutations); false when each
   * condition is invariant under the group.
   */
  readonly perOs: boolean;
}

export interface LivenessProperty {
  readonly classes: ActionClasses;
  readonly parts: readonly LivenessPart[];
  /** The facts of the image of a state under a symmetry that sends OS i to OS os[i]. */
  permuteFacts(facts: number, os: readonly number[]): number;
}
