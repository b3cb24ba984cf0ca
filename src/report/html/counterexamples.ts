// Each violated property's counterexample, drawn by kind: one trace as steps;
// isolation's two runs side by side, aligned at their ends, with what the
// observing OS can tell apart; transparency's platform beside the platform
// where that OS runs alone; availability's lassos with their cycles framed.
import { formatResponse } from '../../spec/response.js';
import type { Model } from '../../spec/model.js';
import { Views } from '../../props/views.js';
import type { VerdictJson } from '../result.js';
import { lassoWords } from '../summary.js';
import { html, type Html } from './markup.js';
import { isolationPair, isolationStep, transparencyFinding, type ViewComparison } from './observer.js';
import type { Frame, ReplayedTrace } from './replayed.js';
import { comparisonTable, sideBySide, viewPanel, type Cell, type Row } from './side-by-side.js';
import { stepBody, stepTitle, traceSteps } from './steps.js';

/** The replayed traces of a result, by file name. */
export type TraceLookup = (file: string) => ReplayedTrace;

/** Sub-property names and their titles. */
export type PartTitles = ReadonlyMap<string, string>;

export function counterexampleSection(model: Model, property: string, verdict: VerdictJson, traceOf: TraceLookup, titles: PartTitles): Html {
  const id = `cx-${property}`;
  const files = verdict.traces ?? (verdict.trace ? [verdict.trace] : []);
  const violating = verdict.action ? html`<p>Violating action: <code>${verdict.action}</code>${verdict.response ? html` answering <code>${verdict.response}</code>` : verdict.response === null ? ' (disabled)' : ''}.</p>` : '';
  let body: Html;
  if (verdict.parts) body = partsBody(model, id, verdict, traceOf, titles);
  else if (property === 'isolation' && files.length === 2) body = isolationBody(model, id, traceOf(files[0]!), traceOf(files[1]!), verdict.action);
  else if (property === 'isolation' && files.length === 1) body = singleWithComparison(model, id, traceOf(files[0]!), isolationStep(model, traceOf(files[0]!).frames));
  else if (property === 'transparency' && files.length === 1) body = transparencyBody(model, id, traceOf(files[0]!));
  else body = html`${files.map((f, k) => traceSteps(model.ctx, traceOf(f), `${id}-t${k}`, `the ${property} counterexample`))}`;
  return html`<article class="cx" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h">${property}: counterexample of ${verdict.length ?? 0} steps</h3>
<p class="violation"><strong>Violation:</strong> ${verdict.violation ?? ''}</p>${violating}
${files.length > 0 ? html`<p class="files">Trace files: ${files.map((f, k) => html`${k > 0 ? ', ' : ''}<code>${f}</code>`)}</p>` : ''}
${body}</article>`;
}

function partsBody(model: Model, id: string, verdict: VerdictJson, traceOf: TraceLookup, titles: PartTitles): Html {
  return html`${Object.entries(verdict.parts!)
    .filter(([, part]) => part.trace !== undefined)
    .map(([name, part]) => {
      const pid = `${id}-${name}`;
      const title = titles.get(name) ?? name;
      const lasso = part.cycle !== undefined ? html` <small>(a lasso: ${lassoWords(part.prefix!, part.cycle, part.cycleMinimal === true)})</small>` : '';
      return html`<section class="part" id="${pid}" aria-labelledby="${pid}-h"><h4 id="${pid}-h">${title}${lasso}</h4>
<p class="violation">${part.violation ?? ''}</p>${traceSteps(model.ctx, traceOf(part.trace!), pid, title)}</section>`;
    })}`;
}

function frameCell(model: Model, frames: readonly Frame[], k: number): Cell {
  const f = frames[k]!;
  return { title: stepTitle(f.index, f.action, f.response), body: stepBody(model.ctx, f.state, frames[k - 1]?.state) };
}

function findingBox(title: string, sentence: string, comparison: ViewComparison): Html {
  return html`<section class="finding" aria-label="${title}"><h4>${title}</h4><p>${sentence}</p>${comparisonTable(comparison)}</section>`;
}

