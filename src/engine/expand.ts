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
import { packed, type Column } from './packed.js';
import { PrefixViews } from './prefix-views.js';
import type { Model } from '../spec/model.js';
import type { State } from '../state/records.js';

/** What an expander is built with besides its model and properties: plain data, so a worker thread can be given it. */
export interface ExpanderOptions {
  /**
   * Fingerprint each successor's symmetry representative instead of the
   * successor (docs/checker.md): the OS part of the group reduced by.
   */
  readonly symmetry?: readonly OsPermutation[];
}

/** The columns of every batch result, before the analyses' own. */
const FIXED_COLUMNS = 8;

export class Expander {
  private readonly codec: StateCodec;
  private readonly actions;
  private readonly scratch: Uint8Array;
  private readonly stateChecks: LocalCheck[];
  private readonly transitionChecks: LocalCheck[];
  /** The checks that judge a state's disabled actions in one call. */
  private readonly disabledChecks: LocalCheck[];
  /** Every action's index: the actions tried when the model cannot tell the enabled ones. */
  private readonly everyAction: Int32Array;
  private readonly analyses: readonly LocalAnalysis[];
  /** Each analysis's property, read once: the analyses are objects of several shapes. */
  private readonly analysisProperties: readonly string[];
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
  private readonly scratchViews: PrefixViews;
  private readonly representativeViews: PrefixViews;

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
    this.disabledChecks = parts.checks.filter((c) => c.disabled);
    this.everyAction = Int32Array.from(this.actions.keys());
    const { symmetry } = options;
    this.analyses = symmetry
      ? parts.analyses.map((analysis) => underSymmetry(model, symmetry, analysis, this.codec))
      : parts.analyses;
    this.analysisProperties = this.analyses.map((analysis) => analysis.property);
    this.outcomes = new Array<Outcome | null>(this.actions.length).fill(null);
    this.canonicaliser = options.symmetry ? new Canonicaliser(model.ctx, options.symmetry) : null;
    this.elements = this.canonicaliser && this.analyses.some((analysis) => analysis.wantsElements) ? new Array<SymmetryElement | null>(this.actions.length).fill(null) : undefined;
    this.representative = new Uint8Array(this.scratch.length);
    this.scratchViews = new PrefixViews(this.scratch);
    this.representativeViews = new PrefixViews(this.representative);
  }

  expand(batch: Batch): BatchResult {
    const { succAction, succHi, succLo, succEnd, succWeight, succBytes } = this;
    const count = batch.offsets.length - 1;
    const succStart = new Uint32Array(count + 1);
    for (const column of [succAction, succHi, succLo, succEnd, succWeight, succBytes]) column.clear();
    const coverage = new Uint32Array(this.actions.length * 3);
    const findings: Finding[] = [];
    for (let k = 0; k < count; k++) {
      succStart[k] = succAction.length;
      this.expandState(this.codec.decode(batch.bytes, batch.offsets[k]!), k, coverage, findings);
    }
    succStart[count] = succAction.length;
    // Columns are listed and read back by index: spreading arrays here deoptimised this function batch after batch.
    const columns: Column[] = [succStart, succAction.filled(), succHi.filled(), succLo.filled(), succEnd.filled(), succWeight.filled(), coverage, succBytes.filled()];
    for (const analysis of this.analyses) columns.push(analysis.take());
    const copies = packed(columns);
    const analyses: Record<string, Uint32Array> = {};
    for (let i = 0; i < this.analysisProperties.length; i++) analyses[this.analysisProperties[i]!] = copies[FIXED_COLUMNS + i] as Uint32Array;
    return {
      count,
      succStart: copies[0] as Uint32Array,
      succAction: copies[1] as Uint16Array,
      succHi: copies[2] as Uint32Array,
      succLo: copies[3] as Uint32Array,
      succEnd: copies[4] as Uint32Array,
      succWeight: copies[5] as Uint32Array,
      coverage: copies[6] as Uint32Array,
      succBytes: copies[7] as Uint8Array,
      findings,
      analyses,
    };
  }

  /**
   * Expands the k-th state of a batch: its successors onto the columns, its
   * coverage and findings. A function of its own, so that the hot code is
   * optimised by call count rather than by replacing a long-running loop.
   */
  private expandState(s: State, k: number, coverage: Uint32Array, findings: Finding[]): void {
    const { ctx, step, enabledActions } = this.model;
    const { actions, codec, scratch, fingerprint, succAction, succHi, succLo, succEnd, succWeight, succBytes } = this;
    const { stateChecks, transitionChecks, disabledChecks, everyAction, outcomes, elements, canonicaliser, representative, scratchViews, representativeViews } = this;
    for (let c = 0; c < stateChecks.length; c++) {
      const detail = stateChecks[c]!.state!(s);
      if (detail !== null) findings.push({ property: stateChecks[c]!.property, state: k, action: -1, detail });
    }
    const firstFinding = findings.length;
    // Only the enabled actions are tried when the model knows them; the disabled are judged in one call per check.
    const enabled = enabledActions ? enabledActions(s) : null;
    const tried = enabled === null ? everyAction : enabled.indices;
    for (let i = 0; i < tried.length; i++) {
      const ai = tried[i]!;
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
      // The successor (reduced: its representative) is hashed from a buffer of its own, then copied to the batch's bytes.
      let encoded: PrefixViews;
      let length = codec.encodeInto(outcome.state, scratch, 0);
      if (canonicaliser) {
        length = canonicaliser.canonicalise(scratch, 0, length, representative);
        if (elements) elements[ai] = canonicaliser.lastElement();
        succWeight.push(canonicaliser.lastOrbitSize());
        encoded = representativeViews;
      } else {
        encoded = scratchViews;
      }
      const bytes = encoded.of(length);
      fingerprint.hash(bytes);
      succHi.push(fingerprint.hi);
      succLo.push(fingerprint.lo);
      const start = succBytes.length;
      succBytes.reserve(length).set(bytes, start);
      const end = start + length;
      succBytes.length = end;
      succEnd.push(end);
    }
    for (const analysis of this.analyses) analysis.state(s, outcomes, elements);
    if (enabled !== null) {
      // The actions not tried stay null for the next state.
      for (let i = 0; i < tried.length; i++) outcomes[tried[i]!] = null;
      for (let c = 0; c < disabledChecks.length; c++) {
        const found = disabledChecks[c]!.disabled!(s, enabled.mask);
        if (found !== null) findings.push({ property: disabledChecks[c]!.property, state: k, action: found.action, detail: found.detail });
      }
      // A state's findings in alphabet order, as if every action had been tried in turn.
      if (findings.length - firstFinding > 1) findings.push(...findings.splice(firstFinding).sort((x, y) => x.action - y.action));
    }
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
