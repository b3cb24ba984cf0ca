// A trace as a list of steps: each with its action, its response, what it
// changed in words, and the state it reached drawn as the machine. A lasso's
// cycle is framed and labelled; a stepper (script only) shows one step at a
// time, and without a script every step is shown.
import type { Context } from '../../state/context.js';
import type { State } from '../../state/records.js';
import { describeChanges } from '../format-state.js';
import { machine } from './machine.js';
import { html, type Html, type Part } from './markup.js';
import type { Frame, ReplayedTrace } from './replayed.js';

/** The heading of a step: "Step 3: pin(1, rw) → ok", or the initial state. */
export function stepTitle(index: number, action?: string, response?: string): Html {
  if (action === undefined) return html`<span class="n">${index}</span> Initial state`;
  return html`<span class="n">${index}</span> <code class="act">${action}</code> <span aria-hidden="true">→</span><span class="vh">answers</span> <code class="resp">${response ?? ''}</code>`;
}

function changesLine(before: State | undefined, after: State): Html {
  if (!before) return html``;
  const changes = describeChanges(before, after);
  return html`<p class="changes">${changes.length === 0 ? 'No change.' : html`Changed: ${changes.join('; ')}.`}</p>`;
}

/** One state of a trace with the step that reached it; `before` is the state the step left. */
export function stepBody(ctx: Context, state: State, before: State | undefined, extra: Part = null): Html {
  return html`${changesLine(before, state)}${extra}${machine(ctx, state, before)}`;
}

export function stepItem(ctx: Context, frame: Frame, before: State | undefined, id: string, note: Part = null): Html {
  return html`<li class="step${note ? ' cycle-start' : ''}" data-step id="${id}" aria-labelledby="${id}-h"><h4 id="${id}-h">${stepTitle(frame.index, frame.action, frame.response)}</h4>${stepBody(
    ctx,
    frame.state,
    before,
    note,
  )}</li>`;
}

/** The buttons of a stepper; hidden until the script shows them, since without it every step is shown. */
export function stepperControls(label: string): Html {
  return html`<div class="stepper" role="group" aria-label="Step through ${label}" hidden>
<button type="button" data-go="prev">Previous step</button><button type="button" data-go="next">Next step</button><button type="button" data-go="all">Show all steps</button>
<span class="position" aria-live="polite"></span></div>`;
}

/** A whole trace; for a lasso, the states on the cycle and the step that closes it are framed as the cycle. */
export function traceSteps(ctx: Context, trace: ReplayedTrace, id: string, label: string): Html {
  const { frames, loop } = trace;
  const start = loop ? html`<p class="cycle-note">The cycle below starts from this state and comes back to it.</p>` : null;
  const item = (f: Frame) => stepItem(ctx, f, frames[f.index - 1]?.state, `${id}-s${f.index}`, f.index === loop?.index ? start : null);
  if (!loop) return html`<div class="trace" data-stepper>${stepperControls(label)}<ol class="steps" start="0">${frames.map(item)}</ol></div>`;
  // The prefix ends at the state the cycle starts from; the cycle is the steps from it back to it.
  const prefix = frames.slice(0, loop.index + 1);
  const cycle = frames.slice(loop.index + 1);
  const last = frames.at(-1)!;
  const back = frames[loop.index]!;
  const length = cycle.length + 1;
  const closeId = `${id}-close`;
  return html`<div class="trace" data-stepper>${stepperControls(label)}
<ol class="steps" start="0">${prefix.map(item)}</ol>
<section class="cycle" aria-labelledby="${id}-cycle-h">
<h4 id="${id}-cycle-h" class="cycle-title">Cycle, repeated for ever: ${length} ${length === 1 ? 'step' : 'steps'} from state ${loop.index} back to state ${loop.index}</h4>
<ol class="steps" start="${loop.index + 1}">${cycle.map(item)}
<li class="step closing" data-step id="${closeId}" aria-labelledby="${closeId}-h"><h4 id="${closeId}-h"><span class="n">↺</span> <code class="act">${loop.action}</code> <span aria-hidden="true">→</span><span class="vh">answers</span> <code class="resp">${loop.response}</code>, back to state ${loop.index}</h4>
${changesLine(last.state, back.state)}<p>The machine is again in state ${loop.index}, drawn above; the cycle starts over.</p></li>
</ol></section></div>`;
}
