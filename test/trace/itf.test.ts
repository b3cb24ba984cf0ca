// ITF both ways: every value kind reads back as it was written, a trace of the
// model survives the round trip, and a malformed trace is refused with the
// path of what is wrong in it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ITF_UNIT,
  itfBool,
  itfInt,
  itfList,
  itfMap,
  itfRecord,
  itfSet,
  itfString,
  itfToJson,
  itfTuple,
  itfVariant,
  readItfValue,
  TraceFormatError,
  type ItfValue,
} from '../../src/trace/itf-value.js';
import { itfJson, itfText, parseItf, traceToItf, type ItfTrace } from '../../src/trace/itf.js';
import { replayTrace } from '../../src/trace/replay.js';
import { formatAction } from '../../src/state/actions.js';
import { formatResponse } from '../../src/spec/response.js';
import { checkWith, counterexampleIn } from '../helpers.js';

describe('ITF values', () => {
  const every: [ItfValue, string][] = [
    [itfBool(true), 'true'],
    [itfString('ok'), '"ok"'],
    [{ kind: 'number', value: -3 }, '-3'],
    [itfInt(12), '{"#bigint":"12"}'],
    [{ kind: 'bigint', value: -(2n ** 70n) }, '{"#bigint":"-1180591620717411303424"}'],
    [itfList([itfInt(1), itfString('a')]), '[{"#bigint":"1"},"a"]'],
    [ITF_UNIT, '{"#tup":[]}'],
    [itfTuple([itfBool(false), itfInt(0)]), '{"#tup":[false,{"#bigint":"0"}]}'],
    [itfSet([itfInt(2), itfInt(1)]), '{"#set":[{"#bigint":"2"},{"#bigint":"1"}]}'],
    [itfMap([[itfInt(0), itfMap([])]]), '{"#map":[[{"#bigint":"0"},{"#map":[]}]]}'],
    [itfRecord({ b: itfInt(1), a: itfList([]) }), '{"b":{"#bigint":"1"},"a":[]}'],
    [itfVariant('Some', itfInt(4)), '{"tag":"Some","value":{"#bigint":"4"}}'],
    [itfVariant('None'), '{"tag":"None","value":{"#tup":[]}}'],
    [{ kind: 'unserializable', text: 'Int' }, '{"#unserializable":"Int"}'],
  ];

  it('writes each kind as ITF spells it and reads it back to the same value', () => {
    for (const [value, json] of every) {
      assert.equal(JSON.stringify(itfToJson(value)), json);
      assert.deepEqual(readItfValue(JSON.parse(json), 'v'), value, json);
    }
  });

  it('keeps a field named __proto__ a field, both ways', () => {
    const value = readItfValue(JSON.parse('{"__proto__":{"#bigint":"1"}}'), 'v');
    assert.equal(value.kind, 'record');
    assert.equal(JSON.stringify(itfToJson(value)), '{"__proto__":{"#bigint":"1"}}');
  });

  it('names where a malformed value is wrong', () => {
    const cases: [string, RegExp][] = [
      ['{"a":[1,{"#bigint":"1x"}]}', /^v\.a\[1\]\["#bigint"\]: "1x" is not a string of decimal digits$/],
      ['{"a":{"#bigint":7}}', /^v\.a\["#bigint"\]: 7 is not a string/],
      ['[0.5]', /^v\[0\]: 0\.5 is not an integer/],
      ['[1e300]', /^v\[0\]: 1e\+300 is not an integer/],
      ['{"x y":null}', /^v\["x y"\]: null is not an ITF value$/],
      ['{"#sett":[]}', /^v: "#sett" is not an ITF form/],
      ['{"#tup":[],"b":1}', /^v: an object with "#tup" has no other key/],
      ['{"#set":{}}', /^v\["#set"\]: a set must be a JSON array/],
      ['{"#map":[[1,2,3]]}', /^v\["#map"\]\[0\]: a map entry is \[key, value\], not 3 elements$/],
      ['{"#map":[1]}', /^v\["#map"\]\[0\]: a map entry must be a JSON array/],
      ['{"#map":[[1,{"#tup":[null]}]]}', /^v\["#map"\]\[0\]\[1\]\["#tup"\]\[0\]: null/],
      ['{"#unserializable":1}', /^v\["#unserializable"\]: 1 is not a string$/],
    ];
    for (const [json, message] of cases) {
      assert.throws(() => readItfValue(JSON.parse(json), 'v'), (e: unknown) => e instanceof TraceFormatError && message.test(e.message), json);
    }
  });
});

