// A configuration (MODEL.md section 8): parsed from JSON, validated key by key,
// with every default applied. Errors name the key and the problem, and quote
// what the user wrote only cut and printable (quote.ts).
import { jsonSyntaxProblem } from './json-syntax.js';
import { keyLabel, quote } from './quote.js';

export type Policy = 'lru' | 'fifo';
export type Allocation = 'partitioned' | 'shared';

export interface HypervisorKnobs {
  readonly allocation: Allocation;
  readonly flushCacheOnSwitch: boolean;
  readonly flushTlbOnSwitch: boolean;
  readonly flushOnLswitch: boolean;
  readonly invalidateOnUnmap: boolean;
  readonly scrubFreedPages: boolean;
  readonly consumeFailedHypercall: boolean;
  readonly switchWithPendingHypercall: boolean;
}

export interface Config {
  readonly name: string;
  readonly description: string;
  readonly oses: readonly { readonly trusted: boolean }[];
  readonly virtualAddresses: number;
  readonly reservedVirtualAddresses: number;
  readonly physicalAddresses: number;
  readonly machinePages: number;
  readonly values: number;
  readonly cache: { readonly size: number; readonly policy: Policy };
  readonly tlb: { readonly size: number; readonly policy: Policy };
  readonly hypervisor: HypervisorKnobs;
  readonly observe: { readonly machineAddresses: boolean };
}

export const DEFAULT_KNOBS: HypervisorKnobs = {
  allocation: 'partitioned',
  flushCacheOnSwitch: true,
  flushTlbOnSwitch: true,
  flushOnLswitch: true,
  invalidateOnUnmap: true,
  scrubFreedPages: true,
  consumeFailedHypercall: true,
  switchWithPendingHypercall: false,
};

/**
 * Upper bounds keep every number of a state in one byte of its canonical
 * encoding and the alphabet small; state spaces explode long before them.
 */
export const LIMITS = {
  oses: 8,
  virtualAddresses: 16,
  physicalAddresses: 16,
  machinePages: 64,
  values: 16,
  cacheSize: 16,
  tlbSize: 16,
} as const;

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(key ? `${key}: ${problem}` : problem);
    this.name = 'ConfigError';
  }
}

type Json = unknown;

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${keyLabel(key)}` : keyLabel(key);
}

function asObject(value: Json, path: string, allowed: readonly string[]): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(path, `expected an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(join(path, key), `unknown key (allowed here: ${allowed.join(', ')})`);
    }
  }
  return value as Record<string, Json>;
}

function optional<T>(obj: Record<string, Json>, key: string, fallback: T, read: (v: Json, path: string) => T, path: string): T {
  return key in obj ? read(obj[key], join(path, key)) : fallback;
}

function integerIn(min: number, max: number) {
  return (value: Json, path: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new ConfigError(path, `expected an integer, got ${describe(value)}`);
    }
    if (value < min || value > max) {
      throw new ConfigError(path, `${value} is out of range (${min} to ${max})`);
    }
    return value;
  };
}

function boolean(value: Json, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(path, `expected true or false, got ${describe(value)}`);
  return value;
}

