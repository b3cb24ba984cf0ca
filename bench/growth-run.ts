// One run of the growth benchmark, in a process of its own so that its peak
// memory is its own: reads a configuration and options as JSON from argv,
// prints the figures as JSON.
//   node dist/bench/growth-run.js '{"config": {...}, "symmetry": true, "timeLimitMs": 90000}'
import { modelOf } from '../src/spec/model.js';
import { parseConfig } from '../src/state/config.js';
import { check } from '../src/check/check.js';

export interface GrowthRunInput {
  readonly config: Record<string, unknown>;
  readonly symmetry: boolean;
  readonly timeLimitMs: number;
}

export interface GrowthRunOutput {
  readonly complete: boolean;
  readonly stoppedBy: string | null;
  /** Distinct states (orbits under symmetry reduction); null when a limit stopped the run. */
  readonly distinctStates: number | null;
  /** States stored when the run ended: all of them, or a lower bound when it was stopped. */
  readonly exploredStates: number;
  readonly transitions: number | null;
  readonly diameter: number | null;
  readonly seconds: number;
  readonly storeBytes: number;
  readonly peakRssBytes: number;
  readonly symmetryApplied: boolean;
}

const input = JSON.parse(process.argv[2]!) as GrowthRunInput;
const model = modelOf(parseConfig(input.config, 'growth'));
const { engine, symmetry } = await check(model, {
  properties: ['valid'],
  symmetry: input.symmetry,
  limits: { timeLimitMs: input.timeLimitMs },
});
const output: GrowthRunOutput = {
  complete: engine.complete,
  stoppedBy: engine.stoppedBy,
  distinctStates: engine.complete ? engine.store.size : null,
  exploredStates: engine.store.size,
  transitions: engine.complete ? engine.transitions : null,
  diameter: engine.complete ? engine.levels.length - 1 : null,
  seconds: Number((engine.elapsedMs / 1000).toFixed(2)),
  storeBytes: engine.store.bytes,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  symmetryApplied: symmetry.applied,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
