// `virtcheck replay`: re-execute an ITF trace with the executable
// specification, showing each step, and fail clearly where it does not replay.
import { readFileSync } from 'node:fs';
import { formatAction } from '../state/actions.js';
import { modelOf } from '../spec/model.js';
import { formatResponse } from '../spec/response.js';
import { replayTrace } from '../trace/replay.js';
import { parseItf } from '../trace/itf.js';
import { describeChanges } from '../report/format-state.js';
import { traceLines } from '../report/summary.js';
import { EXIT } from './exit-codes.js';
import { loadConfig, UsageError } from './load.js';

export function runReplay(traceFile: string, configFile: string): number {
  const model = modelOf(loadConfig(configFile));
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(traceFile, 'utf8'));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`cannot read trace ${traceFile}: ${reason}`);
  }
  const trace = parseItf(json);
  const result = replayTrace(model, trace);
  const lines = traceLines({ initial: result.initial, steps: result.steps });
  if (result.closing) {
    const last = result.steps.at(-1)?.state ?? result.initial;
    lines.push(`  loop: ${formatAction(result.closing.action)} -> ${formatResponse(result.closing.response)} back to state ${trace.loop}`);
    lines.push(`     ${describeChanges(last, result.closing.state).join('; ') || 'no change'}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (result.failure) {
    process.stderr.write(`virtcheck: ${traceFile} does not replay at state ${result.failure.index}: ${result.failure.problem}\n`);
    return EXIT.traceMismatch;
  }
  process.stdout.write(`${traceFile} replays: ${result.steps.length} steps${result.closing ? ' and the loop' : ''}\n`);
  return EXIT.ok;
}
