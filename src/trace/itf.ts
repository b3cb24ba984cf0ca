// Counterexample traces in the Informal Trace Format (ITF) that Quint and
// Apalache read (Apalache ADR-015): integers as {"#bigint"}, maps as
// {"#map"}, optional values and sums as {"tag", "value"} variants. Every state
// also records the action that reached it and its response, so that a trace
// can be replayed.
import { formatAction } from '../state/actions.js';
import { HYP, NONE, STATE_FIELDS, type Content, type Entry, type State } from '../state/records.js';
import type { List } from 'immutable';
import { formatResponse } from '../spec/response.js';
import type { LabeledTrace } from '../props/verdict.js';

export type ItfValue = string | boolean | ItfValue[] | { [key: string]: ItfValue };

/** A trace's state variables: the state's fields. */
export const STATE_VARS = STATE_FIELDS;
export const ACTION_VAR = 'action';
export const RESPONSE_VAR = 'response';
/** The `action` of the first state. */
export const INITIAL_ACTION = 'init';

const int = (n: number): ItfValue => ({ '#bigint': String(n) });
const unit: ItfValue = { '#tup': [] };
const variant = (tag: string, value: ItfValue = unit): ItfValue => ({ tag, value });

function owner(o: number): ItfValue {
  if (o === NONE) return variant('Free');
  if (o === HYP) return variant('Hyp');
  return variant('Os', int(o));
}

function content(c: Content): ItfValue {
  switch (c.kind) {
    case 'other':
      return variant('Other');
    case 'rw':
      return variant('RW', c.value === null ? variant('None') : variant('Some', int(c.value)));
    case 'pt':
      return variant('PT', numberMap([...c.mappings.entries()]));
  }
}

function numberMap(pairs: [number, number][]): ItfValue {
  return { '#map': pairs.sort(([a], [b]) => a - b).map(([k, v]) => [int(k), int(v)]) };
}

function entries(list: List<Entry>): ItfValue {
  return list.map((e): ItfValue => ({ va: int(e.va), ma: int(e.ma) })).toArray();
}

/** The state variables of `s` as ITF values. */
export function stateToItf(s: State): Record<string, ItfValue> {
  const osIds = [...s.oss.keys()].sort((a, b) => a - b);
  return {
    active: int(s.active),
    activity: s.activity,
    mode: s.mode,
    oss: {
      '#map': osIds.map((os) => {
        const record = s.oss.get(os)!;
        return [
          int(os),
          { currPage: int(record.currPage), hcall: record.hcall ? variant('Some', formatAction(record.hcall)) : variant('None') },
        ];
      }),
    },
    p2m: { '#map': osIds.map((os) => [int(os), numberMap([...(s.p2m.get(os)?.entries() ?? [])])]) },
    memory: s.memory.map((page): ItfValue => ({ owner: owner(page.owner), content: content(page.content) })).toArray(),
    cache: entries(s.cache),
    tlb: entries(s.tlb),
  };
}

export interface ItfMeta {
  /** The configuration file the trace belongs to. */
  readonly source: string;
  readonly description: string;
  /** Anything else worth keeping with the trace (property, violation). */
  readonly [key: string]: unknown;
}

export interface ItfTrace {
  readonly '#meta': Record<string, unknown>;
  readonly vars: string[];
  readonly states: Record<string, unknown>[];
  readonly loop?: number;
}

/** A trace as ITF; a lasso gets its `loop` index and its closing action in `#meta`.loopAction. */
export function traceToItf({ trace, loop }: Pick<LabeledTrace, 'trace' | 'loop'>, meta: ItfMeta): ItfTrace {
  const states = [
    { ...stateToItf(trace.initial), [ACTION_VAR]: INITIAL_ACTION, [RESPONSE_VAR]: '' },
    ...trace.steps.map((step) => ({
      ...stateToItf(step.state),
      [ACTION_VAR]: formatAction(step.action),
      [RESPONSE_VAR]: formatResponse(step.response),
    })),
  ].map((state, index) => ({ '#meta': { index }, ...state }));
  return {
    '#meta': {
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

export class TraceFormatError extends Error {
  override name = 'TraceFormatError';
}

/** Checks the shape of a parsed ITF trace as virtcheck writes it; what `replay` needs. */
export function parseItf(json: unknown): ItfTrace {
  const fail = (problem: string): never => {
    throw new TraceFormatError(`not a virtcheck ITF trace: ${problem}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object');
  const trace = json as Partial<ItfTrace>;
  if (typeof trace['#meta'] !== 'object' || trace['#meta'] === null) fail('"#meta" is missing');
  if (!Array.isArray(trace.vars)) fail('"vars" is missing');
  for (const v of [...STATE_VARS, ACTION_VAR]) if (!trace.vars!.includes(v)) fail(`"vars" lacks "${v}"`);
  if (!Array.isArray(trace.states) || trace.states.length === 0) fail('"states" is missing or empty');
  trace.states!.forEach((state, i) => {
    if (typeof state !== 'object' || state === null) fail(`state ${i} is not an object`);
    for (const v of [...STATE_VARS, ACTION_VAR]) if (!(v in state)) fail(`state ${i} lacks "${v}"`);
    if (typeof state[ACTION_VAR] !== 'string') fail(`state ${i}: "${ACTION_VAR}" is not a string`);
  });
  if (trace.loop !== undefined && (!Number.isInteger(trace.loop) || trace.loop < 0 || trace.loop >= trace.states!.length)) {
    fail(`"loop" ${String(trace.loop)} is not the index of a state`);
  }
  return trace as ItfTrace;
}

/** The trace as JSON text: one line per state, so that traces read and diff well. */
export function itfText(trace: ItfTrace): string {
  const { states, ...rest } = trace;
  const head = Object.entries(rest)
    .map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(',\n');
  return `{\n${head},\n "states": [\n${states.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}\n ]\n}\n`;
}
