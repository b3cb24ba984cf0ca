// Is a shrunk counterexample of L actions the shortest? A breadth-first check
// of the same property bounded to depth L - 1 answers it: the check finds the
// shortest counterexample within the bound (breadth-first order), so either it
// finds none shorter than L (proved minimal), or it finds a shorter one, which
// then replaces the shrunk trace. A check cut by its state budget before the
// bound proves nothing beyond the depth it completed, and is reported so.
import type { EngineResult, Limits } from '../engine/engine.js';
import type { PropertyName } from '../props/property.js';
import type { Counterexample, Verdict } from '../props/verdict.js';

/** What the minimality search needs of a check's result. */
export interface BoundedCheckResult {
  readonly verdicts: readonly Verdict[];
  readonly engine: EngineResult;
}

/** Runs `check` on the simulated model: one property, with limits. */
export type BoundedCheck = (property: PropertyName, limits: Limits) => Promise<BoundedCheckResult>;

export type Minimality =
  /** No counterexample shorter than the one found: every state to depth `depth` (= L - 1) was checked. */
  | { readonly status: 'proved'; readonly depth: number; readonly states: number }
  /** The bounded check found a shorter counterexample, the shortest there is (breadth-first). */
  | { readonly status: 'shorter'; readonly depth: number; readonly states: number; readonly shrunkLength: number; readonly counterexample: Counterexample }
  /** The bounded check stopped at its budget: no counterexample up to length `depth` only. */
  | { readonly status: 'not-proved'; readonly depth: number; readonly states: number; readonly reason: string };

/** Breadth-first search to depth `length - 1` with at most `maxStates` states. */
export async function proveMinimal(check: BoundedCheck, property: PropertyName, length: number, maxStates: number): Promise<Minimality> {
  // A counterexample at the initial state is as short as any.
  if (length === 0) return { status: 'proved', depth: -1, states: 0 };
  const result = await check(property, { maxDepth: length - 1, maxStates });
  const { engine } = result;
  const verdict = result.verdicts.find((v) => v.property === property)!;
  const bounded = engine.stoppedBy === null || engine.stoppedBy === 'depth' || engine.stoppedBy === 'violation';
  const states = engine.store.size;
  const c = verdict.status === 'violated' ? verdict.counterexample : undefined;
  if (c && c.length < length) {
    // Breadth-first, a counterexample found before any level was left unchecked is the shortest.
    if (bounded || c.length <= engine.checkedDepth + 1) return { status: 'shorter', depth: length - 1, states, shrunkLength: length, counterexample: c };
    return { status: 'not-proved', depth: engine.checkedDepth, states, reason: `a shorter counterexample (${c.length} actions) was found, but the search stopped (${engine.stoppedBy}) before proving it shortest` };
  }
  if (bounded) return { status: 'proved', depth: length - 1, states };
  return { status: 'not-proved', depth: engine.checkedDepth, states, reason: `the search to depth ${length - 1} stopped (${engine.stoppedBy}) after depth ${engine.checkedDepth}` };
}
