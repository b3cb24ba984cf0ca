// Availability (MODEL.md 6.4): verdicts against an independent oracle on the
// reference implementation's graph, the design knobs that break it, lassos
// that are fair and replay, and no "holds" from a limited run.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/state/config.js';
import { replayTrace } from '../../src/trace/replay.js';
import type { Verdict } from '../../src/check/check.js';
import { traceToItf } from '../../src/trace/itf.js';
import { resultJson } from '../../src/report/result.js';
import { verdictLine } from '../../src/report/summary.js';
import { checkCycle, checkReplays } from '../fixtures/lassos.js';
import { availabilityOracle } from '../fixtures/liveness-oracle.js';
import { referenceGraph } from '../reference/model.js';
import { checkWith, counterexampleIn } from '../helpers.js';
import { counterexampleOf } from '../../src/props/verdict.js';

const PARTS = ['no-lock-out', 'hypercalls-answered', 'every-os-runs', 'papers-form'];

const tiny = { virtualAddresses: 1, values: 1, physicalAddresses: 1 };
const SMALL: Record<string, Record<string, unknown>> = {
  'the default design': { oses: [{}, {}], ...tiny, machinePages: 2 },
  'a trusted OS': { oses: [{ trusted: true }, {}], ...tiny, physicalAddresses: 2, machinePages: 2 },
  'failed hypercalls kept': { oses: [{}, {}], ...tiny, physicalAddresses: 2, machinePages: 2, hypervisor: { consumeFailedHypercall: false } },
  'failed hypercalls kept, three OSes': { oses: [{}, {}, {}], ...tiny, machinePages: 3, hypervisor: { consumeFailedHypercall: false } },
  'switch with a pending hypercall': { oses: [{}, {}], ...tiny, physicalAddresses: 2, machinePages: 2, hypervisor: { switchWithPendingHypercall: true } },
  'switch with a pending hypercall, a trusted OS': {
    oses: [{ trusted: true }, {}],
    virtualAddresses: 1,
    values: 1,
    machinePages: 2,
    hypervisor: { switchWithPendingHypercall: true },
  },
};

const statuses = (verdict: Verdict) => verdict.parts!.map((p) => p.status);

/** Part statuses of a verdict, by name, and the counterexample trace of each violated part. */
function partsOf(verdict: Verdict) {
  assert.deepEqual(
    verdict.parts?.map((p) => p.name),
    PARTS,
  );
  return Object.fromEntries(
    verdict.parts!.map((p) => [p.name, { ...p, labeled: counterexampleOf(verdict)?.traces.find((t) => t.label === p.name) }]),
  );
}

describe('availability against an independent oracle', () => {
  for (const [name, config] of Object.entries(SMALL)) {
    it(name, async () => {
      const expected = availabilityOracle(referenceGraph(config));
      const { model, verdicts } = await checkWith(config, ['availability']);
      const parts = partsOf(verdicts[0]!);
      assert.equal(verdicts[0]!.status, Object.values(expected).some((e) => e.status === 'violated') ? 'violated' : 'holds');
      for (const part of PARTS) {
        const got = parts[part]!;
        assert.equal(got.status, expected[part]!.status, part);
        if (got.status === 'holds') {
          assert.equal(got.labeled, undefined);
          continue;
        }
        const labeled = got.labeled!;
        // Shortest: the lock-out trace, or the lasso's prefix, is as deep as the oracle's shallowest state.
        assert.equal(labeled.loop?.index ?? labeled.trace.steps.length, expected[part]!.depth, `${part}: depth`);
        assert.equal(got.length, labeled.trace.steps.length + (labeled.loop ? 1 : 0));
        if (part !== 'no-lock-out') {
          checkCycle(model, part, labeled);
          assert.deepEqual([got.lasso?.cycleMinimal, got.lasso?.cycleAtLeast], [true, got.lasso?.cycle], `${part}: proved shortest`);
        }
        checkReplays(model, labeled);
      }
    });
  }
});

