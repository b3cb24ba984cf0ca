// Step consistency, the part of isolation that compares states with each
// other, without comparing all pairs: per OS, states are grouped by the
// fingerprint of their view, and each state is compared with the first of its
// class (memory proportional to the number of classes). Classes are met in
// breadth-first order, so the first conflict found has the shortest longer
// trace: if two states s, t of a class disagree on an action, the class's
// first state, no deeper than either, disagrees with one of them.
import { ChunkedUint32 } from '../hash/chunked.js';
import { FingerprintIndex } from '../hash/fingerprint-index.js';
import { formatAction } from '../state/actions.js';
import { range, type Context } from '../state/context.js';
import { osOrbitRepresentatives, type OsPermutation } from '../hash/symmetry-group.js';
import { alphabetOf } from '../spec/alphabet.js';
import { formatResponse, sameResponse } from '../spec/response.js';
import { STEP_CONSISTENCY_WORDS, WORD, switchIndices } from './isolation.js';
import { recipientOf } from './observation.js';
import { Views, viewDifferences } from './views.js';
import { extendTrace, lastState } from '../spec/trace.js';
import type { FirstFinding, TransitionObserver } from './coordinator.js';
import type { Counterexample, TraceTools } from './verdict.js';
import { imagesOf } from './orbit-images.js';
import { CheckpointCorrupt, type Checkpointable, type SnapshotReader, type SnapshotWriter } from '../hash/snapshot.js';

const NONE = 0xffffffff;

/** The view classes of one OS: for each, its first state and what it observed. */
class ViewClasses implements Checkpointable {
  readonly index = new FingerprintIndex();
  /** First state of the class (for the actions of an active OS). */
  readonly first = new ChunkedUint32();
  readonly observedHi = new ChunkedUint32();
  readonly observedLo = new ChunkedUint32();
  /** First state of the class in which switch(i) is enabled, and the view it leads to. */
  readonly switchFirst = new ChunkedUint32();
  readonly switchHi = new ChunkedUint32();
  readonly switchLo = new ChunkedUint32();
  /** Under symmetry reduction: the group element taking `first` (`switchFirst`) to the state meant. */
  readonly firstElement = new ChunkedUint32();
  readonly switchElement = new ChunkedUint32();

  private get columns(): Record<string, ChunkedUint32> {
    const { first, observedHi, observedLo, switchFirst, switchHi, switchLo, firstElement, switchElement } = this;
    return { first, observedHi, observedLo, switchFirst, switchHi, switchLo, firstElement, switchElement };
  }

  saveTo(out: SnapshotWriter, name: string): void {
    this.index.saveTo(out, `${name}.views`);
    for (const [column, values] of Object.entries(this.columns)) values.saveTo(out, `${name}.${column}`);
  }

  /** Into empty classes. */
  loadFrom(from: SnapshotReader, name: string): void {
    this.index.loadFrom(from, `${name}.views`);
    for (const [column, values] of Object.entries(this.columns)) {
      values.loadFrom(from, `${name}.${column}`);
      if (values.size !== this.index.size) throw new CheckpointCorrupt(`${name}: ${this.index.size} view classes and ${values.size} entries of ${column}`);
    }
  }
}

/**
 * `symmetry`: under symmetry reduction, the OS part of the group. Each
 * expanded representative then comes with the measurements of every state of
 * its orbit (src/props/orbit-images.ts), for the least OS of each orbit of
 * the group's OS permutations only: that OS's classes and comparisons are
 * those of the unreduced run, and each other OS's are their images under the
 * group (the reachable states are closed under it), which hold a conflict
 * exactly when these do.
 */
