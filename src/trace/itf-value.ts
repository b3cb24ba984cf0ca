// ITF's values (Apalache ADR-015) as a discriminated union, and their JSON
// form both ways. Each kind is one of ITF's JSON shapes: booleans, strings and
// integers that fit a JSON number as themselves, larger (or any) integers as
// {"#bigint": "-123"}, lists as arrays, tuples, sets and maps as {"#tup"},
// {"#set"}, {"#map": [[key, value], ...]}, records as plain objects (a
// variant is the record {tag, value}). The reader checks every value and says,
// as a path in the JSON, where a malformed one is wrong.

export type ItfValue =
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  /** A plain JSON integer. */
  | { readonly kind: 'number'; readonly value: number }
  /** {"#bigint": "<digits>"} */
  | { readonly kind: 'bigint'; readonly value: bigint }
  | { readonly kind: 'list'; readonly items: readonly ItfValue[] }
  /** {"#tup": [...]} */
  | { readonly kind: 'tuple'; readonly items: readonly ItfValue[] }
  /** {"#set": [...]} */
  | { readonly kind: 'set'; readonly items: readonly ItfValue[] }
  /** {"#map": [[key, value], ...]} */
  | { readonly kind: 'map'; readonly entries: readonly (readonly [ItfValue, ItfValue])[] }
  /** A JSON object whose keys are field names; kept in the order written. */
  | { readonly kind: 'record'; readonly fields: ReadonlyMap<string, ItfValue> }
  /** {"#unserializable": "<text>"}: a value the writer could not express. */
  | { readonly kind: 'unserializable'; readonly text: string };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A trace (or a value in it) that is not ITF as virtcheck reads it; the message says where. */
export class TraceFormatError extends Error {
  override name = 'TraceFormatError';
}

export const itfBool = (value: boolean): ItfValue => ({ kind: 'boolean', value });
export const itfString = (value: string): ItfValue => ({ kind: 'string', value });
/** An integer as {"#bigint"}: the form virtcheck writes, whatever its size. */
export const itfInt = (n: number | bigint): ItfValue => ({ kind: 'bigint', value: BigInt(n) });
export const itfList = (items: readonly ItfValue[]): ItfValue => ({ kind: 'list', items });
export const itfTuple = (items: readonly ItfValue[]): ItfValue => ({ kind: 'tuple', items });
export const itfSet = (items: readonly ItfValue[]): ItfValue => ({ kind: 'set', items });
export const itfMap = (entries: readonly (readonly [ItfValue, ItfValue])[]): ItfValue => ({ kind: 'map', entries });
export const itfRecord = (fields: Readonly<Record<string, ItfValue>>): ItfValue => ({ kind: 'record', fields: new Map(Object.entries(fields)) });
/** The empty tuple: the value of a variant that carries none. */
export const ITF_UNIT: ItfValue = itfTuple([]);
/** A variant of a sum type, as Quint writes it: the record {tag, value}. */
export const itfVariant = (tag: string, value: ItfValue = ITF_UNIT): ItfValue => itfRecord({ tag: itfString(tag), value });

/** The JSON form of `v`. */
export function itfToJson(v: ItfValue): Json {
  switch (v.kind) {
    case 'boolean':
    case 'string':
    case 'number':
      return v.value;
    case 'bigint':
      return { '#bigint': v.value.toString() };
    case 'list':
      return v.items.map(itfToJson);
    case 'tuple':
      return { '#tup': v.items.map(itfToJson) };
    case 'set':
      return { '#set': v.items.map(itfToJson) };
    case 'map':
      return { '#map': v.entries.map(([key, value]) => [itfToJson(key), itfToJson(value)]) };
    case 'record':
      // fromEntries defines each field, so that a field named __proto__ stays a field.
      return Object.fromEntries([...v.fields].map(([name, value]) => [name, itfToJson(value)]));
    case 'unserializable':
      return { '#unserializable': v.text };
  }
}

/** `path` and a key, as JavaScript would write the access. */
export function itfPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const DIGITS = /^-?[0-9]+$/;
const FORMS = ['#bigint', '#tup', '#set', '#map', '#unserializable'] as const;

function fail(path: string, problem: string): never {
  throw new TraceFormatError(`${path}: ${problem}`);
}

function brief(json: unknown): string {
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function readArray(json: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(json)) fail(path, `${what} must be a JSON array, not ${brief(json)}`);
  return json as unknown[];
}

function readItems(json: unknown, path: string, what: string): ItfValue[] {
  return readArray(json, path, what).map((item, i) => readItfValue(item, itfPath(path, i)));
}

/** The ITF value of parsed JSON, or a TraceFormatError naming `path` (extended to the wrong part). */
export function readItfValue(json: unknown, path: string): ItfValue {
  switch (typeof json) {
    case 'boolean':
      return itfBool(json);
    case 'string':
      return itfString(json);
    case 'number':
      if (!Number.isSafeInteger(json)) fail(path, `${json} is not an integer ITF can hold in a JSON number (larger ones are {"#bigint": "..."})`);
      return { kind: 'number', value: json };
    case 'object':
      if (json === null) fail(path, 'null is not an ITF value');
      return Array.isArray(json) ? itfList(json.map((item, i) => readItfValue(item, itfPath(path, i)))) : readObject(json as Record<string, unknown>, path);
    default:
      return fail(path, `${typeof json} is not an ITF value`);
  }
}

function readObject(json: Record<string, unknown>, path: string): ItfValue {
  const keys = Object.keys(json);
  const form = keys.find((k) => k.startsWith('#'));
  if (form === undefined) return { kind: 'record', fields: new Map(keys.map((k) => [k, readItfValue(json[k], itfPath(path, k))])) };
  if (!(FORMS as readonly string[]).includes(form)) fail(path, `"${form}" is not an ITF form (${FORMS.join(', ')})`);
  if (keys.length > 1) fail(path, `an object with "${form}" has no other key (it has ${keys.map((k) => `"${k}"`).join(', ')})`);
  const at = itfPath(path, form);
  const body = json[form];
  switch (form as (typeof FORMS)[number]) {
    case '#bigint':
      if (typeof body !== 'string' || !DIGITS.test(body)) fail(at, `${brief(body)} is not a string of decimal digits`);
      return { kind: 'bigint', value: BigInt(body as string) };
    case '#tup':
      return itfTuple(readItems(body, at, 'a tuple'));
    case '#set':
      return itfSet(readItems(body, at, 'a set'));
    case '#map':
      return itfMap(
        readArray(body, at, 'a map').map((pair, i): [ItfValue, ItfValue] => {
          const pairPath = itfPath(at, i);
          const [key, value] = readArray(pair, pairPath, 'a map entry');
          if ((pair as unknown[]).length !== 2) fail(pairPath, `a map entry is [key, value], not ${(pair as unknown[]).length} elements`);
          return [readItfValue(key, itfPath(pairPath, 0)), readItfValue(value, itfPath(pairPath, 1))];
        }),
      );
    case '#unserializable':
      if (typeof body !== 'string') fail(at, `${brief(body)} is not a string`);
      return { kind: 'unserializable', text: body as string };
  }
}
