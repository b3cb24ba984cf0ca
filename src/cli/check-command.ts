// `virtcheck check`: explore a configuration, print verdicts and statistics,
// and write the result JSON and counterexample traces. Whatever ends the run
// (its end, a limit, Ctrl-C or SIGTERM, the memory limit, a failing thread),
// the summary is printed and the result written; a result that cannot be
// written is reported after the summary, with its own exit code.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CheckResult } from '../check/check.js';
import type { Limits } from '../engine/engine.js';
import { checkOnWorkers, type ParallelCheckResult } from '../check/parallel-check.js';
import { loadModel, loadStep, type StepReference } from '../workers/model-source.js';
import { WorkerFailure } from '../workers/pool.js';
import type { PropertyName } from '../props/property.js';
import { counterexampleFiles, type TraceFiles } from '../report/counterexample-files.js';
import { fileStamp, writeUnderFreeStem, type OutputFile } from '../report/files.js';
import { outcomeOf, resultJson, type ResultJson } from '../report/result.js';
import { counterexampleLines, statisticsLines, symmetryLines, verdictLine } from '../report/summary.js';
import { EXIT } from './exit-codes.js';
import { loadConfig, UsageError } from './load.js';
import { MemoryWatch, SAMPLE_INTERVAL_MS, sampleMemory } from './memory-limit.js';
import { preflightWarning } from './preflight.js';
import { progressReporter, type ProgressReporter } from './progress.js';
import { watchStopSignals } from './stop-signals.js';
import { spillPlan } from './work-dir.js';
import { checkpointSettings, signalNotice, type CheckpointOptions } from './checkpoint-options.js';
import type { CheckpointSettings } from '../checkpoint/checkpoints.js';
import { CheckpointError } from '../hash/snapshot.js';

export interface CheckCommandOptions extends CheckpointOptions {
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
  /** Start the threads with the first batch, not the first full one. */
  readonly threadsAtOnce?: boolean;
  readonly step: StepReference;
  /** The run stops when the process's resident memory reaches this. */
  readonly memoryLimitBytes: number;
  /** Bytes the visited set and the queue may hold in memory before they spill to disk (default: half the memory limit). */
  readonly spillBudgetBytes?: number;
  /** The folder the run's spilled files go in (default: the results folder). */
  readonly workDir?: string;
  /** Milliseconds between progress lines (tests shorten it). */
  readonly progressIntervalMs?: number;
}

/** How the run ended, as an exit code, with the reason when a failure or the memory ended it. */
export function exitOf(result: CheckResult, memoryReason: string | null = null): { code: number; reason?: string } {
  const { failure } = result.engine;
  const outOfMemory = failure instanceof WorkerFailure && failure.outOfMemory;
  const reason = failure !== undefined ? failureMessage(failure) : (memoryReason ?? undefined);
  const withReason = (code: number) => (reason === undefined ? { code } : { code, reason });
  // A failure is a bug, whatever was found before it: scripts must not take the run for a sound one.
  if (failure !== undefined && !outOfMemory) return withReason(EXIT.internal);
  const violated = result.verdicts.filter((v) => v.status === 'violated');
  if (violated.some((v) => v.kind === 'safety')) return withReason(EXIT.safetyViolated);
  if (violated.length > 0) return withReason(EXIT.livenessViolated);
  return withReason(outcomeOf(result).complete ? EXIT.ok : EXIT.limitReached);
}

export async function runCheck(configFile: string, options: CheckCommandOptions): Promise<number> {
  const source = { config: loadConfig(configFile), step: options.step };
  await loadStep(options.step).catch((e: unknown) => {
    throw new UsageError(`cannot load the step function ${options.step.name} of ${options.step.module}: ${(e as Error).message}`);
  });
  if (options.html && !options.write) throw new UsageError('--html writes a file: it cannot go with --no-write');
  if (options.write) ensureWritable(options.out);
  if (options.workDir !== undefined) ensureWritable(options.workDir, 'spilled files (--work-dir)');
  const plan = spillPlan(options);
  warnAboutThreads(options.workers);
  const memory = new MemoryWatch(options.memoryLimitBytes, sampleMemory, SAMPLE_INTERVAL_MS);
  let checkpoint: CheckpointSettings | undefined;
  // Signals are caught until the files are written: they are written whole or not at all.
  const signals = watchStopSignals((signal) => {
    if (checkpoint) process.stderr.write(`virtcheck: ${signalNotice(signal)}\n`);
  });
  const progress = progressReporter(process.stderr, { intervalMs: options.progressIntervalMs });
  try {
    checkpoint = checkpointSettings(options, options.step, progress);
    if (checkpoint?.saveTo !== undefined) ensureWritable(checkpoint.saveTo, 'checkpoints');
    // A bounded run is the user's own estimate; an unbounded one is sampled first (a resumed one was, when it began).
    if (options.limits.maxDepth === undefined && options.limits.maxStates === undefined && options.resume === undefined) {
      progress.phase('sampling');
      const warning = await preflightWarning(await loadModel(source), { ...options, spills: plan.spill !== undefined, interrupted: signals.interrupted });
      if (warning) process.stderr.write(`virtcheck: warning: ${warning}\n`);
    }
    const startedAt = new Date();
    const result = await checkOnWorkers(source, {
      workers: options.workers,
      threadsAtOnce: options.threadsAtOnce,
      properties: options.properties,
      limits: options.limits,
      symmetry: options.symmetry,
      onProgress: progress.update,
      onPhase: progress.phase,
      interrupted: signals.interrupted,
      overMemory: memory.exceeded,
      ...(plan.spill ? { spill: plan.spill } : {}),
      ...(checkpoint ? { checkpoint } : {}),
    }).catch((error: unknown) => {
      throw error instanceof CheckpointError ? new UsageError(error.message) : error;
    });
    return await report(configFile, options, startedAt, result, memory.reason, progress);
  } finally {
    progress.done();
    signals.dispose();
    plan.dispose();
  }
}

