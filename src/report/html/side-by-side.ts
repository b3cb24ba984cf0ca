// Two sequences of states in two columns, row by row: the two runs of an
// isolation counterexample aligned at their ends, or the platform beside the
// platform where one OS runs alone. Below a phone's width the columns stack,
// each row keeping its two states together.
import { COMPONENT_NAMES, VIEW_COMPONENTS, type View } from '../../props/views.js';
import { html, type Html } from './markup.js';
import { stepperControls } from './steps.js';
import type { ViewComparison } from './observer.js';

export interface Cell {
  readonly title: Html;
  readonly body: Html;
}

export interface Row {
  readonly cells: readonly [Cell | null, Cell | null];
}

export function sideBySide(id: string, labels: readonly [string, string], rows: readonly Row[], label: string): Html {
  const side = (cell: Cell | null, k: 0 | 1, r: number) => {
    const cls = k === 0 ? 'left' : 'right';
    if (!cell) return html`<div class="side ${cls} blank"><p>${labels[k]}: no state here (this run is shorter).</p></div>`;
    const cid = `${id}-r${r}-${cls}`;
    return html`<section class="side ${cls}" aria-labelledby="${cid}-h"><h4 id="${cid}-h"><span class="who">${labels[k]}</span> ${cell.title}</h4>${cell.body}</section>`;
  };
  return html`<div class="pair" id="${id}" data-stepper>${stepperControls(label)}
<div class="pair-head" aria-hidden="true"><div class="left">${labels[0]}</div><div class="right">${labels[1]}</div></div>
<ol class="rows">${rows.map((row, r) => html`<li class="row" data-step>${side(row.cells[0], 0, r)}${side(row.cells[1], 1, r)}</li>`)}</ol></div>`;
}

/** View components of one OS, those that differ from `other` marked. */
export function viewPanel(os: number, view: View, other: View | null): Html {
  const rows = VIEW_COMPONENTS.filter((c) => view[c] !== '' || (other !== null && other[c] !== '')).map((c) => {
    const differs = other !== null && other[c] !== view[c];
    return html`<tr class="${differs ? 'differs' : ''}"><th scope="row">${COMPONENT_NAMES[c]}</th><td>${shown(view[c])}${differs ? html`<span class="vh"> (differs)</span>` : ''}</td></tr>`;
  });
  return html`<details class="view" open><summary>What OS ${os} observes</summary><table class="kv"><tbody>${rows}</tbody></table></details>`;
}

function shown(text: string): string {
  return text === '' ? 'not observed' : text === '[]' ? 'empty' : text;
}

/** The two views compared component by component, the differing rows marked, with the responses when they differ. */
export function comparisonTable(comparison: ViewComparison): Html {
  const [a, b] = comparison.views;
  const rows = VIEW_COMPONENTS.filter((c) => a[c] !== '' || b[c] !== '').map((c) => {
    const differs = a[c] !== b[c];
    return html`<tr class="${differs ? 'differs' : ''}"><th scope="row">${COMPONENT_NAMES[c]}${differs ? html`<span class="vh"> (differs)</span>` : ''}</th><td>${shown(a[c])}</td><td>${shown(b[c])}</td></tr>`;
  });
  const response = comparison.responses
    ? html`<tr class="differs"><th scope="row">response<span class="vh"> (differs)</span></th><td>${comparison.responses[0]}</td><td>${comparison.responses[1]}</td></tr>`
    : '';
  return html`<div class="scroll"><table class="grid compare"><caption>What OS ${comparison.os} observes</caption><thead><tr><th scope="col">component</th><th scope="col">${comparison.labels[0]}</th><th scope="col">${comparison.labels[1]}</th></tr></thead><tbody>${response}${rows}</tbody></table></div>`;
}
