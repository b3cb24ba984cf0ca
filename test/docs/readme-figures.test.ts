// The figures the README quotes (counts, verdicts, counterexample lengths,
// depths; timings excepted) against runs of the checker. Rows whose runs are
// too long for the suite are checked when VIRTCHECK_FIGURES=all.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { check, type CheckResult } from '../../src/check/check.js';
import { PROPERTY_NAMES, type PropertyName } from '../../src/props/property.js';
import { parseConfig, parseConfigText } from '../../src/state/config.js';
import { NOT_BENCHED, THREE_OS, verdictsText } from '../../bench/symmetry-configs.js';
import { modelOf } from '../../src/spec/model.js';

const README = readFileSync('README.md', 'utf8');
/** Above this many states a row is checked only when asked for (VIRTCHECK_FIGURES=all). */
const SUITE_LIMIT = process.env['VIRTCHECK_FIGURES'] === 'all' ? Infinity : 30_000;

/** The body rows of the markdown tables whose header starts with `header`, in order. */
function tableRows(header: string): string[][] {
  const lines = README.split('\n');
  const starts = lines.flatMap((l, i) => (l.startsWith(`| ${header}`) ? [i] : []));
  assert.ok(starts.length > 0, `the README has a table headed "${header}"`);
  const rows: string[][] = [];
  for (const start of starts) {
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
    }
  }
  return rows;
}

const count = (text: string) => Number(text.replace(/,/g, ''));

const runs = new Map<string, Promise<CheckResult>>();
/** One run per configuration, properties and reduction, shared by the assertions. */
function run(config: string, properties: readonly PropertyName[], symmetry: boolean): Promise<CheckResult> {
  const key = `${config} ${properties.join(',')} ${symmetry}`;
  let result = runs.get(key);
  if (!result) {
    const inline = THREE_OS[config];
    const model = modelOf(inline ? parseConfig(inline, 'bench') : parseConfigText(readFileSync(`configs/${config}.json`, 'utf8')));
    // Exhaustive: the tables count whole state spaces, violated properties or not.
    runs.set(key, (result = check(model, { properties, symmetry, limits: { exhaustive: true } })));
  }
  return result;
}

const verdictText = (result: CheckResult): string => verdictsText(result.verdicts);

const symmetryRows = tableRows('configuration | properties | verdicts (counterexample length)');
/** The state count of each configuration, as the symmetry table says (a wrong one fails there). */
const statesOf = new Map(symmetryRows.map((row) => [row[0]!, count(row[4]!)]));

describe('README: symmetry reduction on the shipped and three-OS configurations', () => {
  const rows = symmetryRows;
  it('lists every shipped configuration (but those too large to run unreduced) and the three-OS ones', () => {
    const names = new Set(rows.map((row) => row[0]));
    for (const file of readdirSync('configs').filter((f) => f.endsWith('.json'))) {
      const name = file.replace(/\.json$/, '');
      assert.ok(names.has(name) !== (NOT_BENCHED[name] !== undefined), file);
    }
    for (const name of Object.keys(THREE_OS)) assert.ok(names.has(name), name);
  });
  for (const [config, properties, verdicts, same, states, , , group, orbits, , , reduction] of rows) {
    const checked = count(states!) <= SUITE_LIMIT;
    it(`${config} (${properties}): ${states} states, ${orbits} orbits`, { skip: checked ? false : 'a long run (VIRTCHECK_FIGURES=all)' }, async () => {
      const names = properties!.split(',').map((p) => p.trim()) as PropertyName[];
      const without = await run(config!, names, false);
      const reduced = await run(config!, names, true);
      assert.equal(verdictText(without), verdicts);
      const sameStates = (reduced.engine.represented?.states ?? reduced.engine.store.size) === without.engine.store.size;
      assert.equal(same, verdictText(reduced) === verdicts && sameStates ? 'yes' : 'NO');
      assert.equal(without.engine.store.size, count(states!));
      if (!reduced.symmetry.applied) return assert.equal(`not applied: ${reduced.symmetry.reason}`, group);
      assert.equal(reduced.engine.represented!.states, count(states!));
      const { osPermutations, valuePermutations, subgroup } = reduced.symmetry.group!;
      assert.equal(`${osPermutations} x ${valuePermutations} (${subgroup})`, group);
      assert.equal(reduced.engine.store.size, count(orbits!));
      assert.equal(`${(without.engine.store.size / reduced.engine.store.size).toFixed(2)}x`, reduction);
    });
  }
});

