// Expansion of a batch of states: decode each, apply every action of the
// alphabet, run the local property checks, and return successors as
// fingerprints and canonical bytes. It is the unit of work of a worker thread;
// the coordinator alone deduplicates.
import { Canonicaliser } from '../hash/canonical.js';
import type { OsPermutation, SymmetryElement } from '../hash/symmetry-group.js';
import { createFingerprinter, type Fingerprinter } from '../hash/fingerprint.js';
import { StateCodec, maxEncodedSize } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import { localPartsFor, PROPERTIES } from '../props/registry.js';
import type { LocalAnalysis, LocalCheck, LocalParts, PropertyName } from '../props/property.js';
import type { Outcome } from '../spec/response.js';
import type { Batch, BatchResult, Finding } from './batch.js';
import { Growable } from './growable.js';
import { orbitImagesAnalysis } from '../props/orbit-images.js';
import { quotientLabelsAnalysis } from '../props/quotient-labels.js';
import { packed } from './packed.js';
import type { Model } from '../spec/model.js';

/** What an expander is built with besides its model and properties: plain data, so a worker thread can be given it. */
export interface ExpanderOptions {
  /**
   * Fingerprint each successor's symmetry representative instead of the
   * successor (docs/checker.md): the OS part of the group reduced by.
   */
  readonly symmetry?: readonly OsPermutation[];
}

export class Expander {
  private readonly codec: StateCodec;
  private readonly actions;
  private readonly scratch: Uint8Array;
  private readonly stateChecks: LocalCheck[];
  private readonly transitionChecks: LocalCheck[];
  private readonly analyses: readonly LocalAnalysis[];
  /** The outcome of every action from the state being expanded, when an analysis needs them. */
  private readonly outcomes: (Outcome | null)[];
  /** Under reduction, for an analysis that wants them: the element that took each action's successor to its representative. */
  private readonly elements: (SymmetryElement | null)[] | undefined;
  // Successor columns, reused from batch to batch (a result is a packed copy).
  private readonly succAction = new Growable(Uint16Array, 1 << 12);
  private readonly succHi = new Growable(Uint32Array, 1 << 12);
  private readonly succLo = new Growable(Uint32Array, 1 << 12);
  private readonly succEnd = new Growable(Uint32Array, 1 << 12);
  /** Under reduction: the orbit size of each successor's representative (0 for a self-loop). */
  private readonly succWeight = new Growable(Uint32Array, 1 << 12);
  private readonly succBytes = new Growable(Uint8Array, 1 << 16);
  private readonly canonicaliser: Canonicaliser | null;
  private readonly representative: Uint8Array;

  constructor(
    private readonly model: Model,
    parts: LocalParts,
    private readonly fingerprint: Fingerprinter,
    options: ExpanderOptions = {},
  ) {
    this.codec = new StateCodec(model.ctx);
    this.actions = alphabetOf(model.ctx).actions;
    this.scratch = new Uint8Array(maxEncodedSize(model.ctx));
    this.stateChecks = parts.checks.filter((c) => c.state);
    this.transitionChecks = parts.checks.filter((c) => c.transition);
    const { symmetry } = options;
    this.analyses = symmetry
      ? parts.analyses.map((analysis) => underSymmetry(model, symmetry, analysis, this.codec))
      : parts.analyses;
    this.outcomes = new Array<Outcome | null>(this.actions.length).fill(null);
    this.canonicaliser = options.symmetry ? new Canonicaliser(model.ctx, options.symmetry) : null;
    this.elements = this.canonicaliser && this.analyses.some((analysis) => analysis.wantsElements) ? new Array<SymmetryElement | null>(this.actions.length).fill(null) : undefined;
    this.representative = new Uint8Array(this.scratch.length);
  }

