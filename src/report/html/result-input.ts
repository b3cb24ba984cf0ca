// Reading a result JSON back for a report: the shape `check` writes, checked
// before anything is drawn, so that a wrong file gets a message naming the
// problem rather than a broken page.
import { ConfigError, parseConfig } from '../../state/config.js';
import type { ResultJson } from '../result.js';

export class ResultFormatError extends Error {
  override name = 'ResultFormatError';
}

type Shape = 'object' | 'array' | 'string' | 'number' | 'boolean';

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** Checks a parsed result JSON; its configuration is validated as a configuration file is. */
export function parseResultJson(json: unknown): ResultJson {
  const fail = (problem: string): never => {
    throw new ResultFormatError(`not a virtcheck result: ${problem}`);
  };
  const at = (path: string, shape: Shape): unknown => {
    let value: unknown = json;
    for (const key of path.split('.')) {
      if (kindOf(value) !== 'object') fail(`"${path}" is missing`);
      value = (value as Record<string, unknown>)[key];
    }
    if (kindOf(value) !== shape) fail(`"${path}" should be ${shape === 'array' || shape === 'object' ? 'an' : 'a'} ${shape}, not ${kindOf(value)}`);
    return value;
  };
  if (at('tool.name', 'string') !== 'virtcheck') fail('"tool.name" is not "virtcheck"');
  at('tool.version', 'string');
  for (const key of ['configFile', 'startedAt']) at(`run.${key}`, 'string');
  at('run.workers', 'number');
  at('run.properties', 'array');
  at('run.limits', 'object');
  at('run.symmetry', 'object');
  at('outcome.complete', 'boolean');
  at('outcome.exitCode', 'number');
  for (const key of ['distinctStates', 'generatedStates', 'transitions', 'depth', 'durationMs', 'statesPerSecond', 'collisionProbability']) at(`stats.${key}`, 'number');
  if (!(at('stats.levels', 'array') as unknown[]).every((n) => typeof n === 'number')) fail('"stats.levels" should hold numbers');
  at('stats.memory.bytesPerState', 'number');
  at('stats.coverage', 'object');
  at('stats.neverEnabled', 'array');
  const verdicts = at('verdicts', 'object') as Record<string, unknown>;
  for (const [property, verdict] of Object.entries(verdicts)) {
    if (kindOf(verdict) !== 'object' || typeof (verdict as { status?: unknown }).status !== 'string') fail(`the verdict of "${property}" has no status`);
  }
  try {
    const config = parseConfig(at('config', 'object') as Parameters<typeof parseConfig>[0]);
    return { ...(json as ResultJson), config };
  } catch (error) {
    if (error instanceof ConfigError) fail(`its configuration is invalid: ${error.message}`);
    throw error;
  }
}
