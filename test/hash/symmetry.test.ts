// Symmetry reduction is sound: the executable specification commutes with
// every element of the symmetry group (the response permuted too), and valid
// states and conformance are invariant under it, for every reachable state
// and action of small configurations; the canonical representative is an
// image of the state under the group and the same for its whole orbit.
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import { StateCodec } from '../../src/state/encoding.js';
import { initialState } from '../../src/state/initial.js';
import type { Context } from '../../src/state/context.js';
import { formatAction, type Action } from '../../src/state/actions.js';
import type { State } from '../../src/state/records.js';
import { conformanceOf } from '../../src/props/conformance.js';
import { validityFailures } from '../../src/props/valid.js';
import { localPartsFor } from '../../src/props/registry.js';
import { createFingerprinter } from '../../src/hash/fingerprint.js';
import { Canonicaliser } from '../../src/hash/canonical.js';
import {
  groupOrder,
  interchangeableClasses,
  inverse,
  osOrbitRepresentatives,
  osPermutations,
  productTable,
  groupElements,
  compose,
  permutationsOf,
  permuteAction,
  permuteResponse,
  type SymmetryElement,
} from '../../src/hash/symmetry-group.js';
import { contextOf, NON_DEFAULT_KNOBS, reachableStates, statesByDepth } from '../helpers.js';