  expand(batch: Batch): BatchResult {
    const { ctx, step } = this.model;
    const { actions, codec, scratch, fingerprint } = this;
    const { succAction, succHi, succLo, succEnd, succWeight, succBytes } = this;
    const count = batch.offsets.length - 1;
    const succStart = new Uint32Array(count + 1);
    for (const column of [succAction, succHi, succLo, succEnd, succWeight, succBytes]) column.clear();
    const coverage = new Uint32Array(actions.length * 3);
    const findings: Finding[] = [];

    const { stateChecks, transitionChecks, outcomes, elements, canonicaliser, representative } = this;
    for (let k = 0; k < count; k++) {
      succStart[k] = succAction.length;
      const s = codec.decode(batch.bytes, batch.offsets[k]!);
      for (let c = 0; c < stateChecks.length; c++) {
        const detail = stateChecks[c]!.state!(s);
        if (detail !== null) findings.push({ property: stateChecks[c]!.property, state: k, action: -1, detail });
      }
      for (let ai = 0; ai < actions.length; ai++) {
        const a = actions[ai]!;
        const outcome = step(ctx, s, a);
        outcomes[ai] = outcome;
        for (let c = 0; c < transitionChecks.length; c++) {
          const detail = transitionChecks[c]!.transition!(s, a, outcome);
          if (detail !== null) findings.push({ property: transitionChecks[c]!.property, state: k, action: ai, detail });
        }
        if (outcome === null) continue;
        coverage[ai * 3]++;
        coverage[ai * 3 + (outcome.response.kind === 'err' ? 2 : 1)]++;
        succAction.push(ai);
        if (outcome.state === s) {
          // A self-loop (errors, silent): no bytes, and the coordinator knows its id.
          succHi.push(0);
          succLo.push(0);
          succEnd.push(succBytes.length);
          if (canonicaliser) succWeight.push(0);
          continue;
        }
        // Unreduced, the successor is encoded in place; reduced, its representative is copied there.
        const start = succBytes.length;
        const out = succBytes.reserve(scratch.length);
        let end: number;
        if (canonicaliser) {
          const length = canonicaliser.canonicalise(scratch, 0, codec.encodeInto(outcome.state, scratch, 0), representative);
          if (elements) elements[ai] = canonicaliser.lastElement();
          succWeight.push(canonicaliser.lastOrbitSize());
          for (let i = 0; i < length; i++) out[start + i] = representative[i]!;
          end = start + length;
        } else {
          end = codec.encodeInto(outcome.state, out, start);
        }
        fingerprint.hash(out.subarray(start, end));
        succHi.push(fingerprint.hi);
        succLo.push(fingerprint.lo);
        succBytes.length = end;
        succEnd.push(end);
      }
      for (const analysis of this.analyses) analysis.state(s, outcomes, elements);
    }
    succStart[count] = succAction.length;
    const measured = this.analyses.map((analysis) => analysis.take());
    const [start, action, hi, lo, end, weight, cover, bytes, ...analyses] = packed([
      succStart,
      succAction.filled(),
      succHi.filled(),
      succLo.filled(),
      succEnd.filled(),
      succWeight.filled(),
      coverage,
      succBytes.filled(),
      ...measured,
    ] as const);
    return {
      count,
      succStart: start,
      succAction: action,
      succHi: hi,
      succLo: lo,
      succEnd: end,
      succWeight: weight,
      coverage: cover,
      succBytes: bytes,
      findings,
      analyses: Object.fromEntries(this.analyses.map((analysis, i) => [analysis.property, analyses[i]!])),
    };
  }
}

/** A property's analysis as its symmetry declaration asks under reduction: on every image of each representative, or with quotient labels. */
function underSymmetry(model: Model, symmetry: readonly OsPermutation[], analysis: LocalAnalysis, codec: StateCodec): LocalAnalysis {
  switch (PROPERTIES[analysis.property].symmetry.reduction) {
    case 'on-orbit-images':
      return orbitImagesAnalysis(model.ctx, symmetry, analysis, codec);
    case 'quotient':
      return quotientLabelsAnalysis(model.ctx, symmetry, analysis);
    default:
      return analysis;
  }
}

/** An expander for the requested properties, with fingerprinters of its own: one per thread that expands. */
export async function expanderFor(model: Model, properties: readonly PropertyName[], options: ExpanderOptions = {}): Promise<Expander> {
  const parts = localPartsFor({ ...model, fingerprint: await createFingerprinter() }, properties);
  return new Expander(model, parts, await createFingerprinter(), options);
}
