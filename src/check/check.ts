// A check: explore a model with the requested properties and turn what the
// engine found into verdicts with shortest counterexamples.
import { Canonicaliser } from '../hash/canonical.js';
import { createFingerprinter } from '../hash/fingerprint.js';
import { StateCodec } from '../state/encoding.js';
import { initialState } from '../state/initial.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { PropertyName } from '../props/property.js';
import { PROPERTIES } from '../props/registry.js';
import { verdictKind } from '../props/property.js';
import { DEFAULT_BATCH_SIZE, explore, type BatchExpander, type EngineResult, type Helping, type Limits, type Progress } from '../engine/engine.js';
import { expanderFor } from '../engine/expand.js';
import type { Model } from '../spec/model.js';
import type { ExternalStop, Verdict } from '../props/verdict.js';
import { runnerFor } from './runners.js';
import { actionOrbits, chooseSymmetry, comparingConcreteStates, concreteFinding, type SymmetryChoice, type SymmetryPlan } from './symmetry.js';
import { lastState, type Trace } from '../spec/trace.js';
import { rebuildTrace } from '../trace/rebuild.js';
import { imageOfTrace } from '../trace/image.js';
import { compose, groupElements, type OsPermutation } from '../hash/symmetry-group.js';
import type { SpillOptions } from '../engine/disk/spilled-search.js';
import { openCheckpoints, savedSymmetry, type CheckpointSettings } from '../checkpoint/checkpoints.js';

export { counterexampleOf, type Counterexample, type LabeledTrace, type PartVerdict, type Verdict, type VerdictStatus } from '../props/verdict.js';
export type { SymmetryPlan } from './symmetry.js';

/** How a run's batches are expanded: `expand` answers each (on worker threads), with this thread's help when given. */
export interface Expansion {
  readonly expand: BatchExpander;
  readonly help?: Helping;
}

export interface CheckOptions {
  readonly properties: readonly PropertyName[];
  readonly limits?: Limits;
  readonly onProgress?: (progress: Progress) => void;
  readonly interrupted?: () => boolean;
  /** Polled like `interrupted`; true stops the run at the memory limit. */
  readonly overMemory?: () => boolean;
  /** Told when a phase begins: 'exploring', then 'analysing <property>' for a property that analyses the whole graph. */
  readonly onPhase?: (phase: string) => void;
  /**
   * Expands batches elsewhere (worker threads); inline when absent. Called
   * once per run, with the OS permutations of the group the run reduces by,
   * if any (the expanders must then fingerprint representatives): twice when
   * a run is rerun under the stabiliser (`check`).
   */
  readonly expander?: (symmetry: readonly OsPermutation[] | undefined) => Promise<Expansion>;
  readonly inFlight?: number;
  readonly batchSize?: number;
  /** Ask for symmetry reduction; it is applied where it is sound for the properties (`planSymmetry`). */
  readonly symmetry?: boolean;
  /** The memory budget of each search for a shortest fair cycle (liveness), in bytes; 1 GiB when absent. */
  readonly cycleSearchBytes?: number;
  /** Spill the visited set and the queue to disk past a budget (not with liveness: its graph stays in memory). */
  readonly spill?: SpillOptions;
  /** Save checkpoints, or resume from one (src/checkpoint/). */
  readonly checkpoint?: CheckpointSettings;
}

export interface CheckResult {
  readonly verdicts: readonly Verdict[];
  readonly engine: EngineResult;
  readonly symmetry: SymmetryPlan;
  /** Under symmetry reduction: for each action, the actions the group maps it to. */
  readonly actionOrbits?: readonly (readonly number[])[];
}

/**
 * Under symmetry reduction, properties that compare concrete states with each
 * other (isolation) are decided on every image of each representative, which
 * is sound under the images subgroup; but a counterexample found there need
 * not be shortest, nor start from the initial state. So the run reduces by the
 * images subgroup and, should such a property be violated, stops there and
 * runs again under the stabiliser of the initial state, whose answer it gives.
 */
export async function check(model: Model, options: CheckOptions): Promise<CheckResult> {
  const requested = options.symmetry === true;
  const choose = (stabiliser: boolean) => chooseSymmetry(model, requested, options.properties, options.limits, stabiliser);
  const comparing = comparingConcreteStates(options.properties);
  if (comparing.length === 0) return finished(await checkUnder(model, options, choose(false)));
  const images = choose(false);
  const stabiliser = choose(true);
  if ((images.permutations?.length ?? 1) === (stabiliser.permutations?.length ?? 1)) return finished(await checkUnder(model, options, stabiliser));
  // A checkpoint saved by the second run is resumed as the second run (the first's figures saved with it).
  const resumeFrom = options.checkpoint?.resumeFrom;
  const saved = resumeFrom === undefined ? undefined : await savedSymmetry(resumeFrom);
  if (saved?.group?.subgroup === 'stabiliser') {
    return finished(await checkUnder(model, options, { ...stabiliser, plan: { ...stabiliser.plan, ...(saved.rerun ? { rerun: saved.rerun } : {}) } }));
  }
  const started = Date.now();
  const first = await checkUnder(model, options, images, comparing);
  if (!('abandoned' in first)) return first;
  const elapsedMs = Date.now() - started;
  const { timeLimitMs } = options.limits ?? {};
  const limits = { ...options.limits, ...(timeLimitMs === undefined ? {} : { timeLimitMs: Math.max(1, timeLimitMs - elapsedMs) }) };
  const reason = `${first.abandoned} was violated under the images subgroup, where a counterexample need not be shortest`;
  const rerun = { reason, orbits: first.orbits, seconds: elapsedMs / 1000 };
  // The second run starts afresh, and its checkpoints replace the first's.
  const { checkpoint } = options;
  const second: CheckOptions = { ...options, limits, checkpoint: checkpoint?.saveTo === undefined ? undefined : { ...checkpoint, resumeFrom: undefined, replacing: true } };
  return finished(await checkUnder(model, second, { ...stabiliser, plan: { ...stabiliser.plan, rerun } }));
}

