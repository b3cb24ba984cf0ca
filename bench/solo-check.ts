// One in-thread check in a process of its own, for the worker benchmark's
// ceiling: reads a configuration file and property names from argv, prints the
// exploration's seconds, the CPU seconds of the whole check (every thread of
// the process) and the distinct states, as JSON.
//   node dist/bench/solo-check.js configs/bench-large.json valid,conformance
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
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

const [file, names] = process.argv.slice(2) as [string, string];
const ctx = makeContext(loadConfig(file));
const cpu = process.cpuUsage();
const { engine } = await check({ ctx, step }, { properties: names.split(',') as PropertyName[] });
const used = process.cpuUsage(cpu);
const output: SoloCheckOutput = { seconds: engine.elapsedMs / 1000, cpuSeconds: (used.user + used.system) / 1e6, distinctStates: engine.store.size, storeBytes: engine.store.bytes };
console.log(JSON.stringify(output));
