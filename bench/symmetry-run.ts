// One run of the symmetry benchmark, in a process of its own so that its peak
// memory is its own: reads a configuration (file or object), properties and
// whether to reduce as JSON from argv, prints the figures as JSON.
//   node dist/bench/symmetry-run.js '{"file": "configs/default.json", "properties": ["valid"], "symmetry": true}'
import { loadConfig } from '../src/cli/load.js';
import { parseConfig } from '../src/state/config.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/check/check.js';
import { verdictsText } from './symmetry-configs.js';
import type { PropertyName } from '../src/props/property.js';

export interface SymmetryRunInput {
  readonly file?: string;
  readonly config?: Record<string, unknown>;
  readonly properties: readonly PropertyName[];
  readonly symmetry: boolean;
}

export interface SymmetryRunOutput {
  /** Each verdict with its counterexample's length, and each violated part's (verdictsText). */
  readonly verdicts: string;
  readonly applied: boolean;
  readonly reason: string | null;
  readonly group: string | null;
  /** Reachable states (from the orbits under reduction). */
  readonly states: number;
  /** States stored: orbits under reduction. */
  readonly stored: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
}

const input = JSON.parse(process.argv[2]!) as SymmetryRunInput;
const config = input.file ? loadConfig(input.file) : parseConfig(input.config!, 'bench');
const model = { ctx: makeContext(config), step };
const started = Date.now();
const { engine, symmetry, verdicts } = await check(model, { properties: input.properties, symmetry: input.symmetry, limits: { exhaustive: true } });
const seconds = (Date.now() - started) / 1000;
const output: SymmetryRunOutput = {
  verdicts: verdictsText(verdicts),
  applied: symmetry.applied,
  reason: symmetry.reason ?? null,
  group: symmetry.group ? `${symmetry.group.osPermutations} x ${symmetry.group.valuePermutations} (${symmetry.group.subgroup})` : null,
  states: engine.represented?.states ?? engine.store.size,
  stored: engine.store.size,
  transitions: engine.represented?.transitions ?? engine.transitions,
  depth: engine.levels.length - 1,
  seconds: Number(seconds.toFixed(2)),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
