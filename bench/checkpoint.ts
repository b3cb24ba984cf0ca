// Checkpoint benchmark: what checkpoints cost a run, in one run of this
// script, in rotating order: a plain check; a check with checkpoints on but
// none due (the cost of handing out no batch of a level before the previous
// level is consumed); and a check saving at every level boundary (the cost of
// the saves: seconds per save, and the size of the last checkpoint per stored
// state). Every run must find the same counts and verdicts.
//   npm run bench:checkpoint [-- --repeat 3 --workers 2 --config configs/default.json --props valid,isolation]
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/cli/load.js';
import { checkOnWorkers } from '../src/check/parallel-check.js';
import type { CheckpointSettings } from '../src/checkpoint/checkpoints.js';
import type { PropertyName } from '../src/props/property.js';
import { REAL_STEP } from '../src/workers/model-source.js';
import { markdownTable, machine } from './report.js';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    config: { type: 'string', default: 'configs/default.json' },
    props: { type: 'string', default: 'valid,isolation' },
  },
});
const repeat = Number(values.repeat);
const workers = Number(values.workers);
const properties = values.props.split(',') as PropertyName[];
const source = { config: loadConfig(values.config), step: REAL_STEP };

type Mode = 'plain' | 'checkpoints on, none due' | 'saved at every level';
const MODES: Mode[] = ['plain', 'checkpoints on, none due', 'saved at every level'];

interface Run {
  readonly seconds: number;
  readonly saves: number;
  readonly saveSeconds: number;
  readonly checkpointBytes: number;
  readonly outcome: string;
}

async function run(mode: Mode): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'virtcheck-bench-checkpoint-'));
  let saves = 0;
  let saveSeconds = 0;
  let savingSince = 0;
  const checkpoint: CheckpointSettings | undefined =
    mode === 'plain'
      ? undefined
      : {
          saveTo: join(dir, 'saves'),
          everyMs: mode === 'saved at every level' ? 0 : 3_600_000,
          version: '0', step: 'real',
          onSaving: () => (savingSince = performance.now()),
          onSaved: () => {
            saves++;
            saveSeconds += (performance.now() - savingSince) / 1000;
          },
        };
  try {
    const started = performance.now();
    const result = await checkOnWorkers(source, { workers, properties, symmetry: true, ...(checkpoint ? { checkpoint } : {}) });
    const seconds = (performance.now() - started) / 1000;
    let checkpointBytes = 0;
    if (saves > 0) {
      const manifest = JSON.parse(readFileSync(join(dir, 'saves', 'manifest.json'), 'utf8')) as { files: Record<string, { bytes: number }> };
      checkpointBytes = Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0);
    }
    const outcome = `${result.engine.store.size} stored, ${result.engine.transitions} transitions, ${result.verdicts.map((v) => `${v.property} ${v.status}`).join(', ')}`;
    return { seconds, saves, saveSeconds, checkpointBytes, outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = new Map<Mode, Run[]>(MODES.map((m) => [m, []]));
for (let r = 0; r < repeat; r++) {
  // Rotating order: the machine's other load falls on every mode alike.
  for (let k = 0; k < MODES.length; k++) {
    const mode = MODES[(r + k) % MODES.length]!;
    const result = await run(mode);
    runs.get(mode)!.push(result);
    process.stderr.write(`${mode}: ${result.seconds.toFixed(2)} s (load ${loadavg()[0]!.toFixed(1)})\n`);
  }
}
const outcomes = new Set([...runs.values()].flat().map((r) => r.outcome));
assert.equal(outcomes.size, 1, `runs disagree: ${[...outcomes].join(' / ')}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const plain = median(runs.get('plain')!.map((r) => r.seconds));
const rows = MODES.map((mode) => {
  const rs = runs.get(mode)!;
  const seconds = median(rs.map((r) => r.seconds));
  const saved = rs.find((r) => r.saves > 0);
  const stored = Number(/^(\d+) stored/.exec(rs[0]!.outcome)![1]);
  return [
    mode,
    seconds.toFixed(2),
    (seconds / plain).toFixed(2),
    saved ? saved.saves : 0,
    saved ? ((saved.saveSeconds / saved.saves) * 1000).toFixed(1) : '-',
    saved ? (saved.checkpointBytes / stored).toFixed(1) : '-',
  ];
});
console.log(`${values.config} --props ${values.props}, ${workers} worker threads, ${repeat} runs of each (median); ${[...outcomes][0]}`);
console.log(markdownTable(['run', 'seconds', 'vs plain', 'saves', 'ms per save', 'checkpoint bytes per stored state'], rows));
console.log(JSON.stringify(machine()));
