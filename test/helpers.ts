// Shared helpers for the tests: contexts from partial configurations, actions
// by notation, scripted runs and a seeded random generator.
import assert from 'node:assert/strict';
import { parseConfig, type Config } from '../src/state/config.js';
import { makeContext, type Context } from '../src/state/context.js';
import { initialState } from '../src/state/initial.js';
import type { State } from '../src/state/records.js';
import type { Action } from '../src/state/actions.js';
import { alphabetOf } from '../src/spec/alphabet.js';
import { step } from '../src/spec/step.js';
import { StateCodec } from '../src/state/encoding.js';
import { check, type CheckResult, type Counterexample, type Verdict } from '../src/check/check.js';
import type { Limits } from '../src/engine/engine.js';
import { modelOf, type Model } from '../src/spec/model.js';
import type { PropertyName } from '../src/props/property.js';
import type { Outcome, StepFunction } from '../src/spec/response.js';

/** Every boolean design knob at its non-default value, scrubbing aside. */
export const NON_DEFAULT_KNOBS = {
  flushCacheOnSwitch: false,
  flushTlbOnSwitch: false,
  flushOnLswitch: false,
  invalidateOnUnmap: false,
  consumeFailedHypercall: false,
  switchWithPendingHypercall: true,
} as const;

/** A context from a partial configuration; two untrusted OSes unless `oses` is given. */
/** A configuration of two untrusted OSes, with `partial` over the defaults. */
export function configOf(partial: Record<string, unknown> = {}): Config {
  return parseConfig({ oses: [{ trusted: false }, { trusted: false }], ...partial });
}

export function contextOf(partial: Record<string, unknown> = {}): Context {
  return makeContext(configOf(partial));
}

export function action(ctx: Context, notation: string): Action {
  const index = alphabetOf(ctx).indexOf(notation);
  assert.ok(index !== undefined, `${notation} is not in the alphabet`);
  return alphabetOf(ctx).actions[index]!;
}

/** Takes `notation` from `s`; it must be enabled. */
export function take(ctx: Context, s: State, notation: string, stepFn: StepFunction = step): Outcome {
  const outcome = stepFn(ctx, s, action(ctx, notation));
  assert.ok(outcome, `${notation} is disabled`);
  return outcome;
}

/** Runs a script of actions from `from` (the initial state by default); each must answer ok. */
export function run(ctx: Context, script: readonly string[], from: State = initialState(ctx)): State {
  let s = from;
  for (const notation of script) {
    const outcome = take(ctx, s, notation);
    assert.notEqual(outcome.response.kind, 'err', `${notation} failed: ${JSON.stringify(outcome.response)}`);
    s = outcome.state;
  }
  return s;
}

/** The script an untrusted OS uses to have a privileged operation served. */
export function served(op: string): string[] {
  return [`hcall(${op})`, op, 'chmod'];
}

/** mulberry32: a small seeded generator, so that random walks are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every reachable state under `stepFn`, by a plain breadth-first search keyed
 * by canonical bytes (independent of the checker's engine). Throws past `limit`.
 */
export function reachableStates(ctx: Context, limit = 200_000, stepFn: StepFunction = step): State[] {
  const codec = new StateCodec(ctx);
  const key = (s: State) => Buffer.from(codec.encode(s)).toString('latin1');
  const start = initialState(ctx);
  const seen = new Set([key(start)]);
  const states = [start];
  const actions = alphabetOf(ctx).actions;
  for (let i = 0; i < states.length; i++) {
    for (const a of actions) {
      const outcome = stepFn(ctx, states[i]!, a);
      if (!outcome) continue;
      const k = key(outcome.state);
      if (seen.has(k)) continue;
      seen.add(k);
      states.push(outcome.state);
      if (states.length > limit) throw new Error(`more than ${limit} reachable states`);
    }
  }
  return states;
}

/** Reachable states with their breadth-first depth, by plain search (independent of the engine). */
export function statesByDepth(ctx: Context, stepFn: StepFunction = step): { state: State; depth: number }[] {
  const codec = new StateCodec(ctx);
  const key = (s: State) => Buffer.from(codec.encode(s)).toString('latin1');
  const found = [{ state: initialState(ctx), depth: 0 }];
  const seen = new Set([key(found[0]!.state)]);
  for (let i = 0; i < found.length; i++) {
    const { state, depth } = found[i]!;
    for (const a of alphabetOf(ctx).actions) {
      const next = stepFn(ctx, state, a)?.state;
      if (!next || seen.has(key(next))) continue;
      seen.add(key(next));
      found.push({ state: next, depth: depth + 1 });
    }
  }
  return found;
}

/** Runs the checker in this thread. */
export async function checkWith(
  config: Record<string, unknown>,
  properties: readonly PropertyName[],
  options: { step?: StepFunction; limits?: Limits; symmetry?: boolean; cycleSearchBytes?: number } = {},
): Promise<CheckResult & { model: Model }> {
  const model = modelOf(configOf(config), { step: options.step });
  const { limits, symmetry, cycleSearchBytes } = options;
  return { model, ...(await check(model, { properties, limits, symmetry, cycleSearchBytes })) };
}

/**
 * A result JSON without what legitimately differs between two runs of the same
 * check: the run's parameters (start time, worker threads), durations (keys
 * ending in Ms), speed and memory.
 */
export function withoutTimings(json: object): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const kept = Object.entries(value).filter(([key]) => !/Ms$/.test(key) && !['run', 'statesPerSecond', 'memory'].includes(key));
    return Object.fromEntries(kept.map(([key, v]) => [key, strip(v)]));
  };
  return strip(json);
}

/** The counterexample of a verdict that must be violated (the test fails otherwise). */
export function counterexampleIn(verdict: Verdict): Counterexample {
  if (verdict.status !== 'violated') assert.fail(`${verdict.property} is ${verdict.status}, not violated`);
  return verdict.counterexample;
}

/** The depth an inconclusive verdict checked up to (undefined for the others). */
export function upToDepthOf(verdict: Verdict): number | undefined {
  return verdict.status === 'inconclusive' ? verdict.upToDepth : undefined;
}
