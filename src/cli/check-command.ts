// `virtcheck check`: explore a configuration, print verdicts and statistics,
// and write the result JSON and counterexample traces.
import { basename } from 'node:path';
import { makeContext } from '../state/context.js';
import { step } from '../spec/step.js';
import { check, type CheckResult } from '../explore/check.js';
import type { Limits } from '../explore/engine.js';
import type { Model } from '../explore/model.js';
import { PROPERTY_KIND, type PropertyName } from '../props/property.js';
import { counterexampleFiles } from '../report/counterexample-files.js';
import { fileStamp, writeAll } from '../report/files.js';
import { resultJson, type ResultJson } from '../report/result.js';
import { counterexampleLines, statisticsLines, symmetryLines, verdictLine } from '../report/summary.js';
import { EXIT } from './exit-codes.js';
import { loadConfig } from './load.js';
import { progressReporter } from './progress.js';

export interface CheckCommandOptions {
  readonly properties: readonly PropertyName[];
  readonly limits: Limits;
  readonly symmetry: boolean;
  readonly json: boolean;
  readonly out: string;
  readonly write: boolean;
}

export function exitCodeOf(result: CheckResult): number {
  const violated = result.verdicts.filter((v) => v.status === 'violated');
  if (violated.some((v) => PROPERTY_KIND[v.property] === 'safety')) return EXIT.safetyViolated;
  if (violated.length > 0) return EXIT.livenessViolated;
  return result.engine.complete ? EXIT.ok : EXIT.limitReached;
}

export async function runCheck(configFile: string, options: CheckCommandOptions): Promise<number> {
  const model: Model = { ctx: makeContext(loadConfig(configFile)), step };
  const startedAt = new Date();
  const progress = progressReporter(process.stderr);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  process.once('SIGINT', onInterrupt);
  let result: CheckResult;
  try {
    result = await check(model, {
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
  const exitCode = exitCodeOf(result);

  const stem = `${model.ctx.config.name}-${fileStamp(startedAt)}`;
  const traces = counterexampleFiles(stem, configFile, result.verdicts);
  const json: ResultJson = resultJson(model, { configFile, startedAt, workers: 1, limits: options.limits }, result, exitCode, traces.byProperty);
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
