// The report of a check just run: its result and the trace files it is about
// to write, as the report command would read them back.
import type { Model } from '../../spec/model.js';
import type { OutputFile } from '../files.js';
import { parseItf, type ItfTrace } from '../../trace/itf.js';
import type { ResultJson } from '../result.js';
import { renderReport } from './report.js';

export function reportOfCheck(result: ResultJson, traceFiles: readonly OutputFile[], model: Model): string {
  const traces = new Map<string, ItfTrace>(traceFiles.map((f) => [f.name, parseItf(JSON.parse(f.content))]));
  return renderReport({ result, traces, model });
}
