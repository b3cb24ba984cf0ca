// Step consistency under symmetry reduction measures each image g·s of a
// state from s, its outcomes and g, without building g·s
// (src/props/orbit-images.ts, src/props/renaming.ts). Its data must be those
// of the plain way, kept here as the reference: build each distinct image
// (canonical encoding, `canon.apply`, decode), take every action from it
// again, and run the plain analysis on it, keeping what it measured of the
// least OS of each orbit of the group (the others' measurements are their
// images). Compared on every reachable state of small configurations, under
// every element of the full group.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Canonicaliser } from '../../src/hash/canonical.js';
import { createFingerprinter } from '../../src/hash/fingerprint.js';
import { groupElements, osOrbitRepresentatives, osPermutations } from '../../src/hash/symmetry-group.js';
import { imagesOf, orbitImagesAnalysis } from '../../src/props/orbit-images.js';
import { STEP_CONSISTENCY_WORDS, stepConsistencyAnalysis } from '../../src/props/isolation.js';
import type { LocalAnalysis } from '../../src/props/property.js';
import { Views } from '../../src/props/views.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import type { Context } from '../../src/state/context.js';
import { StateCodec } from '../../src/state/encoding.js';
import type { State } from '../../src/state/records.js';
import { THREE } from '../fixtures/three-os.js';
import { contextOf, reachableStates } from '../helpers.js';

/** The reference: each distinct image decoded, its actions taken, the plain analysis run on it; the same data layout. */
function imageBuildingAnalysis(ctx: Context, plain: LocalAnalysis): LocalAnalysis {
  const codec = new StateCodec(ctx);
  const permutations = osPermutations(ctx);
  const canon = new Canonicaliser(ctx, permutations);
  const elements = groupElements(ctx, permutations);
  const actions = alphabetOf(ctx).actions;
  const kept = osOrbitRepresentatives(ctx.n, permutations);
  let headers: number[] = [];
  return {
    property: plain.property,
    state(s) {
      const images = new Map<string, number>();
      elements.forEach((g, k) => {
        const key = Buffer.from(canon.apply(codec.encode(s), g)).toString('latin1');
        if (!images.has(key)) images.set(key, k);
      });
      headers.push(images.size, ...images.values());
      for (const key of images.keys()) {
        const image = codec.decode(Buffer.from(key, 'latin1'));
        plain.state(
          image,
          actions.map((a) => step(ctx, image, a)),
        );
      }
    },
    take() {
      const data = plain.take();
      const rows = data.length / (ctx.n * STEP_CONSISTENCY_WORDS);
      const words = (row: number, os: number) => [...data.subarray((row * ctx.n + os) * STEP_CONSISTENCY_WORDS, (row * ctx.n + os + 1) * STEP_CONSISTENCY_WORDS)];
      const ofKept = Array.from({ length: rows }, (_, row) => kept.flatMap((os) => words(row, os)));
      const taken = Uint32Array.from([headers.length, ...headers, ...ofKept.flat()]);
      headers = [];
      return taken;
    },
  };
}

const CONFIGS: Record<string, Record<string, unknown>> = {
  'three OSes (OS 1 <-> 2), two values, freed pages not scrubbed': { ...THREE, values: 2, hypervisor: { scrubFreedPages: false } },
  'three OSes, shared allocation, every OS permutation': { oses: [{}, {}, {}], virtualAddresses: 1, physicalAddresses: 2, values: 2, machinePages: 3, hypervisor: { allocation: 'shared' } },
  'one untrusted and two trusted OSes': { oses: [{}, { trusted: true }, { trusted: true }], virtualAddresses: 1, physicalAddresses: 2, values: 2, machinePages: 4 },
  'two trusted OSes, TLB kept on switch': { oses: [{ trusted: true }, { trusted: true }], virtualAddresses: 1, values: 2, physicalAddresses: 2, machinePages: 4, tlb: { size: 1 }, hypervisor: { flushTlbOnSwitch: false } },
  'partitioned, observed machine addresses, cache kept on switch': {
    virtualAddresses: 1,
    values: 2,
    physicalAddresses: 2,
    machinePages: 4,
    cache: { size: 1 },
    observe: { machineAddresses: true },
    hypervisor: { flushCacheOnSwitch: false },
  },
  'shared allocation, observed machine addresses, TLB kept on switch': {
    virtualAddresses: 1,
    values: 2,
    physicalAddresses: 2,
    machinePages: 3,
    tlb: { size: 1 },
    observe: { machineAddresses: true },
    hypervisor: { allocation: 'shared', flushTlbOnSwitch: false, scrubFreedPages: false },
  },
};

describe('step consistency on orbit images, without building the images', () => {
  for (const [name, config] of Object.entries(CONFIGS)) {
    it(name, async () => {
      const ctx = contextOf(config);
      const fingerprint = await createFingerprinter();
      const views = new Views(ctx);
      const measured = orbitImagesAnalysis(ctx, osPermutations(ctx), stepConsistencyAnalysis(ctx, views, fingerprint));
      const reference = imageBuildingAnalysis(ctx, stepConsistencyAnalysis(ctx, views, fingerprint));
      const actions = alphabetOf(ctx).actions;
      const reachable = reachableStates(ctx);
      let images = 0;
      reachable.forEach((s: State, k) => {
        measured.state(
          s,
          actions.map((a) => step(ctx, s, a)),
        );
        reference.state(s, []);
        const [got, expected] = [measured.take(), reference.take()];
        images += expected[1]!;
        if (got.length !== expected.length || got.some((word, w) => word !== expected[w])) {
          assert.fail(`state ${k} of ${reachable.length}: [${got.join(',')}] measured, [${expected.join(',')}] from the built images`);
        }
      });
      // Not only fixed points: states have images other than themselves.
      assert.ok(images > 1.2 * reachable.length, `${images} images of ${reachable.length} states`);
    });
  }
});

describe('reading a batch of orbit images', () => {
  // Two representatives: the first with images by elements 0 and 3, the second by 0 alone; then the inner data.
  const batch = Uint32Array.of(5, 2, 0, 3, 1, 0, 70, 71, 72);

  it('reads the header in place and counts the images', () => {
    const { header, images, inner } = imagesOf(batch, 2);
    assert.deepEqual([...header], [2, 0, 3, 1, 0]);
    assert.equal(images, 3);
    assert.deepEqual([...inner], [70, 71, 72]);
  });

  it('refuses a header that does not hold as many representatives as the batch', () => {
    assert.throws(() => imagesOf(batch, 1), /malformed header/);
    assert.throws(() => imagesOf(batch, 3), /malformed header/);
    assert.throws(() => imagesOf(Uint32Array.of(2, 3, 0, 70), 1), /malformed header/);
  });
});
