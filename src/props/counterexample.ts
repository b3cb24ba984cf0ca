// The counterexample of a finding at one state, or at one of its transitions
// (the trace then ends with it): what most properties report.
import { alphabetOf } from '../spec/alphabet.js';
import { extendTrace, lastState } from '../spec/trace.js';
import type { FirstFinding } from './coordinator.js';
import type { Counterexample, TraceTools } from './verdict.js';

export function findingCounterexample(tools: TraceTools, finding: FirstFinding): Counterexample {
  const { model } = tools;
  const trace = tools.trace(finding.stateId);
  if (finding.action < 0) return { traces: [{ label: 'trace', trace }], action: null, length: trace.steps.length, detail: finding.detail };
  const action = alphabetOf(model.ctx).actions[finding.action]!;
  return {
    traces: [{ label: 'trace', trace: extendTrace(model, trace, finding.action) }],
    action: { index: finding.action, action, outcome: model.step(model.ctx, lastState(trace), action) },
    length: trace.steps.length + 1,
    detail: finding.detail,
  };
}
