// How each property is run by a check, read from its declaration: its
// coordinator-side observer, and how its verdict is made once exploration ends.
import type { Model } from '../spec/model.js';
import type { TransitionObserver } from '../props/coordinator.js';
import { verdictKind, type Property, type PropertyName, type SafetyProperty, type TwoSafetyProperty } from '../props/property.js';
import { PROPERTIES } from '../props/registry.js';
import type { Verdict, VerdictTools } from '../props/verdict.js';
import { livenessRunner } from '../liveness/verdict.js';
import type { OsPermutation } from '../hash/symmetry-group.js';

export interface PropertyRunner {
  readonly observer?: TransitionObserver;
  /** The phase its verdict makes, when it analyses the whole graph: 'analysing <property>'. */
  readonly phase?: string;
  verdict(tools: VerdictTools): Verdict | Promise<Verdict>;
}

/** Safety verdict from the engine's first finding of the property, if any. */
function safetyVerdict(property: SafetyProperty | TwoSafetyProperty, tools: VerdictTools): Verdict {
  const { engine } = tools;
  const finding = engine.findings.get(property.name);
  const base = { property: property.name, kind: verdictKind(property) };
  if (finding) return { ...base, status: 'violated', counterexample: property.counterexample(tools, finding) };
  if (engine.complete) return { ...base, status: 'holds' };
  return { ...base, status: 'inconclusive', upToDepth: engine.checkedDepth };
}

export interface RunnerOptions {
  /** The memory budget of each search for a shortest fair cycle (liveness), in bytes. */
  readonly cycleSearchBytes?: number;
  /** Under symmetry reduction (the analyses declared `on-orbit-images` then measure every state of each orbit). */
  readonly reduced?: boolean;
  /** Under symmetry reduction, the OS part of the group: a liveness property is then decided on the quotient graph. */
  readonly symmetry?: readonly OsPermutation[];
}

function runnerOf(model: Model, property: Property, options: RunnerOptions): PropertyRunner {
  switch (property.kind) {
    case 'safety':
      return { verdict: (tools) => safetyVerdict(property, tools) };
    case '2-safety':
      return { observer: property.coordinator(model.ctx, options.reduced ? options.symmetry : undefined), verdict: (tools) => safetyVerdict(property, tools) };
    case 'liveness':
      return livenessRunner(property.name, property.declaration(model.ctx), options.cycleSearchBytes, options.symmetry);
  }
}

export function runnerFor(model: Model, property: PropertyName, options: RunnerOptions = {}): PropertyRunner {
  return runnerOf(model, PROPERTIES[property], options);
}
