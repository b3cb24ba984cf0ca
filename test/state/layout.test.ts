// The byte layout (src/state/layout.ts): the walk finds every record where the
// encoder put it, and encoding a successor with the bytes the codec reuses
// from the state it decoded gives what a fresh codec gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StateCodec } from '../../src/state/encoding.js';
import { HEADER_ACTIVE, KIND_OTHER, KIND_PT, KIND_RW, layoutOf, OS_ABSENT, OS_CURR_PAGE, OS_PRESENT, OWNER_HYP, OWNER_NONE, OWNER_OS, PAGE_KIND, PAGE_OWNER } from '../../src/state/layout.js';
import { HYP, NONE } from '../../src/state/records.js';
import { alphabetOf } from '../../src/spec/alphabet.js';
import { step } from '../../src/spec/step.js';
import { contextOf, reachableStates } from '../helpers.js';

const ctx = contextOf({ oses: [{ trusted: true }, {}], virtualAddresses: 3, reservedVirtualAddresses: 1, machinePages: 3, cache: { size: 2 }, tlb: { size: 2 } });
const KINDS = { other: KIND_OTHER, rw: KIND_RW, pt: KIND_PT };

describe('state layout', () => {
  const states = reachableStates(ctx, 3000);

  it('locates every OS record, page and buffer of every encoding', () => {
    const layout = layoutOf(ctx);
    const codec = new StateCodec(ctx);
    const offsets = layout.offsets();
    for (const s of states) {
      // At an offset, to see that the walk is relative to where the state starts.
      const bytes = new Uint8Array([7, 7, ...codec.encode(s)]);
      layout.locate(bytes, 2, offsets);
      assert.equal(bytes[2 + HEADER_ACTIVE], s.active);
      for (let os = 0; os < ctx.n; os++) {
        const record = s.oss.get(os);
        assert.equal(bytes[offsets[os]!], record ? OS_PRESENT : OS_ABSENT);
        if (record) assert.equal(bytes[offsets[os]! + OS_CURR_PAGE], record.currPage);
      }
      s.memory.forEach((page, ma) => {
        const at = offsets[layout.memoryIndex + ma]!;
        assert.equal(bytes[at + PAGE_OWNER], page.owner === NONE ? OWNER_NONE : page.owner === HYP ? OWNER_HYP : OWNER_OS + page.owner);
        assert.equal(bytes[at + PAGE_KIND], KINDS[page.content.kind]);
      });
      assert.equal(bytes[offsets[layout.cacheIndex]!], s.cache.size);
      assert.equal(bytes[offsets[layout.tlbIndex]!], s.tlb.size);
      assert.equal(offsets[layout.endIndex], bytes.length);
      assert.ok(bytes.length - 2 <= layout.maxLength);
    }
  });

  it('encodes successors with reused segment bytes as a fresh codec does', () => {
    const codec = new StateCodec(ctx);
    const fresh = new StateCodec(ctx);
    const out = new Uint8Array(layoutOf(ctx).maxLength);
    let successors = 0;
    for (const s of states.slice(0, 400)) {
      const decoded = codec.decode(codec.encode(s));
      for (const a of alphabetOf(ctx).actions) {
        const next = step(ctx, decoded, a)?.state;
        if (!next) continue;
        const length = codec.encodeInto(next, out, 0);
        assert.deepEqual(out.slice(0, length), fresh.encode(next));
        successors++;
      }
    }
    assert.ok(successors > 1000);
  });
});
