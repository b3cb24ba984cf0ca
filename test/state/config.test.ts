// Configurations: defaults, the shipped files, and a specific error for each
// kind of malformed input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ConfigError, ConfigSyntaxError, DEFAULT_KNOBS, parseConfig, parseConfigText } from '../../src/state/config.js';

const minimal = { oses: [{ trusted: false }] };

function rejects(config: unknown, key: string, problem: RegExp): void {
  assert.throws(
    () => parseConfig(config),
    (e: unknown) => e instanceof ConfigError && e.key === key && problem.test(e.problem),
    `expected an error at ${key} matching ${problem}`,
  );
}

describe('configuration defaults', () => {
  it('applies MODEL.md section 8 defaults to every key but oses', () => {
    const config = parseConfig(minimal, 'mine');
    assert.equal(config.name, 'mine');
    assert.deepEqual(
      [config.virtualAddresses, config.reservedVirtualAddresses, config.physicalAddresses, config.machinePages, config.values],
      [2, 0, 2, 4, 2],
    );
    assert.deepEqual(config.cache, { size: 1, policy: 'lru' });
    assert.deepEqual(config.tlb, { size: 1, policy: 'lru' });
    assert.deepEqual(config.hypervisor, DEFAULT_KNOBS);
    assert.deepEqual(config.observe, { machineAddresses: false });
  });

  it('fills the missing keys of a partial object one by one', () => {
    const config = parseConfig({ ...minimal, cache: { policy: 'fifo' }, hypervisor: { allocation: 'shared' } });
    assert.deepEqual(config.cache, { size: 1, policy: 'fifo' });
    assert.equal(config.hypervisor.allocation, 'shared');
    assert.equal(config.hypervisor.flushCacheOnSwitch, true);
  });
});

describe('shipped configurations', () => {
  const dir = new URL('../../../configs/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('include the default and one per non-default knob', () => {
    assert.ok(files.includes('default.json'));
    const knobs = new Set<string>();
    for (const file of files) {
      const json = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      for (const [knob, value] of Object.entries(json.hypervisor ?? {})) {
        if (value !== DEFAULT_KNOBS[knob as keyof typeof DEFAULT_KNOBS]) knobs.add(knob);
      }
      if (json.observe?.machineAddresses) knobs.add('observe.machineAddresses');
    }
    assert.deepEqual([...knobs].sort(), [...Object.keys(DEFAULT_KNOBS), 'observe.machineAddresses'].sort());
  });

  for (const file of files) {
    it(`${file} is valid, named after its file and described`, () => {
      const config = parseConfigText(readFileSync(new URL(file, dir), 'utf8'));
      assert.equal(`${config.name}.json`, file);
      assert.ok(config.description.length > 20);
    });
  }

  it('default.json is exactly the table of MODEL.md section 8', () => {
    const config = parseConfigText(readFileSync(new URL('default.json', dir), 'utf8'));
    assert.deepEqual(config, parseConfig({ ...minimal, oses: [{ trusted: false }, { trusted: false }], name: 'default', description: config.description }));
  });
});

describe('malformed configurations', () => {
  it('a configuration must be an object with oses', () => {
    rejects([], '', /expected an object, got an array/);
    rejects({}, 'oses', /is required/);
  });

  it('unknown keys, at the top and inside', () => {
    rejects({ ...minimal, pages: 3 }, 'pages', /unknown key/);
    rejects({ ...minimal, cache: { size: 1, ways: 2 } }, 'cache.ways', /unknown key/);
    rejects({ ...minimal, hypervisor: { flushOnSwitch: false } }, 'hypervisor.flushOnSwitch', /unknown key/);
    rejects({ oses: [{ trusted: false, name: 'a' }] }, 'oses[0].name', /unknown key/);
  });

  it('wrong types', () => {
    rejects({ oses: {} }, 'oses', /expected an array/);
    rejects({ ...minimal, values: '2' }, 'values', /expected an integer, got "2"/);
    rejects({ ...minimal, values: 1.5 }, 'values', /expected an integer/);
    rejects({ oses: [{ trusted: 'yes' }] }, 'oses[0].trusted', /expected true or false/);
    rejects({ ...minimal, tlb: 2 }, 'tlb', /expected an object/);
    rejects({ ...minimal, name: 7 }, 'name', /expected a string/);
  });

  it('out-of-range numbers', () => {
    rejects({ oses: [] }, 'oses', /0 OSes is out of range/);
    rejects({ ...minimal, virtualAddresses: 0 }, 'virtualAddresses', /out of range/);
    rejects({ ...minimal, physicalAddresses: 99 }, 'physicalAddresses', /out of range/);
    rejects({ ...minimal, values: -1 }, 'values', /out of range/);
    rejects({ ...minimal, cache: { size: -1 } }, 'cache.size', /out of range/);
  });

  it('impossible combinations', () => {
    rejects({ ...minimal, virtualAddresses: 2, reservedVirtualAddresses: 2 }, 'reservedVirtualAddresses', /must be less than virtualAddresses/);
    rejects({ oses: [{}, {}, {}], machinePages: 2 }, 'machinePages', /fewer than the 3 OSes/);
  });

  it('bad choices and names', () => {
    rejects({ ...minimal, cache: { policy: 'random' } }, 'cache.policy', /expected one of "lru", "fifo"/);
    rejects({ ...minimal, hypervisor: { allocation: 'pooled' } }, 'hypervisor.allocation', /expected one of/);
    rejects({ ...minimal, name: '../escape' }, 'name', /not a valid name/);
  });

  it('text that is not JSON', () => {
    assert.throws(() => parseConfigText('{ "oses": [ }'), ConfigSyntaxError);
  });
});
