// A check: explore a model with the requested properties and turn what the
// engine found into verdicts with shortest counterexamples.
import { createFingerprinter } from '../hash/fingerprint.js';
import { StateCodec } from '../state/encoding.js';
import { initialState } from '../state/initial.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { PropertyName } from '../props/property.js';
import { explore, type BatchExpander, type EngineResult, type Limits, type Progress } from './engine.js';
import { expanderFor } from './expand.js';
import type { Model } from './model.js';
import { runnerFor, type Verdict } from './runners.js';
import { rebuildTrace } from './trace.js';

export type { Counterexample, LabeledTrace, PartVerdict, Verdict, VerdictStatus } from './runners.js';

export interface CheckOptions {
  readonly properties: readonly PropertyName[];
  readonly limits?: Limits;
  readonly onProgress?: (progress: Progress) => void;
  readonly interrupted?: () => boolean;
  /** Expands batches elsewhere (worker threads); inline when absent. */
  readonly expander?: BatchExpander;
  readonly inFlight?: number;
  readonly batchSize?: number;
}

export interface CheckResult {
  readonly verdicts: readonly Verdict[];
  readonly engine: EngineResult;
}

export async function check(model: Model, options: CheckOptions): Promise<CheckResult> {
  const fingerprint = await createFingerprinter();
  const codec = new StateCodec(model.ctx);
  let expander = options.expander;
  if (!expander) {
    const inline = await expanderFor(model, options.properties);
    expander = async (batch) => inline.expand(batch);
  }
  const runners = options.properties.map((property) => runnerFor(model, property));
  const engine = await explore(codec.encode(initialState(model.ctx)), fingerprint, expander, {
    limits: options.limits,
    batchSize: options.batchSize,
    inFlight: options.inFlight,
    onProgress: options.onProgress,
    interrupted: options.interrupted,
    observers: runners.flatMap((r) => r.observer ?? []),
    actionCount: alphabetOf(model.ctx).actions.length,
  });
  const tools = { model, engine, trace: (id: number) => rebuildTrace(model, fingerprint, engine.store, id) };
  return { verdicts: runners.map((runner) => runner.verdict(tools)), engine };
}