describe('ITF traces', async () => {
  const config = { virtualAddresses: 1, values: 1, hypervisor: { flushTlbOnSwitch: false } };
  const { model, verdicts } = await checkWith(config, ['valid']);
  const trace = counterexampleIn(verdicts[0]!).traces[0]!.trace;
  const written = traceToItf({ trace }, { source: 'test', description: 'leak' });
  const text = itfText(written);

  it('reads back as written: the same typed trace, the same text, and it replays', () => {
    const read = parseItf(JSON.parse(text));
    assert.deepEqual(read, written);
    assert.equal(itfText(read), text);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(itfJson(read))));
    assert.equal(replayTrace(model, read).failure, undefined);
  });

  it('writes a state as its "#meta", the state variables, the action and the response', () => {
    const second = JSON.parse(text).states[1];
    assert.deepEqual(Object.keys(second), ['#meta', 'active', 'activity', 'mode', 'oss', 'p2m', 'memory', 'cache', 'tlb', 'action', 'response']);
    assert.deepEqual(second['#meta'], { index: 1 });
    assert.equal(second.action, formatAction(trace.steps[0]!.action));
    assert.equal(second.response, formatResponse(trace.steps[0]!.response));
  });

  it('names where a malformed trace is wrong', () => {
    const tampered = (change: (json: { [key: string]: any }) => void): unknown => {
      const json = JSON.parse(text);
      change(json);
      return json;
    };
    const cases: [unknown, RegExp][] = [
      [[], /expected a JSON object/],
      [tampered((j) => delete j['#meta']), /"#meta" is missing/],
      [tampered((j) => (j.vars = j.vars.filter((v: string) => v !== 'tlb'))), /^not a virtcheck ITF trace: vars: lacks "tlb"$/],
      [tampered((j) => (j.vars[2] = 3)), /vars\[2\]: 3 is not a variable name/],
      [tampered((j) => (j.states = [])), /"states" is missing or empty/],
      [tampered((j) => (j.states[1] = 'x')), /states\[1\]: not an object/],
      [tampered((j) => delete j.states[2].memory), /states\[2\]: lacks "memory"/],
      [tampered((j) => (j.states[2].action = 4)), /states\[2\]\.action: not a string/],
      [tampered((j) => (j.states[1].memory[0].owner.value = { '#bigint': '' })), /states\[1\]\.memory\[0\]\.owner\.value\["#bigint"\]: "" is not a string of decimal digits/],
      [tampered((j) => (j.states[1].oss['#map'][0] = [1])), /states\[1\]\.oss\["#map"\]\[0\]: a map entry is \[key, value\], not 1 elements/],
      [tampered((j) => (j.states[0]['#meta'] = 1)), /states\[0\]\["#meta"\]: not an object/],
      [tampered((j) => (j.loop = j.states.length)), new RegExp(`loop: ${JSON.parse(text).states.length} is not the index of a state`)],
    ];
    for (const [json, message] of cases) {
      assert.throws(() => parseItf(json), (e: unknown) => e instanceof TraceFormatError && /^not a virtcheck ITF trace: /.test(e.message) && message.test(e.message), String(message));
    }
  });

  it('leaves "#meta" and a state\'s own "#meta" as free-form JSON', () => {
    const read: ItfTrace = parseItf(JSON.parse(text.replace('"index":1', '"index":1,"note":[null,{"#bigint":"x"}]')));
    assert.deepEqual(read.states[1]!.meta, { index: 1, note: [null, { '#bigint': 'x' }] });
  });
});