function failureMessage(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

function warnAboutThreads(workers: number): void {
  const cores = availableParallelism();
  if (workers > cores) {
    process.stderr.write(
      `virtcheck: warning: ${workers} threads on ${cores} cores: the threads beyond the cores compete for them and slow the run down (try --workers ${cores})\n`,
    );
  }
}

/** Writes the result files, then prints the summary (or the JSON), then reports a write failure; returns the exit code. */
async function report(
  configFile: string,
  options: CheckCommandOptions,
  startedAt: Date,
  result: ParallelCheckResult,
  memoryReason: string | null,
  progress: ProgressReporter,
): Promise<number> {
  const { model } = result;
  // The HTML report's modules are loaded for --html only.
  const reportOfCheck = options.html ? (await import('../report/html/from-check.js')).reportOfCheck : undefined;
  const exit = exitOf(result, memoryReason);
  const run = { configFile, startedAt, workers: result.workers, limits: options.limits };
  const unwritten = (stem: string) => {
    const traces = counterexampleFiles(stem, configFile, result.verdicts);
    return { traces, json: resultJson(model, run, result, exit, { written: false, traces: traces.itfByProperty }) };
  };
  const stem = `${model.ctx.config.name}-${fileStamp(startedAt)}`;
  let shown: Shown = unwritten(stem);
  let writeError: string | null = null;
  if (options.write) {
    progress.phase('writing results');
    try {
      const written = writeUnderFreeStem(options.out, stem, (s) => {
        const traces = counterexampleFiles(s, configFile, result.verdicts);
        const json = resultJson(model, run, result, exit, { written: true, files: traces.byProperty });
        const page = reportOfCheck ? [{ name: `${s}.html`, content: reportOfCheck(json, traces.files, model) }] : [];
        const files: OutputFile[] = [...traces.files, { name: `${s}.json`, content: `${JSON.stringify(json, null, 2)}\n` }, ...page];
        return { files, json, traces, resultPath: join(options.out, `${s}.json`), ...(options.html ? { htmlPath: join(options.out, `${s}.html`) } : {}) };
      });
      shown = written;
    } catch (error) {
      writeError = `cannot write results to ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }
  progress.done();
  if (result.engine.failure !== undefined) process.stderr.write(`virtcheck: ${failureReport(result.engine.failure)}\n`);
  if (memoryReason !== null) process.stderr.write(`virtcheck: stopped at the memory limit: ${memoryReason}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(shown.json, null, 2)}\n`);
  else process.stdout.write(`${summaryLines(configFile, result, shown).join('\n')}\n`);
  if (writeError !== null) {
    process.stderr.write(`virtcheck: ${writeError}; the summary above is all that is left of the run\n`);
    return EXIT.writeFailed;
  }
  return exit.code;
}

/** A failure with what caused it (a thread's error with its stack: it is a bug to report). */
function failureReport(failure: unknown): string {
  if (failure instanceof WorkerFailure && failure.outOfMemory) return `${failure.message}; the partial result is kept`;
  const cause = failure instanceof Error ? failure.cause : undefined;
  const detail = cause instanceof Error ? (cause.stack ?? cause.message) : failure instanceof Error ? (failure.stack ?? '') : '';
  return `${failureMessage(failure)}; the partial result is kept\n${detail}`;
}

/** What the summary shows: the result JSON, its traces, and the files written, if they were. */
interface Shown {
  readonly json: ResultJson;
  readonly traces: TraceFiles;
  readonly resultPath?: string;
  readonly htmlPath?: string;
}

function summaryLines(configFile: string, result: ParallelCheckResult, shown: Shown): string[] {
  const lines = [`virtcheck: ${configFile} (${result.model.ctx.config.name})`, ...symmetryLines(result.symmetry), ...result.verdicts.map(verdictLine), ''];
  const directory = shown.resultPath === undefined ? undefined : dirname(shown.resultPath);
  for (const verdict of result.verdicts) {
    if (verdict.status !== 'violated') continue;
    const names = directory === undefined ? [] : (shown.traces.byProperty.get(verdict.property) ?? []);
    lines.push(...counterexampleLines(verdict.property, verdict.counterexample, names.map((n) => join(directory!, n))), '');
  }
  lines.push(...statisticsLines(shown.json));
  if (shown.resultPath) lines.push(`result: ${shown.resultPath}`);
  if (shown.htmlPath) lines.push(`report: ${shown.htmlPath}`);
  return lines;
}

/** Checks before the run that a folder (for results, or `what`) can be made and written, creating nothing yet. */
export function ensureWritable(dir: string, what = 'results'): void {
  let existing = resolve(dir);
  while (!existsSync(existing)) existing = dirname(existing);
  try {
    if (!statSync(existing).isDirectory()) throw new Error(`${existing} is not a folder`);
    accessSync(existing, constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write ${what} to ${dir}: ${(error as Error).message}`);
  }
}
