// Counterexample traces in the Informal Trace Format (ITF) that Quint and
// Apalache read (Apalache ADR-015), both ways: a trace of the model written as
// ITF, and an ITF file read back (checked) for replay and the report. Values
// are ITF's typed union (itf-value.ts): integers as {"#bigint"}, maps as
// {"#map"}, optional values and sums as {"tag", "value"} variants. Every state
// also records the action that reached it and its response, so that a trace
// can be replayed.
import { formatAction } from '../state/actions.js';
import { HYP, NONE, STATE_FIELDS, type Content, type Entry, type State } from '../state/records.js';
import type { List } from 'immutable';
import { formatResponse } from '../spec/response.js';
import type { LabeledTrace } from '../props/verdict.js';
import {
  itfInt,
  itfList,
  itfMap,
  itfPath,
  itfRecord,
  itfString,
  itfToJson,
  itfVariant,
  readItfValue,
  TraceFormatError,
  type ItfValue,
} from './itf-value.js';

export { TraceFormatError } from './itf-value.js';

/** A trace's state variables: the state's fields. */
export const STATE_VARS = STATE_FIELDS;
export const ACTION_VAR = 'action';
export const RESPONSE_VAR = 'response';
/** The `action` of the first state. */
export const INITIAL_ACTION = 'init';

function owner(o: number): ItfValue {
  if (o === NONE) return itfVariant('Free');
  if (o === HYP) return itfVariant('Hyp');
  return itfVariant('Os', itfInt(o));
}

function content(c: Content): ItfValue {
  switch (c.kind) {
    case 'other':
      return itfVariant('Other');
    case 'rw':
      return itfVariant('RW', c.value === null ? itfVariant('None') : itfVariant('Some', itfInt(c.value)));
    case 'pt':
      return itfVariant('PT', numberMap([...c.mappings.entries()]));
  }
}

function numberMap(pairs: [number, number][]): ItfValue {
  return itfMap(pairs.sort(([a], [b]) => a - b).map(([k, v]) => [itfInt(k), itfInt(v)]));
}

function entries(list: List<Entry>): ItfValue {
  return itfList(list.map((e) => itfRecord({ va: itfInt(e.va), ma: itfInt(e.ma) })).toArray());
}

/** The state variables of `s` as ITF values, in the order a trace writes them. */
export function stateToItf(s: State): ReadonlyMap<string, ItfValue> {
  const osIds = [...s.oss.keys()].sort((a, b) => a - b);
  return new Map<string, ItfValue>([
    ['active', itfInt(s.active)],
    ['activity', itfString(s.activity)],
    ['mode', itfString(s.mode)],
    [
      'oss',
      itfMap(
        osIds.map((os) => {
          const record = s.oss.get(os)!;
          const hcall = record.hcall ? itfVariant('Some', itfString(formatAction(record.hcall))) : itfVariant('None');
          return [itfInt(os), itfRecord({ currPage: itfInt(record.currPage), hcall })];
        }),
      ),
    ],
    ['p2m', itfMap(osIds.map((os) => [itfInt(os), numberMap([...(s.p2m.get(os)?.entries() ?? [])])]))],
    ['memory', itfList(s.memory.map((page) => itfRecord({ owner: owner(page.owner), content: content(page.content) })).toArray())],
    ['cache', entries(s.cache)],
    ['tlb', entries(s.tlb)],
  ]);
}

export interface ItfMeta {
  /** The configuration file the trace belongs to. */
  readonly source: string;
  readonly description: string;
  /** Anything else worth keeping with the trace (property, violation). */
  readonly [key: string]: unknown;
}

/** One state of a trace: its variables' values, and its "#meta" (free-form JSON) when it has one. */
export interface ItfState {
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly values: ReadonlyMap<string, ItfValue>;
}

export interface ItfTrace {
  /** The trace's "#meta": free-form JSON. */
  readonly meta: Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  /** A lasso: the index of the state the last one loops back to. */
  readonly loop?: number;
}

