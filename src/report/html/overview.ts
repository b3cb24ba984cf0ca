// The parts of a report that read the result alone: the run, the verdict of
// every property and sub-property, the configuration and the statistics.
import type { ResultJson, VerdictJson } from '../result.js';
import { lassoWords } from '../summary.js';
import { levelsChart } from './chart.js';
import { html, type Html } from './markup.js';
import { formatCount } from '../units.js';
import type { PartTitles } from './counterexamples.js';

function status(verdict: Pick<VerdictJson, 'status' | 'upToDepth' | 'kind'>): Html {
  const text =
    verdict.status === 'violated'
      ? 'VIOLATED'
      : verdict.status === 'holds'
        ? 'holds'
        : verdict.upToDepth !== undefined && verdict.upToDepth >= 0 && verdict.kind === 'safety'
          ? `holds up to depth ${verdict.upToDepth} (inconclusive beyond)`
          : 'inconclusive';
  return html`<span class="status ${verdict.status}">${text}</span>`;
}

export function verdictsTable(result: ResultJson, titles: PartTitles): Html {
  const rows = Object.entries(result.verdicts).map(([property, v]) => {
    const cx = v.status === 'violated' && (v.trace !== undefined || v.parts !== undefined);
    const name = cx ? html`<a href="#cx-${property}">${property}</a>` : html`${property}`;
    const detail = v.status === 'violated' ? html`${v.length !== undefined ? `${v.length} steps: ` : ''}${v.violation ?? ''}` : '';
    const parts = Object.entries(v.parts ?? {}).map(
      ([part, p]) =>
        html`<tr class="sub"><th scope="row">${titles.get(part) ?? part}</th><td>${status({ ...p, kind: v.kind })}</td><td>${
          p.status === 'violated' ? html`${p.cycle !== undefined ? `lasso: ${lassoWords(p.prefix!, p.cycle, p.cycleMinimal === true)}; ` : ''}${p.violation ?? ''}` : ''
        }</td></tr>`,
    );
    return html`<tr class="${v.status}"><th scope="row">${name} <small>${v.kind}</small></th><td>${status(v)}</td><td>${detail}</td></tr>${parts}`;
  });
  return html`<div class="scroll"><table class="grid verdicts"><caption class="vh">Verdicts</caption><thead><tr><th scope="col">property</th><th scope="col">verdict</th><th scope="col">counterexample</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function keyValues(caption: string, rows: readonly [string, string | number | boolean][]): Html {
  return html`<table class="kv"><caption>${caption}</caption><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${String(v)}</td></tr>`)}</tbody></table>`;
}

export function configurationSection(result: ResultJson): Html {
  const c = result.config;
  const oses = c.oses.map((os, i) => `OS ${i} ${os.trusted ? 'trusted' : 'untrusted'}`).join(', ');
  const context = keyValues('Context', [
    ['OSes', oses],
    ['virtual addresses', `${c.virtualAddresses} (${c.reservedVirtualAddresses} reserved)`],
    ['physical addresses per OS', c.physicalAddresses],
    ['guest machine pages', c.machinePages],
    ['data values', c.values],
    ['cache', `${c.cache.size} ${c.cache.size === 1 ? 'entry' : 'entries'}, ${c.cache.policy.toUpperCase()}`],
    ['TLB', `${c.tlb.size} ${c.tlb.size === 1 ? 'entry' : 'entries'}, ${c.tlb.policy.toUpperCase()}`],
    ['observe machine addresses', c.observe.machineAddresses],
  ]);
  const knobs = keyValues('Hypervisor knobs', Object.entries(c.hypervisor));
  const limits = Object.entries(result.run.limits).filter(([, v]) => v !== undefined) as [string, number | boolean][];
  const run = keyValues('Run', [
    ['configuration file', result.run.configFile],
    ['started', result.run.startedAt],
    ['properties', result.run.properties.join(', ')],
    ['threads that expanded', threadsText(result.run.workers)],
    ['symmetry reduction', symmetryText(result.run.symmetry)],
    ...limits.map(([k, v]): [string, string | number | boolean] => [`limit ${k}`, v]),
  ]);
  return html`<p>${c.description}</p><div class="tables">${context}${knobs}${run}</div>`;
}

function symmetryText(plan: ResultJson['run']['symmetry']): string {
  if (!plan.applied) return plan.requested ? `not applied (${plan.reason ?? ''})` : 'not requested';
  const group = plan.group ? ` (${plan.group.subgroup} subgroup)` : '';
  // A second run under the stabiliser gave the verdicts (src/check/check.ts).
  return plan.rerun ? `applied${group}, in a second run: ${plan.rerun.reason}` : `applied${group}`;
}

export function statisticsSection(result: ResultJson): Html {
  const s = result.stats;
  const figures = keyValues('Exploration', [
    ['distinct states', formatCount(s.distinctStates)],
    ['generated states', formatCount(s.generatedStates)],
    ['transitions', formatCount(s.transitions)],
    ['depth', s.depth],
    ['complete', result.outcome.complete ? 'yes' : `no (stopped by ${result.outcome.stoppedBy ?? 'a limit'})`],
    ['duration', `${(s.durationMs / 1000).toFixed(2)} s`],
    ['states per second', formatCount(s.statesPerSecond)],
    ['bytes per stored state', s.memory.bytesPerState],
    ['fingerprint collision probability', s.collisionProbability.toExponential(2)],
  ]);
  const coverage = Object.entries(s.coverage).map(
    ([kind, c]) => html`<tr><th scope="row">${kind}</th><td>${formatCount(c.enabled)}</td><td>${formatCount(c.ok)}</td><td>${formatCount(c.err)}</td></tr>`,
  );
  const coverageTable = html`<table class="grid num"><caption>Action coverage</caption><thead><tr><th scope="col">action</th><th scope="col">enabled</th><th scope="col">ok</th><th scope="col">error</th></tr></thead><tbody>${coverage}</tbody></table>`;
  const never = s.neverEnabled.length > 0 ? html`<p>Never enabled: ${s.neverEnabled.join(', ')}.</p>` : '';
  return html`${levelsChart(s.levels, 'levels')}<div class="tables">${figures}<div class="scroll">${coverageTable}</div></div>${never}`;
}

/** The main thread expands alone until a level fills a batch (and always with `--workers 1`). */
function threadsText(threads: number): string {
  if (threads <= 1) return '1: the main thread alone';
  return `${threads}: the main thread and ${threads - 1} worker thread${threads === 2 ? '' : 's'}`;
}
