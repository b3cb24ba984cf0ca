// The HTML report of a check: one self-contained page (inline style, a little
// inline script, no other file or network access) made from the result JSON,
// its counterexample traces and the model they replay in. A pure function:
// reading and writing files is the command's business.
import type { Model } from '../../spec/model.js';
import type { ItfTrace } from '../../trace/itf.js';
import type { ResultJson } from '../result.js';
import { availabilityOf } from '../../props/availability.js';
import { counterexampleSection } from './counterexamples.js';
import { html, trusted } from './markup.js';
import { configurationSection, statisticsSection, verdictsTable } from './overview.js';
import { replayed, ReportInputError, type ReplayedTrace } from './replayed.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

export interface ReportInput {
  readonly result: ResultJson;
  /** The counterexample traces the result names, by file name. */
  readonly traces: ReadonlyMap<string, ItfTrace>;
  /** The model the run checked: the traces are replayed in it to draw their states. */
  readonly model: Model;
}

/** The trace files a result names, in order, each once. */
export function traceFilesOf(result: ResultJson): string[] {
  const names = Object.values(result.verdicts).flatMap((v) => [
    ...(v.traces ?? (v.trace ? [v.trace] : [])),
    ...Object.values(v.parts ?? {}).flatMap((p) => (p.trace ? [p.trace] : [])),
  ]);
  return [...new Set(names)];
}

export function renderReport({ result, traces, model }: ReportInput): string {
  const cache = new Map<string, ReplayedTrace>();
  const traceOf = (file: string): ReplayedTrace => {
    let t = cache.get(file);
    if (!t) {
      const itf = traces.get(file);
      if (!itf) throw new ReportInputError(`the result names the trace ${file}, which was not given`);
      cache.set(file, (t = replayed(model, file, itf)));
    }
    return t;
  };
  const titles = new Map(availabilityOf(model.ctx).parts.map((p) => [p.name, p.title]));
  const name = result.config.name;
  const verdicts = Object.entries(result.verdicts);
  const violated = verdicts.filter(([, v]) => v.status === 'violated');
  const drawn = violated.filter(([, v]) => v.trace !== undefined || v.parts !== undefined);
  const summary =
    violated.length === 0
      ? result.outcome.complete
        ? `Every checked property holds (${verdicts.length} checked, every reachable state explored).`
        : `No violation found, but the run stopped before exploring every reachable state.`
      : `${violated.length} of ${verdicts.length} properties violated: ${violated.map(([p]) => p).join(', ')}.`;
  const counterexamples = drawn.map(([property, v]) => counterexampleSection(model, property, v, traceOf, titles));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>virtcheck report: ${name}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>virtcheck report: ${name}</h1>
<p class="summary-line">${summary}</p>
<p>Configuration <code>${result.run.configFile}</code>, run started ${result.run.startedAt}, exit code ${result.outcome.exitCode}.</p>
</header>
<nav aria-label="Sections"><ul>
<li><a href="#verdicts">Verdicts</a></li><li><a href="#configuration">Configuration</a></li><li><a href="#statistics">Statistics</a></li>
${drawn.map(([p]) => html`<li><a href="#cx-${p}">Counterexample: ${p}</a></li>`)}
</ul></nav>
<main id="main">
<section id="verdicts" aria-labelledby="verdicts-h"><h2 id="verdicts-h">Verdicts</h2>${verdictsTable(result, titles)}</section>
<section id="configuration" aria-labelledby="configuration-h"><h2 id="configuration-h">Configuration</h2>${configurationSection(result)}</section>
<section id="statistics" aria-labelledby="statistics-h"><h2 id="statistics-h">Statistics</h2>${statisticsSection(result)}</section>
${
  drawn.length > 0
    ? html`<section id="counterexamples" aria-labelledby="counterexamples-h"><h2 id="counterexamples-h">Counterexamples</h2>
<p>Each step shows the action, its response, what it changed, and the machine after it. <span class="legend"><span class="chg-sample">Marked cells</span> changed in that step; struck-out rows were removed.</span></p>
${counterexamples}</section>`
    : ''
}
</main>
<footer><p>Written by ${result.tool.name} ${result.tool.version}. This page is self-contained: it loads nothing and runs only a small script to step through traces.</p></footer>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}