function isolationBody(model: Model, id: string, first: ReplayedTrace, second: ReplayedTrace, notation: string | undefined): Html {
  const comparison = notation ? isolationPair(model, first.frames, second.frames, notation) : null;
  const views = new Views(model.ctx);
  // A run where the separating action is disabled ends one state early: one more cell says so.
  const length = (frames: readonly Frame[]) => frames.length + (notation && frames.at(-1)!.action !== notation ? 1 : 0);
  const height = Math.max(length(first.frames), length(second.frames));
  const cell = (frames: readonly Frame[], r: number, partner: Frame | undefined): Cell | null => {
    const k = r - (height - length(frames));
    if (k < 0) return null;
    const frame = frames[k];
    if (!frame) return { title: html`<code class="act">${notation ?? ''}</code>`, body: html`<p>${notation} is disabled in this run.</p>` };
    const base = frameCell(model, frames, k);
    if (!comparison) return base;
    // The observer's view, marked where it differs from the other run's at the same row.
    const os = comparison.os;
    return { ...base, body: html`${viewPanel(os, views.of(os, frame.state), partner ? views.of(os, partner.state) : null)}${base.body}` };
  };
  const frameAt = (frames: readonly Frame[], r: number) => frames[r - (height - length(frames))];
  const rows: Row[] = Array.from({ length: height }, (_, r) => ({
    cells: [cell(first.frames, r, frameAt(second.frames, r)), cell(second.frames, r, frameAt(first.frames, r))],
  }));
  const pair = sideBySide(`${id}-pair`, ['First run', 'Second run'], rows, 'the two runs');
  if (!comparison) return pair;
  const i = comparison.os;
  const sentence =
    `Just before ${notation}, OS ${i} observes exactly the same in both runs; after it, ${comparison.differences.join('; ')}. ` +
    `So OS ${i} can tell the two runs apart, although they differ only in what other OSes did: information reaches OS ${i} that isolation forbids.`;
  return html`${findingBox(`What OS ${i} can tell apart`, sentence, comparison)}<p class="aligned">The runs are aligned at their ends: the last rows hold the two states OS ${i} cannot tell apart and the states after <code>${notation ?? ''}</code>.</p>${pair}`;
}

function singleWithComparison(model: Model, id: string, trace: ReplayedTrace, comparison: ViewComparison | null): Html {
  const steps = traceSteps(model.ctx, trace, `${id}-t0`, 'the counterexample');
  if (!comparison) return steps;
  const i = comparison.os;
  const sentence = `OS ${i} is not active, yet the last step changes what it observes: ${comparison.differences.join('; ')}. So OS ${i} can tell that another OS acted.`;
  return html`${findingBox(`What OS ${i} can tell apart`, sentence, comparison)}${steps}`;
}

function transparencyBody(model: Model, id: string, trace: ReplayedTrace): Html {
  const { frames } = trace;
  const finding = transparencyFinding(model, frames);
  if (!finding) return html`<p>The report could not tell which OS tells the platform apart; the trace follows.</p>${traceSteps(model.ctx, trace, `${id}-t0`, 'the counterexample')}`;
  const { ctx } = model;
  const i = finding.os;
  const { erased } = finding;
  const rows: Row[] = frames.map((frame, k) => {
    const last = k === frames.length - 1;
    const left = frameCell(model, frames, k);
    if (last && finding.alone) {
      const { action, outcome } = finding.alone;
      const right: Cell = outcome
        ? { title: stepTitle(frame.index, action, formatResponse(outcome.response)), body: stepBody(ctx, outcome.state, erased[k - 1]) }
        : { title: html`<code class="act">${action}</code>`, body: html`<p>${action} is disabled when OS ${i} runs alone.</p>` };
      return { cells: [left, right] };
    }
    const right: Cell = { title: html`<span class="n">${frame.index}</span> erase<sub>${i}</sub>(state ${frame.index})`, body: stepBody(ctx, erased[k]!, erased[k - 1]) };
    return { cells: [left, right] };
  });
  const sentence = finding.alone
    ? `OS ${i} is active at the last step. Running alone, from the same state with the other OSes erased, it would see otherwise: ${finding.differences.join('; ')}. So OS ${i} can tell that it shares the machine.`
    : `OS ${i} is not active at the last step, yet what it would find if it ran alone changes: ${finding.differences.join('; ')}. Alone, nothing would happen to it, so OS ${i} can tell that another OS acts.`;
  return html`${findingBox(`What OS ${i} can tell apart`, sentence, finding)}<p class="aligned">Left, the platform; right, the platform where OS ${i} runs alone: each state with every other OS erased${
    finding.alone ? `, and at the last row the step OS ${i} takes alone` : ''
  }.</p>${sideBySide(`${id}-pair`, ['The platform', `OS ${i} alone`], rows, 'the platform and the single-OS platform')}`;
}
