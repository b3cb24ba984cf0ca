// What a liveness analysis makes of a violated sub-property, with or without
// symmetry reduction: a lock-out's trace, or a lasso re-executed from the
// prefix's last state; and the points where a long analysis yields and stops.
import { StateCodec } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { AlwaysReachable, LivenessPart, NoFairCycle } from '../props/liveness.js';
import type { ExternalStop, LabeledTrace, PartVerdict, VerdictTools } from '../props/verdict.js';
import { lastState, type Trace, type TraceStep } from '../spec/trace.js';
import type { Model } from '../spec/model.js';
import type { FairCycle } from './lasso.js';

export interface PartOutcome {
  readonly verdict: PartVerdict;
  readonly trace?: LabeledTrace;
}

/** A stop asked for while the analysis ran. */
export class AnalysisStopped extends Error {
  constructor(readonly reason: ExternalStop) {
    super(`analysis stopped: ${reason}`);
  }
}

/** What an analysis decides a part with: its lock-out conditions, its fair-cycle conditions; each null when they hold. */
export interface PartAlgorithms {
  lockOut(part: LivenessPart, conditions: readonly AlwaysReachable[]): Promise<PartOutcome | null>;
  fairLasso(part: LivenessPart, conditions: readonly NoFairCycle[]): Promise<PartOutcome | null>;
}

/** A part's verdict: its lock-out conditions first, then its fair-cycle conditions (a part has one kind or the other). */
export async function decidePart(algorithms: PartAlgorithms, part: LivenessPart): Promise<PartOutcome> {
  const reach = part.conditions.filter((c): c is AlwaysReachable => c.kind === 'always-reachable');
  const cycles = part.conditions.filter((c): c is NoFairCycle => c.kind === 'no-fair-cycle');
  return (
    (await algorithms.lockOut(part, reach)) ??
    (await algorithms.fairLasso(part, cycles)) ?? { verdict: { name: part.name, title: part.title, status: 'holds' } }
  );
}

/** Lets signals and timers run, then stops the analysis if the run is asked to stop. */
export async function analysisCheckpoint(tools: Pick<VerdictTools, 'stopRequested'>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const reason = tools.stopRequested();
  if (reason !== null) throw new AnalysisStopped(reason);
}

/** A lock-out: the trace to the first state from which some target is out of reach, and what is out of reach. */
export function lockOutOutcome(part: LivenessPart, trace: Trace, broken: readonly string[]): PartOutcome {
  const detail = `from the state after ${trace.steps.length} steps, ${broken.join('; ')}`;
  return {
    verdict: { name: part.name, title: part.title, status: 'violated', detail, length: trace.steps.length },
    trace: { label: part.name, trace, detail },
  };
}

/** A lasso: `prefix`, then the cycle's actions (alphabet indices) re-executed from its last state; the last one closes the loop. */
export function lassoOutcome(
  model: Model,
  part: LivenessPart,
  violation: string,
  prefix: Trace,
  cycleActions: readonly number[],
  cycle: Pick<FairCycle, 'minimal' | 'atLeast'>,
): PartOutcome {
  const trace = lassoTrace(model, part.name, prefix, cycleActions);
  const before = trace.loop!.index;
  const steps = cycleActions.length;
  const detail = cycle.minimal
    ? `${violation} (a shortest fair cycle of ${steps} steps after ${before})`
    : `${violation} (a fair cycle of ${steps} steps after ${before}; shorter ones may exist, none of fewer than ${cycle.atLeast} steps)`;
  return {
    verdict: {
      name: part.name,
      title: part.title,
      status: 'violated',
      detail,
      length: before + steps,
      lasso: { prefix: before, cycle: steps, cycleMinimal: cycle.minimal, cycleAtLeast: cycle.atLeast },
    },
    trace: { ...trace, detail },
  };
}

function lassoTrace(model: Model, label: string, prefix: Trace, cycle: readonly number[]): LabeledTrace {
  const actions = alphabetOf(model.ctx).actions;
  const start = lastState(prefix);
  const steps: TraceStep[] = [];
  let s = start;
  for (const actionIndex of cycle) {
    const outcome = model.step(model.ctx, s, actions[actionIndex]!);
    if (!outcome) throw new Error(`lasso: action ${actionIndex} is disabled on re-execution`);
    steps.push({ actionIndex, action: actions[actionIndex]!, response: outcome.response, state: outcome.state });
    s = outcome.state;
  }
  const codec = new StateCodec(model.ctx);
  if (Buffer.compare(codec.encode(s), codec.encode(start)) !== 0) throw new Error('lasso: the cycle does not return to its entry');
  return {
    label,
    trace: { initial: prefix.initial, steps: [...prefix.steps, ...steps.slice(0, -1)] },
    loop: { index: prefix.steps.length, closing: steps.at(-1)! },
  };
}
