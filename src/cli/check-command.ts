// `virtcheck check`: explore a configuration, print verdicts and statistics,
// and write the result JSON and counterexample traces.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CheckResult } from '../check/check.js';
import type { Limits } from '../engine/engine.js';
import { checkOnWorkers, type ParallelCheckResult } from '../check/parallel-check.js';
import { loadStep, type StepReference } from '../workers/model-source.js';
import type { PropertyName } from '../props/property.js';
import { counterexampleFiles } from '../report/counterexample-files.js';
import { fileStamp, writeAll } from '../report/files.js';
import { resultJson, type ResultJson } from '../report/result.js';
import { reportOfCheck } from '../report/html/from-check.js';
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
  /** Also write the HTML report. */
  readonly html: boolean;
  /** Worker threads that expand states. */
  readonly workers: number;
  readonly step: StepReference;
}

export function exitCodeOf(result: CheckResult): number {
  const violated = result.verdicts.filter((v) => v.status === 'violated');
  if (violated.some((v) => v.kind === 'safety')) return EXIT.safetyViolated;
  if (violated.length > 0) return EXIT.livenessViolated;
  return result.engine.complete ? EXIT.ok : EXIT.limitReached;
}

export async function runCheck(configFile: string, options: CheckCommandOptions): Promise<number> {
  const source = { config: loadConfig(configFile), step: options.step };
  await loadStep(options.step).catch((e: unknown) => {
    throw new UsageError(`cannot load the step function ${options.step.name} of ${options.step.module}: ${(e as Error).message}`);
  });
  if (options.html && !options.write) throw new UsageError('--html writes a file: it cannot go with --no-write');
  if (options.write) ensureWritable(options.out);
  const startedAt = new Date();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  // Ctrl-C is caught until the files are written: they are written whole or not at all.
  process.once('SIGINT', onInterrupt);
  try {
    const progress = progressReporter(process.stderr);
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
    }
    return report(configFile, options, startedAt, result);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Writes the result files and prints the summary (or the JSON); returns the exit code. */
function report(configFile: string, options: CheckCommandOptions, startedAt: Date, result: ParallelCheckResult): number {
  const { model } = result;
  const exitCode = exitCodeOf(result);
  const stem = `${model.ctx.config.name}-${fileStamp(startedAt)}`;
  const resultName = `${stem}.json`;
  const traces = counterexampleFiles(stem, configFile, result.verdicts);
  const json: ResultJson = resultJson(model, { configFile, startedAt, workers: result.workers, limits: options.limits }, result, exitCode, traces.byProperty);
  const htmlName = `${stem}.html`;
  const page = options.html ? [{ name: htmlName, content: reportOfCheck(json, traces.files, model) }] : [];
  if (options.write) {
    try {
      writeAll(options.out, [...traces.files, { name: resultName, content: `${JSON.stringify(json, null, 2)}\n` }, ...page]);
    } catch (error) {
      throw new UsageError(`cannot write results to ${options.out}: ${(error as Error).message}`);
    }
  }
  const pathOf = (name: string) => (options.write ? join(options.out, name) : undefined);

  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return exitCode;
  }
  const lines = [`virtcheck: ${configFile} (${model.ctx.config.name})`, ...symmetryLines(result.symmetry), ...result.verdicts.map(verdictLine), ''];
  for (const verdict of result.verdicts) {
    if (verdict.status !== 'violated') continue;
    const names = traces.byProperty.get(verdict.property) ?? [];
    const paths = names.map(pathOf).filter((p): p is string => p !== undefined);
    lines.push(...counterexampleLines(verdict.property, verdict.counterexample, paths), '');
  }
  lines.push(...statisticsLines(json));
  const resultPath = pathOf(resultName);
  if (resultPath) lines.push(`result: ${resultPath}`);
  if (options.html) lines.push(`report: ${pathOf(htmlName)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}

/** Checks before the run that the results folder can be made and written, creating nothing yet. */
export function ensureWritable(dir: string): void {
  let existing = resolve(dir);
  while (!existsSync(existing)) existing = dirname(existing);
  try {
    if (!statSync(existing).isDirectory()) throw new Error(`${existing} is not a folder`);
    accessSync(existing, constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write results to ${dir}: ${(error as Error).message}`);
  }
}
