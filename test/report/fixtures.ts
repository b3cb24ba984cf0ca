// Small violating configurations of each kind of property, checked in this
// thread, with their result JSON, trace files and HTML report.
import type { PropertyName } from '../../src/props/property.js';
import { exitCodeOf } from '../../src/cli/check-command.js';
import { counterexampleFiles } from '../../src/report/counterexample-files.js';
import type { OutputFile } from '../../src/report/files.js';
import { reportOfCheck } from '../../src/report/html/from-check.js';
import { resultJson, type ResultJson } from '../../src/report/result.js';
import type { Model } from '../../src/spec/model.js';
import { checkWith } from '../helpers.js';

const twoOses = { oses: [{ trusted: false }, { trusted: false }], virtualAddresses: 1, values: 1 };

/** A stale TLB entry after a switch: valid fails, and OS 1 tells two runs apart (two traces). */
export const STALE_TLB = { ...twoOses, hypervisor: { flushTlbOnSwitch: false } };
/** Too few pages, shared: pin answers OutOfMemory on the platform but ok alone. */
export const SHARED_PAGES = { ...twoOses, machinePages: 3, hypervisor: { allocation: 'shared' } };
/** A pending hypercall the scheduler may leave for ever: lassos. */
export const PENDING_SWITCH = { ...twoOses, physicalAddresses: 1, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } };

export interface CheckedReport {
  readonly model: Model;
  readonly result: ResultJson;
  readonly traces: readonly OutputFile[];
  readonly html: string;
}

const made = new Map<string, Promise<CheckedReport>>();

/** The report of a check (made once per name, configuration and properties). */
export function checkedReport(name: string, config: Record<string, unknown>, properties: readonly PropertyName[]): Promise<CheckedReport> {
  const key = JSON.stringify([name, config, properties]);
  let report = made.get(key);
  if (!report) made.set(key, (report = make(name, config, properties)));
  return report;
}

async function make(name: string, config: Record<string, unknown>, properties: readonly PropertyName[]): Promise<CheckedReport> {
  const checked = await checkWith({ name, ...config }, properties);
  const stem = `${name}-report`;
  const traces = counterexampleFiles(stem, `${name}.json`, checked.verdicts);
  const run = { configFile: `${name}.json`, startedAt: new Date(0), workers: 1, limits: {} };
  const result = resultJson(checked.model, run, checked, exitCodeOf(checked), traces.byProperty);
  return { model: checked.model, result, traces: traces.files, html: reportOfCheck(result, traces.files, checked.model) };
}
