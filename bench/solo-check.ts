// One in-thread check in a process of its own, for the worker benchmark's
// ceiling: reads a configuration file and property names from argv, prints the
// exploration's seconds and distinct states as JSON.
//   node dist/bench/solo-check.js configs/bench-large.json valid,conformance
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';

export interface SoloCheckOutput {
  readonly seconds: number;
  readonly distinctStates: number;
}

const [file, names] = process.argv.slice(2) as [string, string];
const ctx = makeContext(loadConfig(file));
const { engine } = await check({ ctx, step }, { properties: names.split(',') as PropertyName[] });
const output: SoloCheckOutput = { seconds: engine.elapsedMs / 1000, distinctStates: engine.store.size };
console.log(JSON.stringify(output));