describe('README: design knobs and what they break', () => {
  const rows = tableRows('knob (configuration)');
  it('names configurations of the symmetry table (whose counts decide which rows run)', () => {
    for (const [knob] of rows) assert.ok(statesOf.has(/\(`([a-z-]+)`\)/.exec(knob!)?.[1] ?? ''), knob);
  });
  for (const [knob, broken, lengths] of rows) {
    const config = /\(`([a-z-]+)`\)/.exec(knob!)?.[1];
    const checked = (statesOf.get(config ?? '') ?? Infinity) <= SUITE_LIMIT;
    it(`${config}: ${broken}`, { skip: checked ? false : 'a long run (VIRTCHECK_FIGURES=all)' }, async () => {
      assert.ok(config, `a configuration named in "${knob}"`);
      const result = await run(config, PROPERTY_NAMES, false);
      if (broken === 'nothing') {
        assert.deepEqual(result.verdicts.filter((v) => v.status !== 'holds'), []);
        return;
      }
      if (broken!.startsWith('availability:')) {
        // "availability: part, part, ...; the papers' form holds" with one length or lasso per broken part.
        const [violatedParts, held] = broken!.slice('availability:'.length).split(';');
        const titles = violatedParts!.split(',').map((p) => p.trim());
        const figures = lengths!.split(',').map((l) => l.trim());
        const availability = result.verdicts.find((v) => v.property === 'availability')!;
        const parts = availability.parts ?? [];
        titles.forEach((title, i) => {
          const part = parts.find((p) => p.title === title);
          assert.equal(part?.status, 'violated', title);
          assert.equal(part.lasso ? `lasso ${part.lasso.prefix} + ${part.lasso.cycle}` : String(part.length), figures[i], title);
        });
        const heldTitle = held!.trim().replace(/ holds$/, '');
        assert.equal(parts.find((p) => p.title === heldTitle)?.status, 'holds', heldTitle);
        for (const v of result.verdicts) if (v.property !== 'availability') assert.equal(v.status, 'holds', v.property);
        return;
      }
      const names = broken!.split(',').map((b) => b.trim().replace(/ \(conjunct \d+\)$/, ''));
      const figures = lengths!.split(',').map((l) => Number(l.trim()));
      for (const v of result.verdicts) {
        const i = names.indexOf(v.property);
        assert.equal(v.status, i >= 0 ? 'violated' : 'holds', v.property);
        if (v.status === 'violated') assert.equal(v.counterexample.length, figures[i], v.property);
      }
      const conjunct = /valid \(conjunct (\d+)\)/.exec(broken!)?.[1];
      if (conjunct) {
        const valid = result.verdicts.find((v) => v.property === 'valid');
        assert.match(valid?.status === 'violated' ? valid.counterexample.detail : '', new RegExp(`conjunct ${conjunct} `));
      }
    });
  }
});

describe('README: the scale run', () => {
  for (const [config, properties, states, orbits, verdict] of tableRows('configuration | properties | states | orbits')) {
    const checked = count(orbits!) <= SUITE_LIMIT;
    it(`${config} (${properties}): ${states} states, ${orbits} orbits, ${verdict}`, { skip: checked ? false : 'a long run (VIRTCHECK_FIGURES=all)' }, async () => {
      assert.ok(properties === 'valid' || properties === 'every property', properties);
      const result = await run(config!, properties === 'valid' ? ['valid'] : PROPERTY_NAMES, true);
      assert.equal(result.engine.store.size, count(orbits!));
      assert.equal(result.engine.represented?.states, count(states!));
      assert.equal(result.verdicts.map((v) => `${v.property} ${v.status}`).join(', '), verdict);
    });
  }
});
