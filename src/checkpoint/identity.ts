// What a resumed run must share with the run that saved the checkpoint, and
// the differences named when it does not: the configuration (its canonical
// text), the step function, the properties, the symmetry reduction, the
// limits that decide what is stored and when the run stops, the batch size
// (a run stopped at a violation stops at a batch boundary), the program's
// version and the byte order of the saved columns. The time and memory
// limits and the number of threads change nothing a result holds, so they
// are free to differ.
import { endianness } from 'node:os';
import type { Config } from '../state/config.js';

/** What checkpoints read and keep of a symmetry plan (src/check/symmetry.ts): the identity its group, the manifest the whole. */
export interface SymmetryPlan {
  readonly applied: boolean;
  readonly reason?: string;
  readonly group?: { readonly osPermutations: number; readonly valuePermutations: number; readonly subgroup: string };
  readonly rerun?: { readonly reason: string; readonly orbits: number; readonly seconds: number };
}

export interface RunIdentity {
  readonly version: string;
  /** The configuration as canonical JSON (keys sorted). */
  readonly config: string;
  /** The step function's module and export. */
  readonly step: string;
  readonly properties: readonly string[];
  /** The symmetry reduction: the group, with the OS permutations that generate it, or why there is none. */
  readonly symmetry: string;
  readonly limits: { readonly maxDepth: number | null; readonly maxStates: number | null; readonly stopOnFirst: boolean; readonly exhaustive: boolean };
  readonly batchSize: number;
  readonly byteOrder: string;
}

export interface IdentityParts {
  readonly version: string;
  readonly config: Config;
  readonly step: string;
  readonly properties: readonly string[];
  readonly symmetry: { readonly plan: SymmetryPlan; readonly permutations?: unknown };
  readonly limits: { readonly maxDepth?: number; readonly maxStates?: number; readonly stopOnFirst?: boolean; readonly exhaustive?: boolean };
  readonly batchSize: number;
}

export function runIdentity(parts: IdentityParts): RunIdentity {
  const { limits } = parts;
  return {
    version: parts.version,
    config: canonicalJson(parts.config),
    step: parts.step,
    properties: [...parts.properties],
    symmetry: symmetryText(parts.symmetry.plan, parts.symmetry.permutations),
    limits: { maxDepth: limits.maxDepth ?? null, maxStates: limits.maxStates ?? null, stopOnFirst: limits.stopOnFirst === true, exhaustive: limits.exhaustive === true },
    batchSize: parts.batchSize,
    byteOrder: endianness(),
  };
}

function symmetryText(plan: SymmetryPlan, permutations: unknown): string {
  if (!plan.applied || !plan.group) return `unreduced (${plan.reason ?? 'not applied'})`;
  const { subgroup, osPermutations, valuePermutations } = plan.group;
  return `reduced by the ${subgroup} subgroup, ${osPermutations} OS permutations ${JSON.stringify(permutations)} and ${valuePermutations} value permutations`;
}

/** One line per difference, naming what differs, the checkpoint's value first. */
export function identityDifferences(saved: RunIdentity, now: RunIdentity): string[] {
  const lines: string[] = [];
  const differ = (what: string, there: unknown, here: unknown) => {
    if (canonicalJson(there) !== canonicalJson(here)) lines.push(`${what}: ${shown(there)} in the checkpoint, ${shown(here)} here`);
  };
  differ('version', saved.version, now.version);
  if (saved.config !== now.config) lines.push(`configuration: ${configDifference(saved.config, now.config)}`);
  differ('step function', saved.step, now.step);
  differ('properties', saved.properties?.join(','), now.properties.join(','));
  differ('symmetry reduction', saved.symmetry, now.symmetry);
  const limit = (key: keyof RunIdentity['limits']) => differ(`limit ${key}`, saved.limits?.[key], now.limits[key]);
  limit('maxDepth');
  limit('maxStates');
  limit('stopOnFirst');
  limit('exhaustive');
  differ('batch size', saved.batchSize, now.batchSize);
  differ('byte order', saved.byteOrder, now.byteOrder);
  return lines;
}

/** The top-level keys whose values differ, with both values when short. */
function configDifference(there: string, here: string): string {
  let a: Record<string, unknown>;
  let b: Record<string, unknown>;
  try {
    a = JSON.parse(there);
    b = JSON.parse(here);
  } catch {
    return 'the checkpoint holds no readable configuration';
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = keys.filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
  return differing.map((k) => `${k} is ${shown(a[k])} in the checkpoint, ${shown(b[k])} here`).join('; ');
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= 240 ? text : `${text.slice(0, 237)}...`;
}

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