/** A run that was not to be abandoned. */
function finished(result: CheckResult | Abandoned): CheckResult {
  if ('abandoned' in result) throw new Error(`a run abandoned at ${result.abandoned} without being asked to`);
  return result;
}

/** A run stopped at the first finding of a property it was told to abandon at. */
interface Abandoned {
  readonly abandoned: PropertyName;
  readonly orbits: number;
}

async function checkUnder(model: Model, options: CheckOptions, choice: SymmetryChoice, abandonOn: readonly PropertyName[] = []): Promise<CheckResult | Abandoned> {
  const fingerprint = await createFingerprinter();
  const codec = new StateCodec(model.ctx);
  const { plan: symmetry, permutations } = choice;
  const canonicaliser = permutations ? new Canonicaliser(model.ctx, permutations) : undefined;
  const runners = options.properties.map((property) => runnerFor(model, property, { cycleSearchBytes: options.cycleSearchBytes, reduced: symmetry.applied, symmetry: permutations }));
  const actionCount = alphabetOf(model.ctx).actions.length;
  if (options.spill) {
    const graphs = options.properties.filter((p) => verdictKind(PROPERTIES[p]) === 'liveness');
    if (graphs.length > 0) throw new Error(`a run that spills to disk cannot check ${graphs.join(', ')}: its transition graph stays in memory`);
    if (options.checkpoint) throw new Error('a run that spills to disk cannot save checkpoints, which are written from memory');
  }
  // Before any thread starts: a checkpoint that cannot be used is refused first.
  const checkpoints = options.checkpoint
    ? await openCheckpoints(
        options.checkpoint,
        {
          config: model.ctx.config,
          properties: options.properties,
          symmetry: { plan: symmetry, permutations },
          limits: options.limits ?? {},
          batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        },
        new Map(options.properties.flatMap((property, i) => (runners[i]!.observer ? [[property, runners[i]!.observer!] as const] : []))),
        { actionCount, weighted: canonicaliser !== undefined },
      )
    : undefined;
  let expansion = await options.expander?.(permutations);
  if (!expansion) {
    const inline = await expanderFor(model, options.properties, permutations ? { symmetry: permutations } : {});
    expansion = { expand: async (batch) => inline.expand(batch) };
  }
  const initial = codec.encode(initialState(model.ctx));
  options.onPhase?.('exploring');
  const engine = await explore(canonicaliser ? canonicaliser.canonical(initial) : initial, fingerprint, expansion.expand, {
    limits: options.limits,
    batchSize: options.batchSize,
    inFlight: options.inFlight,
    ...(expansion.help ? { help: expansion.help } : {}),
    onProgress: options.onProgress,
    interrupted: options.interrupted,
    overMemory: options.overMemory,
    observers: runners.flatMap((r) => r.observer ?? []),
    actionCount,
    // Liveness is decided on the whole graph: with it, the run goes to the fixpoint.
    decides: options.properties.every((p) => verdictKind(PROPERTIES[p]) === 'safety') ? options.properties : undefined,
    ...(options.spill ? { spill: options.spill } : {}),
    ...(checkpoints?.hook ? { checkpoint: checkpoints.hook } : {}),
    ...(checkpoints?.resumeFrom ? { resumeFrom: checkpoints.resumeFrom } : {}),
    ...(canonicaliser ? { orbitSize: (bytes: Uint8Array, start: number, end: number) => canonicaliser.orbitSize(bytes, start, end) } : {}),
    ...(abandonOn.length > 0 ? { abandonOn } : {}),
  });
  const abandoned = abandonOn.find((p) => engine.findings.has(p));
  if (abandoned) return { abandoned, orbits: engine.store.size };
  const traces = new Map<number, Trace>();
  const elements = permutations ? groupElements(model.ctx, permutations) : [];
  const trace = (id: number, element?: number) => {
    let t = traces.get(id);
    if (!t) traces.set(id, (t = rebuildTrace(model, fingerprint, engine.store, id, canonicaliser)));
    if (element === undefined || !canonicaliser) return t;
    // The trace ends in a state of the orbit; `toRepresentative` takes it to the representative, `element` on to the state meant.
    const toRepresentative = canonicaliser.elementTo(codec.encode(lastState(t)));
    return imageOfTrace(model.ctx, canonicaliser, t, compose(elements[element]!, toRepresentative));
  };
  // Findings about states of orbits (with a group element) are restated by their counterexample; local ones here.
  const findings = canonicaliser
    ? new Map(
        [...engine.findings].map(([property, f]) => [property, f.element !== undefined ? f : concreteFinding(model, canonicaliser, fingerprint, f, trace(f.stateId))]),
      )
    : engine.findings;
  const facts = { complete: engine.complete, checkedDepth: engine.checkedDepth, stateCount: engine.store.size, findings };
  const stopRequested = (): ExternalStop | null => (options.interrupted?.() ? 'interrupted' : options.overMemory?.() ? 'memory-limit' : null);
  const tools = { model, engine: facts, trace, stopRequested };
  const verdicts: Verdict[] = [];
  for (const runner of runners) {
    if (runner.phase && engine.complete) options.onPhase?.(runner.phase);
    verdicts.push(await runner.verdict(tools));
  }
  return { verdicts, engine, symmetry, ...(permutations ? { actionOrbits: actionOrbits(model.ctx, permutations) } : {}) };
}
