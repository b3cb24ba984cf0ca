// Throughput benchmark: distinct states per second and bytes per stored state,
// single-threaded, on the default and the large configuration, with valid
// states only and with conformance too. Each check runs in a process of its
// own (bench/solo-check.ts): a check run after others in one process is
// slowed by what they left on the heap (22 s against 16 s for bench-large
// with conformance, measured).
//   npm run bench:throughput
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PropertyName } from '../src/props/property.js';
import type { SoloCheckOutput } from './solo-check.js';
import { replaceAll } from '../src/report/files.js';
import { markdownTable, machine } from './report.js';

const CONFIGS = ['configs/default.json', 'configs/bench-large.json'];
const PROPERTY_SETS: PropertyName[][] = [['valid'], ['valid', 'conformance']];

interface Row {
  config: string;
  properties: string;
  distinctStates: number;
  seconds: number;
  statesPerSecond: number;
  bytesPerState: number;
}

const soloRunner = fileURLToPath(new URL('./solo-check.js', import.meta.url));
const rows: Row[] = [];
for (const file of CONFIGS) {
  for (const properties of PROPERTY_SETS) {
    const run = JSON.parse(execFileSync(process.execPath, [soloRunner, file, properties.join(',')], { encoding: 'utf8' })) as SoloCheckOutput;
    const name = basename(file, '.json');
    rows.push({
      config: name,
      properties: properties.join('+'),
      distinctStates: run.distinctStates,
      seconds: Number(run.seconds.toFixed(2)),
      statesPerSecond: Math.round(run.distinctStates / run.seconds),
      bytesPerState: Number((run.storeBytes / run.distinctStates).toFixed(1)),
    });
    console.error(`${name} ${properties.join('+')}: ${Math.round(run.distinctStates / run.seconds)} states/s`);
  }
}

const table = markdownTable(
  ['configuration', 'properties', 'distinct states', 'seconds', 'states/s', 'bytes/state'],
  rows.map((r) => [r.config, r.properties, r.distinctStates, r.seconds, r.statesPerSecond, r.bytesPerState]),
);
const result = { benchmark: 'throughput', command: 'npm run bench:throughput', machine: machine(), rows };
replaceAll('results', [
  { name: 'bench-throughput.json', content: `${JSON.stringify(result, null, 2)}\n` },
  { name: 'bench-throughput.md', content: `${table}\n` },
]);
console.log(table);