export function stepConsistencyObserver(ctx: Context, symmetry?: readonly OsPermutation[]): TransitionObserver {
  const reduced = symmetry !== undefined;
  const oses = symmetry ? osOrbitRepresentatives(ctx.n, symmetry) : range(ctx.n);
  const classes = Array.from({ length: ctx.n }, () => new ViewClasses());
  const switches = switchIndices(ctx);
  return {
    onBatch(firstId, depth, result, _targets, report) {
      const raw = result.analyses.isolation;
      if (!raw) throw new Error('a batch came without its step-consistency measurements');
      const images = reduced ? imagesOf(raw, result.count) : null;
      const data = images ? images.inner : raw;
      const measured = images ? images.images : result.count;
      // A batch without its measurements would leave states uncompared: the verdict could not be trusted.
      if (data.length !== measured * oses.length * STEP_CONSISTENCY_WORDS) throw new Error('a batch came without its step-consistency measurements');
      if (!images) {
        for (let k = 0; k < result.count; k++) compare(firstId + k, 0, k, depth, data, report);
        return;
      }
      const { header } = images;
      let row = 0;
      let at = 0;
      for (let k = 0; k < result.count; k++) {
        const m = header[at++]!;
        for (let j = 0; j < m; j++) compare(firstId + k, header[at++]!, row++, depth, data, report);
      }
    },
    saveTo: (out, name) => classes.forEach((c, i) => c.saveTo(out, `${name}.os${i}`)),
    loadFrom: (from, name) => classes.forEach((c, i) => c.loadFrom(from, `${name}.os${i}`)),
  };

  /** Compares the state measured in row `row` (representative `id`'s image by `element`) with the first of its class, per OS. */
  function compare(id: number, element: number, row: number, depth: number, data: Uint32Array, report: (finding: FirstFinding) => void): void {
    const images = reduced ? { element } : {};
    for (let k = 0; k < oses.length; k++) {
      const i = oses[k]!;
      const at = (row * oses.length + k) * STEP_CONSISTENCY_WORDS;
      const c = classes[i]!;
      const added = c.index.add(data[at + WORD.viewHi]!, data[at + WORD.viewLo]!);
      const switchEnabled = data[at + WORD.switchEnabled] === 1;
      if (added >= 0) {
        c.first.push(id);
        c.firstElement.push(element);
        c.switchElement.push(element);
        c.observedHi.push(data[at + WORD.observedHi]!);
        c.observedLo.push(data[at + WORD.observedLo]!);
        c.switchFirst.push(switchEnabled ? id : NONE);
        c.switchHi.push(data[at + WORD.switchHi]!);
        c.switchLo.push(data[at + WORD.switchLo]!);
        continue;
      }
      const cls = -added - 1;
      if (c.observedHi.get(cls) !== data[at + WORD.observedHi] || c.observedLo.get(cls) !== data[at + WORD.observedLo]) {
        const related = reduced ? { relatedElement: c.firstElement.get(cls) } : {};
        report({ property: 'isolation', stateId: id, related: c.first.get(cls), os: i, depth, action: -1, detail: 'step consistency', ...images, ...related });
      }
      if (!switchEnabled) continue;
      if (c.switchFirst.get(cls) === NONE) {
        c.switchFirst.set(cls, id);
        c.switchElement.set(cls, element);
        c.switchHi.set(cls, data[at + WORD.switchHi]!);
        c.switchLo.set(cls, data[at + WORD.switchLo]!);
      } else if (c.switchHi.get(cls) !== data[at + WORD.switchHi] || c.switchLo.get(cls) !== data[at + WORD.switchLo]) {
        const related = reduced ? { relatedElement: c.switchElement.get(cls) } : {};
        report({ property: 'isolation', stateId: id, related: c.switchFirst.get(cls), os: i, depth, action: switches[i]!, detail: 'step consistency', ...images, ...related });
      }
    }
  }
}

/**
 * The counterexample of a step-consistency finding: the two shortest traces to
 * the states OS i cannot tell apart, each extended by the first action (in
 * alphabet order) after which i can.
 */
export function stepConsistencyCounterexample(tools: TraceTools, finding: FirstFinding): Counterexample {
  const { model } = tools;
  const { ctx, step } = model;
  const i = finding.os!;
  const views = new Views(ctx);
  const first = tools.trace(finding.related!, finding.relatedElement);
  const second = tools.trace(finding.stateId, finding.element);
  const s = lastState(first);
  const t = lastState(second);
  const actions = alphabetOf(ctx).actions;
  const candidates = finding.action >= 0 ? [finding.action] : actions.map((_, ai) => ai);
  for (const ai of candidates) {
    const a = actions[ai]!;
    const x = step(ctx, s, a);
    const y = step(ctx, t, a);
    const differences: string[] = [];
    if (!x || !y) {
      if (finding.action >= 0 || x === y) continue;
      differences.push(`${formatAction(a)} is ${x ? 'enabled' : 'disabled'} in the first and ${y ? 'enabled' : 'disabled'} in the second`);
    } else {
      if (recipientOf(s, a) === i && !sameResponse(x.response, y.response)) {
        differences.push(`it answers ${formatResponse(x.response)} in the first and ${formatResponse(y.response)} in the second`);
      }
      differences.push(...viewDifferences(i, views.of(i, x.state), views.of(i, y.state), ['in the first run', 'in the second']));
    }
    if (differences.length === 0) continue;
    const traces = [
      { label: 'first', trace: extendTrace(model, first, ai) },
      { label: 'second', trace: extendTrace(model, second, ai) },
    ];
    return {
      traces,
      action: { index: ai, action: a, outcome: y },
      length: Math.max(first.steps.length, second.steps.length) + 1,
      detail: `step consistency: OS ${i} cannot tell the two states apart, but after ${formatAction(a)} ${differences.join('; ')}`,
    };
  }
  throw new Error(`step consistency: no action separates states ${finding.related} and ${finding.stateId} for OS ${i}`);
}