function oneOf<T extends string>(choices: readonly T[]) {
  return (value: Json, path: string): T => {
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      throw new ConfigError(path, `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  };
}

function text(value: Json, path: string): string {
  if (typeof value !== 'string') throw new ConfigError(path, `expected a string, got ${describe(value)}`);
  return value;
}

/** Names end up in result file names, so they are restricted to a safe alphabet. */
function configName(value: Json, path: string): string {
  const name = text(value, path);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new ConfigError(path, `${describe(value)} is not a valid name (letters, digits, '.', '_', '-'; at most 64)`);
  }
  return name;
}

const POLICIES: readonly Policy[] = ['lru', 'fifo'];

function buffer(maxSize: number) {
  return (value: Json, path: string) => {
    const obj = asObject(value, path, ['size', 'policy']);
    return {
      size: optional(obj, 'size', 1, integerIn(0, maxSize), path),
      policy: optional(obj, 'policy', 'lru' as Policy, oneOf(POLICIES), path),
    };
  };
}

function knobs(value: Json, path: string): HypervisorKnobs {
  const keys = Object.keys(DEFAULT_KNOBS);
  const obj = asObject(value, path, keys);
  return {
    allocation: optional(obj, 'allocation', DEFAULT_KNOBS.allocation, oneOf<Allocation>(['partitioned', 'shared']), path),
    flushCacheOnSwitch: optional(obj, 'flushCacheOnSwitch', DEFAULT_KNOBS.flushCacheOnSwitch, boolean, path),
    flushTlbOnSwitch: optional(obj, 'flushTlbOnSwitch', DEFAULT_KNOBS.flushTlbOnSwitch, boolean, path),
    flushOnLswitch: optional(obj, 'flushOnLswitch', DEFAULT_KNOBS.flushOnLswitch, boolean, path),
    invalidateOnUnmap: optional(obj, 'invalidateOnUnmap', DEFAULT_KNOBS.invalidateOnUnmap, boolean, path),
    scrubFreedPages: optional(obj, 'scrubFreedPages', DEFAULT_KNOBS.scrubFreedPages, boolean, path),
    consumeFailedHypercall: optional(obj, 'consumeFailedHypercall', DEFAULT_KNOBS.consumeFailedHypercall, boolean, path),
    switchWithPendingHypercall: optional(
      obj,
      'switchWithPendingHypercall',
      DEFAULT_KNOBS.switchWithPendingHypercall,
      boolean,
      path,
    ),
  };
}

function oses(value: Json, path: string): { trusted: boolean }[] {
  if (!Array.isArray(value)) throw new ConfigError(path, `expected an array of OSes, got ${describe(value)}`);
  if (value.length < 1 || value.length > LIMITS.oses) {
    throw new ConfigError(path, `${value.length} OSes is out of range (1 to ${LIMITS.oses})`);
  }
  return value.map((os, i) => {
    const at = `${path}[${i}]`;
    const obj = asObject(os, at, ['trusted']);
    return { trusted: optional(obj, 'trusted', false, boolean, at) };
  });
}

const TOP_KEYS = [
  'name',
  'description',
  'oses',
  'virtualAddresses',
  'reservedVirtualAddresses',
  'physicalAddresses',
  'machinePages',
  'values',
  'cache',
  'tlb',
  'hypervisor',
  'observe',
] as const;

/**
 * Validates a parsed JSON value as a configuration. `fallbackName` is used when
 * the configuration has no `name` (the loader passes the file's base name).
 */
export function parseConfig(value: Json, fallbackName = 'default'): Config {
  const obj = asObject(value, '', TOP_KEYS);
  if (!('oses' in obj)) throw new ConfigError('oses', 'is required (an array such as [{ "trusted": false }])');
  const osList = oses(obj.oses, 'oses');
  const virtualAddresses = optional(obj, 'virtualAddresses', 2, integerIn(1, LIMITS.virtualAddresses), '');
  const reservedVirtualAddresses = optional(
    obj,
    'reservedVirtualAddresses',
    0,
    integerIn(0, LIMITS.virtualAddresses),
    '',
  );
  if (reservedVirtualAddresses >= virtualAddresses) {
    throw new ConfigError(
      'reservedVirtualAddresses',
      `${reservedVirtualAddresses} must be less than virtualAddresses (${virtualAddresses}): some address must be accessible`,
    );
  }
  const machinePages = optional(obj, 'machinePages', 4, integerIn(1, LIMITS.machinePages), '');
  if (machinePages < osList.length) {
    throw new ConfigError(
      'machinePages',
      `${machinePages} is fewer than the ${osList.length} OSes: each OS needs a page for its initial page table`,
    );
  }
  return {
    name: optional(obj, 'name', fallbackName, configName, ''),
    description: optional(obj, 'description', '', text, ''),
    oses: osList,
    virtualAddresses,
    reservedVirtualAddresses,
    physicalAddresses: optional(obj, 'physicalAddresses', 2, integerIn(1, LIMITS.physicalAddresses), ''),
    machinePages,
    values: optional(obj, 'values', 2, integerIn(1, LIMITS.values), ''),
    cache: optional(obj, 'cache', { size: 1, policy: 'lru' as Policy }, buffer(LIMITS.cacheSize), ''),
    tlb: optional(obj, 'tlb', { size: 1, policy: 'lru' as Policy }, buffer(LIMITS.tlbSize), ''),
    hypervisor: optional(obj, 'hypervisor', DEFAULT_KNOBS, knobs, ''),
    observe: optional(
      obj,
      'observe',
      { machineAddresses: false },
      (v, p) => {
        const o = asObject(v, p, ['machineAddresses']);
        return { machineAddresses: optional(o, 'machineAddresses', false, boolean, p) };
      },
      '',
    ),
  };
}

/** Parses JSON text (a UTF-8 byte-order mark allowed) as a configuration; a syntax error is reported with its line and column. */
export function parseConfigText(textValue: string, fallbackName = 'default'): Config {
  const body = textValue.startsWith('\uFEFF') ? textValue.slice(1) : textValue;
  let json: Json;
  try {
    json = JSON.parse(body);
  } catch {
    const found = jsonSyntaxProblem(body);
    throw new ConfigSyntaxError(found ? `${found.line}:${found.column}` : '', found?.problem ?? 'not valid JSON');
  }
  return parseConfig(json, fallbackName);
}

export class ConfigSyntaxError extends Error {
  /** `where` is line:column, `file` the file it is in when known. */
  constructor(
    readonly where: string,
    readonly problem: string,
    readonly file?: string,
  ) {
    super(`${[file, where].filter(Boolean).join(':')}${file || where ? ': ' : ''}not valid JSON: ${problem}`);
    this.name = 'ConfigSyntaxError';
  }

  inFile(file: string): ConfigSyntaxError {
    return new ConfigSyntaxError(this.where, this.problem, file);
  }
}
