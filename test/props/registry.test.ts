// The registry: one declaration per property name, filed under its own name,
// each saying how it behaves under symmetry reduction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROPERTY_NAMES } from '../../src/props/property.js';
import { PROPERTIES } from '../../src/props/registry.js';

describe('property registry', () => {
  it('holds exactly the property names, each filed under its own name', () => {
    assert.deepEqual(Object.keys(PROPERTIES).sort(), [...PROPERTY_NAMES].sort());
    for (const name of PROPERTY_NAMES) assert.equal(PROPERTIES[name].name, name);
  });

  it('says for every property how symmetry reduction treats it, and why', () => {
    for (const property of Object.values(PROPERTIES)) {
      assert.ok(['sound', 'on-orbit-images', 'quotient', 'unsound'].includes(property.symmetry.reduction), property.name);
      assert.ok(property.symmetry.why.length > 0, property.name);
    }
    const reductions = Object.fromEntries(Object.values(PROPERTIES).map((p) => [p.name, p.symmetry.reduction]));
    assert.deepEqual(reductions, { valid: 'sound', conformance: 'sound', isolation: 'on-orbit-images', transparency: 'sound', availability: 'quotient' });
  });
});