/** Every element of the group: OS permutations times value permutations. */
function groupOf(ctx: Context): SymmetryElement[] {
  const values = permutationsOf([...Array(ctx.K).keys()]);
  return osPermutations(ctx).flatMap((os) => values.map((v) => ({ os, values: v })));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The first reachable state and action where `g` does not commute with step, or null. */
function commutationFailure(ctx: Context, states: readonly State[], g: SymmetryElement): string | null {
  const codec = new StateCodec(ctx);
  const canon = new Canonicaliser(ctx);
  for (const s of states) {
    const encoded = codec.encode(s);
    const gs = codec.decode(canon.apply(encoded, g));
    for (const a of alphabetOf(ctx).actions) {
      const expected = step(ctx, s, a);
      const actual = step(ctx, gs, permuteAction(g, a));
      const where = () => `${formatAction(a)} from ${hex(encoded)}`;
      if (expected === null || actual === null) {
        if (expected !== actual) return `${where()}: enabled in one and not the other`;
        continue;
      }
      if (!isDeepStrictEqual(actual.response, permuteResponse(g, expected.response))) return `${where()}: responses differ`;
      if (!Buffer.from(codec.encode(actual.state)).equals(canon.apply(codec.encode(expected.state), g))) return `${where()}: successors differ`;
    }
  }
  return null;
}

const configurations: Record<string, Record<string, unknown>> = {
  'two untrusted OSes': { oses: [{}, {}], virtualAddresses: 1, values: 2 },
  'one OS, three values': { oses: [{}], virtualAddresses: 1, values: 3, machinePages: 2 },
  'three OSes, one trusted': { oses: [{}, {}, { trusted: true }], virtualAddresses: 1, values: 2, machinePages: 4 },
  'three interchangeable OSes': { oses: [{}, {}, {}], virtualAddresses: 1, values: 1, machinePages: 3 },
  'three OSes, unequal partitions': { oses: [{}, {}, {}], virtualAddresses: 1, values: 2, machinePages: 5, cache: { size: 0 }, tlb: { size: 0 } },
  'trusted OSes, FIFO cache of two, reserved address': {
    oses: [{ trusted: true }, { trusted: true }],
    virtualAddresses: 2,
    reservedVirtualAddresses: 1,
    values: 2,
    cache: { size: 2, policy: 'fifo' },
  },
  'shared allocation, no scrubbing': { oses: [{}, {}], virtualAddresses: 1, values: 2, machinePages: 3, hypervisor: { allocation: 'shared', scrubFreedPages: false } },
  'every non-default knob, trusted OSes': {
    oses: [{ trusted: true }, { trusted: true }],
    virtualAddresses: 1,
    values: 2,
    hypervisor: NON_DEFAULT_KNOBS,
  },
};

describe('the symmetry group', () => {
  it('holds the OSes of equal trust and partition size, and every value permutation', () => {
    const ctx = contextOf({ oses: [{}, {}, {}], machinePages: 5 });
    // Partitions of 5 pages among 3 OSes: {0, 1}, {2, 3}, {4}.
    assert.deepEqual(interchangeableClasses(ctx), [[0, 1], [2]]);
    assert.deepEqual(osPermutations(ctx).map((p) => p.ma), [
      [0, 1, 2, 3, 4],
      [2, 3, 0, 1, 4],
    ]);
    assert.deepEqual(groupOrder(ctx), { osPermutations: 2, valuePermutations: 2 });
    const shared = contextOf({ oses: [{}, {}, {}], machinePages: 5, hypervisor: { allocation: 'shared' } });
    assert.equal(osPermutations(shared).length, 6);
    assert.ok(osPermutations(shared).every((p) => p.ma.every((image, m) => image === m)));
    assert.deepEqual(interchangeableClasses(contextOf({ oses: [{ trusted: true }, {}] })), [[0], [1]]);
  });

  it('has a multiplication table: the identity first, each row a permutation, associative, and refused for a list that is not a group', () => {
    const ctx = contextOf({ oses: [{}, {}, {}], values: 2, hypervisor: { allocation: 'shared' } });
    const elements = groupElements(ctx, osPermutations(ctx));
    const m = elements.length;
    assert.equal(m, 12);
    const table = productTable(elements);
    const at = (j: number, k: number) => table[j * m + k]!;
    for (let j = 0; j < m; j++) {
      assert.equal(at(0, j), j);
      assert.equal(at(j, 0), j);
      assert.equal(new Set(Array.from({ length: m }, (_, k) => at(j, k))).size, m);
      for (let k = 0; k < m; k++) {
        assert.deepEqual(elements[at(j, k)]!.os.os, compose(elements[j]!, elements[k]!).os.os);
        for (let l = 0; l < m; l++) assert.equal(at(at(j, k), l), at(j, at(k, l)));
      }
    }
    assert.throws(() => productTable(elements.slice(0, 5)), /not a group/);
  });

  it('names the least OS of each orbit of its OS permutations', () => {
    const three = contextOf({ oses: [{}, {}, {}], machinePages: 5 });
    assert.deepEqual(osOrbitRepresentatives(3, osPermutations(three)), [0, 2]);
    const shared = contextOf({ oses: [{}, {}, {}], machinePages: 5, hypervisor: { allocation: 'shared' } });
    assert.deepEqual(osOrbitRepresentatives(3, osPermutations(shared)), [0]);
    const mixed = contextOf({ oses: [{}, { trusted: true }, {}, { trusted: true }], hypervisor: { allocation: 'shared' } });
    assert.deepEqual(osOrbitRepresentatives(4, osPermutations(mixed)), [0, 1]);
    assert.deepEqual(osOrbitRepresentatives(3, osPermutations(three).slice(0, 1)), [0, 1, 2], 'the identity alone');
  });

  it('leaves out what does not commute with step: OSes of unequal trust, OSes without their partitions, pages out of order', () => {
    const identityValues = [0, 1];
    const mixed = contextOf({ oses: [{ trusted: true }, {}], virtualAddresses: 1 });
    const swapMixed = { os: { os: [1, 0], ma: [2, 3, 0, 1] }, values: identityValues };
    assert.notEqual(commutationFailure(mixed, reachableStates(mixed), swapMixed), null);
    const plain = contextOf({ oses: [{}, {}], virtualAddresses: 1 });
    const swapInPlace = { os: { os: [1, 0], ma: [0, 1, 2, 3] }, values: identityValues };
    assert.notEqual(commutationFailure(plain, reachableStates(plain), swapInPlace), null);
    // pin takes the lowest free page: reordering pages changes which, once two are free.
    const roomy = contextOf({ oses: [{}], virtualAddresses: 1, values: 1, physicalAddresses: 3, machinePages: 3 });
    const reorder = { os: { os: [0], ma: [0, 2, 1] }, values: [0] };
    assert.notEqual(commutationFailure(roomy, reachableStates(roomy), reorder), null);
  });
});

for (const [name, config] of Object.entries(configurations)) {
  describe(`symmetry: ${name}`, () => {
    const ctx = contextOf(config);
    const codec = new StateCodec(ctx);
    const canon = new Canonicaliser(ctx);
    const group = groupOf(ctx);
    const actions = alphabetOf(ctx).actions;
    const reachable = reachableStates(ctx);

    it('step commutes with every element: step(g s, g a) = g step(s, a)', () => {
      assert.ok(group.length > 1, 'the configuration has a symmetry');
      for (const g of group) assert.equal(commutationFailure(ctx, reachable, g), null);
    });

    it('valid and conformance are invariant under every element', () => {
      const conjuncts = (s: Parameters<typeof validityFailures>[1]) => validityFailures(ctx, s).map((f) => f.conjunct);
      for (const s of reachable) {
        const encoded = codec.encode(s);
        const valid = conjuncts(s);
        const clauses = actions.map((a) => conformanceOf(ctx, s, a, step(ctx, s, a))?.clause ?? null);
        for (const g of group) {
          const gs = codec.decode(canon.apply(encoded, g));
          assert.deepEqual(conjuncts(gs), valid);
          actions.forEach((a, ai) => {
            const ga = permuteAction(g, a);
            assert.equal(conformanceOf(ctx, gs, ga, step(ctx, gs, ga))?.clause ?? null, clauses[ai]);
          });
        }
      }
    });

    it('transparency and locally respects fail at (g s, g a) exactly where they fail at (s, a)', async () => {
      const checks = localPartsFor({ ctx, step, fingerprint: await createFingerprinter() }, ['isolation', 'transparency']).checks;
      const fails = (x: State, a: Action) => checks.map((c) => c.transition!(x, a, step(ctx, x, a)) !== null);
      // Every fifth state keeps the test short; the states are in breadth-first order, so all depths are met.
      for (const s of reachable.filter((_, k) => k % 5 === 0)) {
        const encoded = codec.encode(s);
        const expected = actions.map((a) => fails(s, a));
        for (const g of group) {
          const gs = codec.decode(canon.apply(encoded, g));
          actions.forEach((a, ai) => assert.deepEqual(fails(gs, permuteAction(g, a)), expected[ai]));
        }
      }
    });

    it('the representative is an image of the state, decodes, and is the same for its whole orbit', () => {
      for (const s of reachable) {
        const encoded = codec.encode(s);
        const representative = canon.canonical(encoded);
        const g = canon.elementTo(encoded);
        assert.equal(hex(canon.apply(encoded, g)), hex(representative));
        assert.equal(hex(canon.apply(representative, inverse(g))), hex(encoded));
        assert.equal(hex(codec.encode(codec.decode(representative))), hex(representative));
        for (const h of group) assert.equal(hex(canon.canonical(canon.apply(encoded, h))), hex(representative));
      }
    });

    it('the orbit size is the number of distinct images, read off canonicalisation and counted on its own', () => {
      for (const s of reachable) {
        const encoded = codec.encode(s);
        const images = new Set(group.map((g) => hex(canon.apply(encoded, g)))).size;
        canon.canonical(encoded);
        assert.equal(canon.lastOrbitSize(), images, hex(encoded));
        assert.equal(canon.orbitSize(encoded, 0, encoded.length), images, hex(encoded));
      }
    });
  });
}

describe('the initial state and the reachable states under the group', () => {
  it('with partitioned allocation the reachable states are closed under the group (the initial state only moves the active OS)', () => {
    for (const config of [configurations['two untrusted OSes']!, configurations['three interchangeable OSes']!]) {
      const ctx = contextOf(config);
      const codec = new StateCodec(ctx);
      const canon = new Canonicaliser(ctx);
      const init = codec.encode(initialState(ctx));
      for (const g of groupOf(ctx)) {
        const image = codec.decode(canon.apply(init, g));
        assert.equal(hex(codec.encode(image)), hex(codec.encode(initialState(ctx).with({ active: g.os.os[0]! }))));
      }
      const keys = new Set(reachableStates(ctx).map((s) => hex(codec.encode(s))));
      for (const key of keys) {
        for (const g of groupOf(ctx)) assert.ok(keys.has(hex(canon.apply(Buffer.from(key, 'hex'), g))));
      }
    }
  });

  it('with shared allocation the orbits met by reachable states have unreachable members, and depth is kept', () => {
    const ctx = contextOf(configurations['shared allocation, no scrubbing']!);
    const codec = new StateCodec(ctx);
    const canon = new Canonicaliser(ctx);
    const byDepth = statesByDepth(ctx);
    const keys = new Set(byDepth.map(({ state }) => hex(codec.encode(state))));
    const images = byDepth.flatMap(({ state }) => groupOf(ctx).map((g) => hex(canon.apply(codec.encode(state), g))));
    assert.ok(images.some((key) => !keys.has(key)), 'some image of a reachable state is unreachable');
  });
});
