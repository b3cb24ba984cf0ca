// Counterexamples as ITF files: one per trace, named after the run and the
// property (and the trace's label when a counterexample has several, or its
// property has sub-properties).
import { formatAction } from '../state/actions.js';
import type { Verdict } from '../props/verdict.js';
import type { OutputFile } from './files.js';
import { itfJson, itfText, traceToItf, type ItfJson } from '../trace/itf.js';

export interface TraceFiles {
  readonly files: readonly OutputFile[];
  /** File names by property, in the order of the counterexample's traces. */
  readonly byProperty: ReadonlyMap<string, readonly string[]>;
  /** The traces (as JSON) by property, in the same order. */
  readonly itfByProperty: ReadonlyMap<string, readonly ItfJson[]>;
}

export function counterexampleFiles(stem: string, configFile: string, verdicts: readonly Verdict[]): TraceFiles {
  const files: OutputFile[] = [];
  const byProperty = new Map<string, string[]>();
  const itfByProperty = new Map<string, ItfJson[]>();
  for (const verdict of verdicts) {
    if (verdict.status !== 'violated') continue;
    const c = verdict.counterexample;
    const labelled = c.traces.length > 1 || verdict.parts !== undefined;
    const traces: ItfJson[] = [];
    const names = c.traces.map((t) => `${stem}.${verdict.property}${labelled ? `.${t.label}` : ''}.itf.json`);
    c.traces.forEach((labeled, i) => {
      const itf = traceToItf(labeled, {
        source: configFile,
        description: `virtcheck counterexample: ${verdict.property} violated`,
        property: verdict.property,
        violation: labeled.detail ?? c.detail,
        length: c.length,
        ...(labelled ? { trace: labeled.label, otherTraces: names.filter((_, j) => j !== i) } : {}),
        ...(c.action ? { violatingAction: formatAction(c.action.action) } : {}),
      });
      files.push({ name: names[i]!, content: itfText(itf) });
      traces.push(itfJson(itf));
    });
    byProperty.set(verdict.property, names);
    itfByProperty.set(verdict.property, traces);
  }
  return { files, byProperty, itfByProperty };
}
