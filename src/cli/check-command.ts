// `virtcheck check`: explore a configuration, print verdicts and statistics,
// and write the result JSON and counterexample traces.
import { basename } from 'node:path';
import type { CheckResult } from '../explore/check.js';
import type { Limits } from '../explore/engine.js';
import { checkOnWorkers, type ParallelCheckResult } from '../workers/parallel-check.js';
import { loadStep, type StepReference } from '../workers/model-source.js';
import { PROPERTY_KIND, type PropertyName } from '../props/property.js';
import { counterexampleFiles } from '../report/counterexample-files.js';
import { fileStamp, writeAll } from '../report/files.js';
import { resultJson, type ResultJson } from '../report/result.js';
import { counterexampleLines, statisticsLines, symmetryLines, verdictLine } from '../report/summary.js';
import { EXIT } from './exit-codes.js';
import { loadConfig, UsageError } from './load.js';
import { progressReporter } from './progress.js';

export interface CheckCommandOptions {
  readonly properties: readonly PropertyName[];
  readonly limits: Limits;
  readonly symmetry: boolean;
  readonly json: boolean;
  readonly out: string;
  readonly write: boolean;
  /** Worker threads that expand states. */
  readonly workers: number;
  readonly step: StepReference;
}

export function exitCodeOf(result: CheckResult): number {
  const violated = result.verdicts.filter((v) => v.status === 'violated');
  if (violated.some((v) => PROPERTY_KIND[v.property] === 'safety')) return EXIT.safetyViolated;
  if (violated.length > 0) return EXIT.livenessViolated;
  return result.engine.complete ? EXIT.ok : EXIT.limitReached;
}

export async function runCheck(configFile: string, options: CheckCommandOptions): Promise<number> {
  const source = { config: loadConfig(configFile), step: options.step };
  await loadStep(options.step).catch((e: unknown) => {
    throw new UsageError(`cannot load the step function ${options.step.name} of ${options.step.module}: ${(e as Error).message}`);
  });
  const startedAt = new Date();
  const progress = progressReporter(process.stderr);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  process.once('SIGINT', onInterrupt);
  let result: ParallelCheckResult;
  try {
    result = await checkOnWorkers(source, {
      workers: options.workers,
      properties: options.properties,
      limits: options.limits,
      symmetry: options.symmetry,
      onProgress: progress.update,
      interrupted: () => interrupted,
    });
  } finally {
    progress.done();
    process.off('SIGINT', onInterrupt);
  }
  const { model } = result;
  const exitCode = exitCodeOf(result);

  const stem = `${model.ctx.config.name}-${fileStamp(startedAt)}`;
  const traces = counterexampleFiles(stem, configFile, result.verdicts);
  const json: ResultJson = resultJson(model, { configFile, startedAt, workers: result.workers, limits: options.limits }, result, exitCode, traces.byProperty);
  let written: string[] = [];
  if (options.write) {
    written = writeAll(options.out, [...traces.files, { name: `${stem}.json`, content: `${JSON.stringify(json, null, 2)}\n` }]);
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return exitCode;
  }
  const lines = [`virtcheck: ${configFile} (${model.ctx.config.name})`, ...symmetryLines(result.symmetry), ...result.verdicts.map(verdictLine), ''];
  for (const verdict of result.verdicts) {
    if (!verdict.counterexample) continue;
    const names = traces.byProperty.get(verdict.property) ?? [];
    const paths = names.map((name) => written.find((p) => basename(p) === name)).filter((p): p is string => p !== undefined);
    lines.push(...counterexampleLines(verdict.property, verdict.counterexample, paths), '');
  }
  lines.push(...statisticsLines(json));
  const resultPath = written.at(-1);
  if (resultPath) lines.push(`result: ${resultPath}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}