describe('the design knobs of MODEL.md section 7', () => {
  const configs = fileURLToPath(new URL('../../../configs/', import.meta.url));
  const run = async (file: string) => checkWith(parseConfigText(readFileSync(`${configs}${file}`, 'utf8')) as never, ['availability']);
  let results: Record<string, Awaited<ReturnType<typeof run>>>;
  before(async () => {
    results = {
      default: await run('default.json'),
      keep: await run('keep-failed-hypercall.json'),
      switching: await run('switch-with-pending-hypercall.json'),
    };
  });

  it('the default design satisfies all four', () => {
    assert.equal(results.default!.verdicts[0]!.status, 'holds');
    assert.deepEqual(statuses(results.default!.verdicts[0]!), ['holds', 'holds', 'holds', 'holds']);
  });

  it('keeping a failed hypercall locks every OS out; the papers\' form still holds', () => {
    const { model, verdicts } = results.keep!;
    assert.deepEqual(statuses(verdicts[0]!), ['violated', 'violated', 'violated', 'holds']);
    const parts = partsOf(verdicts[0]!);
    assert.match(parts['no-lock-out']!.detail!, /OS 0 can never be active and running again; OS 1 can never/);
    for (const part of ['hypercalls-answered', 'every-os-runs']) checkCycle(model, part, parts[part]!.labeled!);
    for (const labeled of counterexampleIn(verdicts[0]!).traces) checkReplays(model, labeled);
  });

  it('switching away from a pending hypercall starves it; no OS is locked out', () => {
    const { model, verdicts } = results.switching!;
    assert.deepEqual(statuses(verdicts[0]!), ['holds', 'violated', 'violated', 'violated']);
    const parts = partsOf(verdicts[0]!);
    for (const part of ['hypercalls-answered', 'every-os-runs', 'papers-form']) checkCycle(model, part, parts[part]!.labeled!);
    for (const labeled of counterexampleIn(verdicts[0]!).traces) checkReplays(model, labeled);
  });

  it('with no memory for the cycle search, lassos are still fair and replay, and are not called shortest', async () => {
    const config = SMALL['switch with a pending hypercall']!;
    const exact = partsOf((await checkWith(config, ['availability'])).verdicts[0]!);
    const result = await checkWith(config, ['availability'], { cycleSearchBytes: 0 });
    const { model, verdicts } = result;
    const parts = partsOf(verdicts[0]!);
    const json = resultJson(model, { configFile: 'c.json', startedAt: new Date(0), workers: 0, limits: {} }, result, 13, new Map());
    const lines = verdictLine(verdicts[0]!).split('\n');
    let unproved = 0;
    for (const part of ['hypercalls-answered', 'every-os-runs', 'papers-form']) {
      const { lasso, detail, labeled } = parts[part]!;
      checkCycle(model, part, labeled!);
      checkReplays(model, labeled!);
      assert.equal(lasso!.prefix, exact[part]!.lasso!.prefix, part);
      assert.ok(lasso!.cycle >= exact[part]!.lasso!.cycle && lasso!.cycleAtLeast <= exact[part]!.lasso!.cycle, part);
      assert.equal(lasso!.cycleMinimal, lasso!.cycle === lasso!.cycleAtLeast, part);
      const partJson = json.verdicts.availability!.parts![part]!;
      assert.deepEqual([partJson.cycleMinimal, partJson.cycleAtLeast], [lasso!.cycleMinimal, lasso!.cycleMinimal ? undefined : lasso!.cycleAtLeast]);
      const line = lines.find((l) => l.includes(parts[part]!.title))!;
      if (lasso!.cycleMinimal) continue;
      unproved++;
      assert.match(detail!, new RegExp(`a fair cycle of ${lasso!.cycle} steps after ${lasso!.prefix}; shorter ones may exist, none of fewer than 1 steps`));
      assert.doesNotMatch(detail!, /shortest/);
      assert.match(line, new RegExp(`VIOLATED \\(lasso: ${lasso!.prefix} steps to a fair cycle of ${lasso!.cycle}; shorter ones may exist\\)`));
    }
    assert.ok(unproved > 0, 'some cycle is not proved shortest');
  });

  it('a lasso whose loop goes back to the wrong state does not replay', () => {
    const { model, verdicts } = results.switching!;
    const labeled = counterexampleIn(verdicts[0]!).traces[0]!;
    const itf = traceToItf(labeled, { source: 'test', description: 'moved loop' });
    const replayed = replayTrace(model, { ...itf, loop: itf.loop! - 1 });
    assert.match(replayed.failure?.problem ?? '', /closing the loop: .* does not lead back to state/);
  });
});

describe('availability on a limited run', () => {
  const config = { oses: [{}, {}], virtualAddresses: 1, values: 1 };

  it('is inconclusive, never "holds", when a bound stops the run', async () => {
    for (const limits of [{ maxDepth: 3 }, { maxStates: 500 }]) {
      const { engine, verdicts } = await checkWith(config, ['availability'], { limits });
      assert.equal(engine.complete, false);
      assert.equal(verdicts[0]!.status, 'inconclusive');
      assert.deepEqual(statuses(verdicts[0]!), ['inconclusive', 'inconclusive', 'inconclusive', 'inconclusive']);
    }
  });

  it('is decided when the bound lies beyond the whole graph', async () => {
    const full = await checkWith(config, ['availability']);
    const bounded = await checkWith(config, ['availability'], { limits: { maxDepth: full.engine.levels.length - 1 } });
    assert.equal(bounded.engine.complete, true);
    assert.deepEqual([bounded.verdicts[0]!.status, full.verdicts[0]!.status], ['holds', 'holds']);
  });
});
