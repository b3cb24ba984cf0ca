// Throughput benchmark: distinct states per second and bytes per stored state,
// single-threaded, on the default and the large configuration, with valid
// states only and with conformance too.
//   npm run bench:throughput
import { loadConfig } from '../src/cli/load.js';
import { makeContext } from '../src/state/context.js';
import { step } from '../src/spec/step.js';
import { check } from '../src/check/check.js';
import type { PropertyName } from '../src/props/property.js';
import { writeAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const CONFIGS = ['configs/default.json', 'configs/bench-large.json'];
const PROPERTY_SETS: PropertyName[][] = [['valid'], ['valid', 'conformance']];

interface Row {
  config: string;
  properties: string;
  distinctStates: number;
  transitions: number;
  seconds: number;
  statesPerSecond: number;
  bytesPerState: number;
}

const rows: Row[] = [];
for (const file of CONFIGS) {
  const ctx = makeContext(loadConfig(file));
  for (const properties of PROPERTY_SETS) {
    const { engine } = await check({ ctx, step }, { properties });
    const seconds = engine.elapsedMs / 1000;
    rows.push({
      config: ctx.config.name,
      properties: properties.join('+'),
      distinctStates: engine.store.size,
      transitions: engine.transitions,
      seconds: Number(seconds.toFixed(2)),
      statesPerSecond: Math.round(engine.store.size / seconds),
      bytesPerState: Number((engine.store.bytes / engine.store.size).toFixed(1)),
    });
    console.error(`${ctx.config.name} ${properties.join('+')}: ${Math.round(engine.store.size / seconds)} states/s`);
  }
}

const table = markdownTable(
  ['configuration', 'properties', 'distinct states', 'seconds', 'states/s', 'bytes/state'],
  rows.map((r) => [r.config, r.properties, r.distinctStates, r.seconds, r.statesPerSecond, r.bytesPerState]),
);
const result = { benchmark: 'throughput', command: 'npm run bench:throughput', machine: machine(), rows };
writeAll('results', [
  { name: 'bench-throughput.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-throughput.md', content: `${table}\n` },
]);
console.log(table);
