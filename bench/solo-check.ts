// One in-thread check in a process of its own, for the worker benchmark's
// ceiling: reads a configuration file and property names from argv, prints the
// exploration's seconds, the CPU seconds of the whole check (every thread of
// the process) and the distinct states (orbits under symmetry reduction), as
// JSON. `--symmetry` asks for symmetry reduction; `--max-states N` stops the
// check there.
//   node dist/bench/solo-check.js configs/bench-large.json valid,conformance
//   node dist/bench/solo-check.js --symmetry --max-states 300000 configs/three-os-large.json valid,isolation
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/cli/load.js';
import { modelOf } from '../src/spec/model.js';
import { check } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';

export interface SoloCheckOutput {
  readonly seconds: number;
  /** CPU time of the process during the check: what a shared machine's other load disturbs least. */
  readonly cpuSeconds: number;
  readonly distinctStates: number;
  /** Bytes the visited set holds. */
  readonly storeBytes: number;
}

const { values, positionals } = parseArgs({
  options: { symmetry: { type: 'boolean', default: false }, 'max-states': { type: 'string' } },
  allowPositionals: true,
});
const [file, names] = positionals as [string, string];
const maxStates = values['max-states'] === undefined ? undefined : Number(values['max-states']);
const model = modelOf(loadConfig(file));
const cpu = process.cpuUsage();
const { engine } = await check(model, { properties: names.split(',') as PropertyName[], symmetry: values.symmetry, limits: { maxStates } });
const used = process.cpuUsage(cpu);
const output: SoloCheckOutput = { seconds: engine.elapsedMs / 1000, cpuSeconds: (used.user + used.system) / 1e6, distinctStates: engine.store.size, storeBytes: engine.store.bytes };
console.log(JSON.stringify(output));
