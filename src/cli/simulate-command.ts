// `virtcheck simulate`: random walks on worker threads, the violations found
// shrunk and checked for minimality, written as ITF and reported as `check`
// reports counterexamples.
import { join } from 'node:path';
import { checkOnWorkers } from '../check/parallel-check.js';
import { loadModel, loadStep, type StepReference } from '../workers/model-source.js';
import { WorkerPool } from '../workers/pool.js';
import { counterexampleFiles } from '../report/counterexample-files.js';
import { fileStamp, writeAll } from '../report/files.js';
import { asCheckVerdict, simulationJson, simulationLines } from '../report/simulation.js';
import { SIMULATED, simulate, type SimulationOptions } from '../simulate/simulate.js';
import { walksOnPool, WALK_WORKER } from '../simulate/walkers.js';
import { ensureWritable } from './check-command.js';
import { EXIT } from './exit-codes.js';
import { loadConfig, UsageError } from './load.js';

export interface SimulateCommandOptions
  extends Pick<SimulationOptions, 'properties' | 'seed' | 'walkLength' | 'walks' | 'timeLimitMs' | 'proofStates' | 'viewClasses'> {
  readonly workers: number;
  readonly json: boolean;
  readonly out: string;
  readonly write: boolean;
  readonly step: StepReference;
}

/** Walks per task: enough that a task is worth a message, few enough that threads share the work evenly. */
const WALKS_PER_TASK = 4;

export async function runSimulate(configFile: string, options: SimulateCommandOptions): Promise<number> {
  const source = { config: loadConfig(configFile), step: options.step };
  await loadStep(options.step).catch((e: unknown) => {
    throw new UsageError(`cannot load the step function ${options.step.name} of ${options.step.module}: ${(e as Error).message}`);
  });
  if (options.write) ensureWritable(options.out);
  const model = await loadModel(source);
  const startedAt = new Date();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  // Ctrl-C ends the walks; what was found is still shrunk, and the files are written whole.
  process.once('SIGINT', onInterrupt);
  const simulation: Omit<SimulationOptions, 'interrupted'> = {
    properties: options.properties,
    seed: options.seed,
    walkLength: options.walkLength,
    walks: options.walks,
    ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
    proofStates: options.proofStates,
    viewClasses: options.viewClasses,
    walksPerTask: WALKS_PER_TASK,
    inFlight: 4 * options.workers,
  };
  const pool = new WorkerPool({ source, properties: options.properties.filter(SIMULATED), expander: {} }, options.workers, WALK_WORKER);
  let result;
  try {
    result = await simulate(
      model,
      walksOnPool(pool),
      // Symmetry reduction is applied where it is sound for the property (valid, conformance).
      (property, limits) => checkOnWorkers(source, { workers: options.workers, properties: [property], limits, symmetry: true }),
      { ...simulation, interrupted: () => interrupted },
    );
  } finally {
    await pool.destroy();
    process.off('SIGINT', onInterrupt);
  }

  const exitCode = result.verdicts.some((v) => v.status === 'violated') ? EXIT.safetyViolated : EXIT.ok;
  const stem = `${model.ctx.config.name}-simulate-${fileStamp(startedAt)}`;
  const traces = counterexampleFiles(stem, configFile, result.verdicts.flatMap((v) => asCheckVerdict(v) ?? []));
  const json = simulationJson(model, { configFile, startedAt, workers: options.workers }, simulation, result, exitCode, traces.byProperty);
  const resultName = `${stem}.json`;
  if (options.write) {
    try {
      writeAll(options.out, [...traces.files, { name: resultName, content: `${JSON.stringify(json, null, 2)}\n` }]);
    } catch (error) {
      throw new UsageError(`cannot write results to ${options.out}: ${(error as Error).message}`);
    }
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return exitCode;
  }
  const paths = new Map([...traces.byProperty].map(([p, names]) => [p, options.write ? names.map((n) => join(options.out, n)) : []]));
  const lines = simulationLines(json, result, paths);
  if (options.write) lines.push(`result: ${join(options.out, resultName)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}
