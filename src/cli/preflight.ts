// Before a check: a short breadth-first sample (as `estimate` takes) whose
// extrapolation says whether the configuration's visited set alone would
// outgrow the memory limit, so that such a run is announced, not discovered
// minutes and gigabytes later. The sample is unreduced (choosing the symmetry
// subgroup is a search of its own); a reduced run's orbits are counted as the
// states divided by the whole group's order, the most it could save, so that
// the warning stays one of certainty.
import { check } from '../check/check.js';
import { estimateFromRun } from '../check/estimate.js';
import type { Model } from '../spec/model.js';
import { groupOrder } from '../hash/symmetry-group.js';
import { StateStore } from '../hash/state-store.js';
import type { PropertyName } from '../props/property.js';
import { formatBytes, roughCount } from '../report/units.js';

/** The sample: this many states at most, or this long. */
export const SAMPLE_STATES = 5_000;
export const SAMPLE_MS = 300;

export interface PreflightOptions {
  readonly properties: readonly PropertyName[];
  readonly symmetry: boolean;
  readonly memoryLimitBytes: number;
  /** The run spills its visited set and queue to disk past a budget (src/engine/disk). */
  readonly spills?: boolean;
  readonly interrupted?: () => boolean;
}

/** A warning when the sample's extrapolation puts even the low end of the visited set beyond the limit; null otherwise. */
export async function preflightWarning(model: Model, options: PreflightOptions): Promise<string | null> {
  const { engine } = await check(model, { properties: [], limits: { maxStates: SAMPLE_STATES, timeLimitMs: SAMPLE_MS }, interrupted: options.interrupted });
  const estimate = estimateFromRun(engine);
  if (estimate.kind !== 'extrapolated') return null;
  const order = groupOrder(model.ctx);
  const mostSaved = options.symmetry ? order.osPermutations * order.valuePermutations : 1;
  const visitedSet = StateStore.bytesFor(Math.ceil(estimate.low / mostSaved));
  if (visitedSet <= options.memoryLimitBytes) return null;
  return (
    `this configuration likely has ${roughCount(estimate.low)} to ${roughCount(estimate.high)} states ` +
    `(extrapolated from a sample of ${roughCount(engine.store.size)}); its visited set alone would take at least ${formatBytes(visitedSet)}, ` +
    `beyond the memory limit of ${formatBytes(options.memoryLimitBytes)}: ` +
    (options.spills ? 'the run will spill it to disk, and go slower' : 'the run will stop at the limit') +
    ' (`virtcheck estimate` tells more)'
  );
}
