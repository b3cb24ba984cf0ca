// The text a user reads after a check: verdicts first, then counterexamples as
// readable traces, then statistics.
import { formatAction } from '../state/actions.js';
import { formatResponse } from '../spec/response.js';
import type { Counterexample, PartVerdict, SymmetryPlan, Verdict } from '../check/check.js';
import type { Trace } from '../spec/trace.js';
import { describeChanges, formatState } from './format-state.js';
import type { ResultJson } from './result.js';
import { formatBytes, formatCount } from './units.js';

/** The verdict, and one more line per sub-property when it has some. */
export function verdictLine(verdict: Verdict): string {
  return [statusLine(verdict), ...(verdict.parts ?? []).map(partLine)].join('\n');
}

function partLine(part: PartVerdict): string {
  const title = part.title.padEnd(24);
  if (part.status !== 'violated') return `    ${title} ${part.status}`;
  if (!part.lasso) return `    ${title} VIOLATED (trace of ${part.length} steps)`;
  const { prefix, cycle, cycleMinimal } = part.lasso;
  return `    ${title} VIOLATED (lasso: ${lassoWords(prefix, cycle, cycleMinimal)})`;
}

/** A lasso in words; its cycle is called shortest only when proved so. */
export function lassoWords(prefix: number, cycle: number, cycleMinimal: boolean): string {
  return cycleMinimal
    ? `${prefix} steps to a shortest fair cycle of ${cycle}`
    : `${prefix} steps to a fair cycle of ${cycle}; shorter ones may exist`;
}

function statusLine(verdict: Verdict): string {
  const name = verdict.property.padEnd(13);
  switch (verdict.status) {
    case 'holds':
      return `  ${name} holds`;
    case 'violated':
      return `  ${name} VIOLATED (counterexample of ${verdict.counterexample.length} steps)`;
    case 'inconclusive':
      return verdict.kind === 'liveness' || verdict.upToDepth === undefined || verdict.upToDepth < 0
        ? `  ${name} inconclusive (the run stopped before the whole state graph was explored)`
        : `  ${name} holds up to depth ${verdict.upToDepth} (inconclusive beyond)`;
  }
}

/** Whether symmetry reduction was applied, and what the counts then mean, or why it was not. */
export function symmetryLines(plan: SymmetryPlan): string[] {
  if (!plan.applied) return [`symmetry reduction: not applied (${plan.reason})`];
  const { osPermutations, valuePermutations, subgroup } = plan.group!;
  const which = subgroup === 'stabiliser' ? 'fixing the initial state' : 'keeping the initial state reachable';
  const lines = [
    `symmetry reduction: applied (${formatCount(osPermutations)} OS permutations ${which} x ${formatCount(valuePermutations)} value permutations);` +
      ' states and transitions are counted from the orbits, traces are concrete',
  ];
  const { rerun } = plan;
  if (rerun) {
    lines.push(
      `  run twice: ${rerun.reason}; the first run stopped there (${formatCount(rerun.orbits)} orbits, ${rerun.seconds.toFixed(2)} s), the second, under the stabiliser, gave these verdicts`,
    );
  }
  return lines;
}

/** One line per step: action, response, and what changed in the state. */
export function traceLines(trace: Trace, indent = '  '): string[] {
  const lines = [`${indent}0. initial state`, ...formatState(trace.initial).map((l) => `${indent}     ${l}`)];
  let before = trace.initial;
  trace.steps.forEach((step, i) => {
    const changes = describeChanges(before, step.state);
    lines.push(`${indent}${i + 1}. ${formatAction(step.action)} -> ${formatResponse(step.response)}`);
    lines.push(`${indent}     ${changes.length > 0 ? changes.join('; ') : 'no change'}`);
    before = step.state;
  });
  return lines;
}

export function counterexampleLines(property: string, c: Counterexample, traceFiles: readonly string[] = []): string[] {
  const lines = [`Counterexample for ${property} (${c.length} steps):`];
  for (const labeled of c.traces) {
    const indent = c.traces.length > 1 ? '    ' : '  ';
    if (c.traces.length > 1) lines.push(`  ${labeled.label} trace:`);
    lines.push(...traceLines(labeled.trace, indent));
    if (labeled.loop) {
      const { index, closing } = labeled.loop;
      lines.push(`${indent}loop: ${formatAction(closing.action)} -> ${formatResponse(closing.response)} leads back to state ${index}`);
    }
    if (labeled.detail !== undefined) lines.push(`${indent}${labeled.detail}`);
  }
  if (c.action && c.action.outcome === null) lines.push(`  then ${formatAction(c.action.action)} is disabled`);
  lines.push(`  violation: ${c.detail}`);
  for (const file of traceFiles) lines.push(`  trace: ${file}`);
  return lines;
}

export function statisticsLines(json: ResultJson): string[] {
  const { stats, outcome } = json;
  const seconds = (stats.durationMs / 1000).toFixed(2);
  const lines = [
    `${formatCount(stats.distinctStates)} distinct states` +
      (stats.orbits === undefined ? '' : ` in ${formatCount(stats.orbits)} orbits (stored)`) +
      `, ${formatCount(stats.generatedStates)} generated, depth ${stats.depth}` +
      `, ${seconds} s (${formatCount(stats.statesPerSecond)} ${stats.orbits === undefined ? 'states' : 'orbits'}/s)`,
    `states per level: ${stats.levels.join(' ')}`,
    `memory: peak resident ${formatBytes(stats.memory.peakRssBytes)} (${formatCount(stats.memory.processBytesPerState)} bytes per state, whole process);` +
      (stats.memory.spilledAtDepth === undefined
        ? ` visited set ${stats.memory.bytesPerState} bytes per state`
        : ` visited set and queue spilled to disk from depth ${stats.memory.spilledAtDepth} (in memory: ${formatBytes(stats.memory.storeBytes)})`) +
      `; heap ${formatBytes(stats.memory.heapUsedBytes)}; level buffers at most ${formatBytes(stats.memory.frontierPeakBytes)}`,
    `probability of a fingerprint collision: ${stats.collisionProbability.toExponential(2)} (optimistic estimate)`,
    `coverage (enabled / ok / error${stats.orbits === undefined ? '' : ', at the stored representatives'}):`,
    ...Object.entries(stats.coverage).map(
      ([kind, c]) => `  ${kind.padEnd(9)} ${formatCount(c.enabled).padStart(12)} ${formatCount(c.ok).padStart(12)} ${formatCount(c.err).padStart(12)}`,
    ),
  ];
  for (const [property, verdict] of Object.entries(json.verdicts)) {
    const graph = verdict.stats;
    if (graph?.graphTransitions === undefined) continue;
    lines.push(
      `${property}: ${graph.graphQuotient ? 'quotient graph of' : 'graph of'} ${formatCount(graph.graphStates!)} ${graph.graphQuotient ? 'orbits' : 'states'} and ${formatCount(graph.graphTransitions)} transitions, ` +
        `${graph.graphBytesPerTransition} bytes per transition` +
        (graph.analysisMs === undefined ? '' : `, analysed in ${(graph.analysisMs / 1000).toFixed(2)} s`),
    );
  }
  if (stats.neverEnabled.length > 0) lines.push(`never enabled: ${stats.neverEnabled.join(', ')}`);
  if (!outcome.complete) {
    const undone = outcome.stoppedIn === 'exploring' ? 'the state space was not fully explored' : `while ${outcome.stoppedIn}, after the state space was fully explored`;
    lines.push(`stopped by: ${outcome.stoppedBy} (${undone})${outcome.reason ? `: ${outcome.reason}` : ''}`);
  }
  return lines;
}