/** A trace as ITF; a lasso gets its `loop` index and its closing action in `#meta`.loopAction. */
export function traceToItf({ trace, loop }: Pick<LabeledTrace, 'trace' | 'loop'>, meta: ItfMeta): ItfTrace {
  const states = [
    { state: trace.initial, action: INITIAL_ACTION, response: '' },
    ...trace.steps.map((step) => ({ state: step.state, action: formatAction(step.action), response: formatResponse(step.response) })),
  ].map(({ state, action, response }, index) => ({
    meta: { index },
    values: new Map([...stateToItf(state), [ACTION_VAR, itfString(action)], [RESPONSE_VAR, itfString(response)]]),
  }));
  return {
    meta: {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      ...meta,
      ...(loop ? { loopAction: formatAction(loop.closing.action) } : {}),
    },
    vars: [...STATE_VARS, ACTION_VAR, RESPONSE_VAR],
    states,
    ...(loop ? { loop: loop.index } : {}),
  };
}

/** The JSON object of one state: "#meta" first, then the variables. */
function stateJson(state: ItfState): Record<string, unknown> {
  // fromEntries defines each key, so that a variable named __proto__ stays a variable.
  return Object.fromEntries([
    ...(state.meta === undefined ? [] : [['#meta', state.meta] as const]),
    ...[...state.values].map(([name, value]) => [name, itfToJson(value)] as const),
  ]);
}

/** The trace as a JSON object ("#meta", vars, states, loop), as it goes into a file or a result. */
export interface ItfJson {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly Record<string, unknown>[];
  readonly loop?: number;
}

export function itfJson(trace: ItfTrace): ItfJson {
  return {
    '#meta': trace.meta,
    vars: trace.vars,
    states: trace.states.map(stateJson),
    ...(trace.loop === undefined ? {} : { loop: trace.loop }),
  };
}

/** The trace as JSON text: one line per state, so that traces read and diff well. */
export function itfText(trace: ItfTrace): string {
  const { states, ...rest } = itfJson(trace);
  const head = Object.entries(rest)
    .map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(',\n');
  return `{\n${head},\n "states": [\n${states.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}\n ]\n}\n`;
}

const isObject = (json: unknown): json is Record<string, unknown> => typeof json === 'object' && json !== null && !Array.isArray(json);

/**
 * Reads a parsed ITF trace, checking every value, and that it has what
 * `replay` needs: the state variables and each state's action. A problem is
 * named by its path in the JSON (`states[3].memory[0].owner`).
 */
export function parseItf(json: unknown): ItfTrace {
  try {
    return readTrace(json);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new TraceFormatError(`not a virtcheck ITF trace: ${error.message}`);
    throw error;
  }
}

function fail(path: string, problem: string): never {
  throw new TraceFormatError(path === '' ? problem : `${path}: ${problem}`);
}

function readTrace(json: unknown): ItfTrace {
  if (!isObject(json)) fail('', 'expected a JSON object');
  const meta = json['#meta'];
  if (!isObject(meta)) fail('', '"#meta" is missing');
  const vars = json['vars'];
  if (!Array.isArray(vars)) fail('', '"vars" is missing');
  vars.forEach((v, i) => typeof v === 'string' || fail(`vars[${i}]`, `${JSON.stringify(v)} is not a variable name`));
  for (const v of [...STATE_VARS, ACTION_VAR]) if (!vars.includes(v)) fail('vars', `lacks "${v}"`);
  const rawStates = json['states'];
  if (!Array.isArray(rawStates) || rawStates.length === 0) fail('', '"states" is missing or empty');
  const states = rawStates.map((state, i) => readState(state, `states[${i}]`));
  const loop = json['loop'];
  if (loop !== undefined && (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= states.length)) {
    fail('loop', `${JSON.stringify(loop)} is not the index of a state`);
  }
  return { meta, vars: vars as string[], states, ...(loop === undefined ? {} : { loop: loop as number }) };
}

function readState(json: unknown, path: string): ItfState {
  if (!isObject(json)) fail(path, 'not an object');
  const { '#meta': meta, ...variables } = json;
  if (meta !== undefined && !isObject(meta)) fail(itfPath(path, '#meta'), 'not an object');
  for (const v of [...STATE_VARS, ACTION_VAR]) if (!Object.hasOwn(variables, v)) fail(path, `lacks "${v}"`);
  const values = new Map(Object.keys(variables).map((name) => [name, readItfValue(variables[name], itfPath(path, name))]));
  if (values.get(ACTION_VAR)!.kind !== 'string') fail(itfPath(path, ACTION_VAR), 'not a string');
  return { ...(meta === undefined ? {} : { meta }), values };
}

/** A value as short JSON text, for messages. */
export function itfBrief(value: ItfValue): string {
  return JSON.stringify(itfToJson(value)).slice(0, 40);
}
