// `virtcheck report`: the HTML report of a result JSON and the counterexample
// traces next to it, written whole or not at all.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { modelOf } from '../spec/model.js';
import { writeAll } from '../report/files.js';
import { parseItf, type ItfTrace } from '../trace/itf.js';
import { renderReport, traceFilesOf } from '../report/html/report.js';
import { parseResultJson } from '../report/html/result-input.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './load.js';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

/** The report's default path: the result file's, with .html for .json. */
export function defaultReportPath(resultFile: string): string {
  return join(dirname(resultFile), `${basename(resultFile).replace(/\.json$/i, '')}.html`);
}

export function runReport(resultFile: string, out: string | undefined): number {
  const result = parseResultJson(readJson(resultFile, 'result'));
  // Trace names are relative to the result file; a name with a folder in it is not one check writes.
  const traces = new Map<string, ItfTrace>();
  for (const name of traceFilesOf(result)) {
    if (basename(name) !== name) throw new UsageError(`result ${resultFile} names a trace outside its folder: ${name}`);
    traces.set(name, parseItf(readJson(join(dirname(resultFile), name), 'trace')));
  }
  const page = renderReport({ result, traces, model: modelOf(result.config) });
  const target = out ?? defaultReportPath(resultFile);
  try {
    writeAll(dirname(target), [{ name: basename(target), content: page }]);
  } catch (error) {
    throw new UsageError(`cannot write the report to ${target}: ${(error as Error).message}`);
  }
  process.stdout.write(`report: ${target}\n`);
  return EXIT.ok;
}
