// The number of distinct states at each breadth-first level, as an inline SVG
// bar chart with its numbers also in a table (for screen readers and for
// reading exact values).
import { html, type Html } from './markup.js';
import { formatCount } from '../units.js';

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { left: 56, right: 8, top: 10, bottom: 34 };

/** A round step for about `count` ticks up to `max`. */
function tickStep(max: number, count: number): number {
  const raw = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
}

export function levelsChart(levels: readonly number[], id: string): Html {
  const max = Math.max(1, ...levels);
  const step = tickStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const barW = plotW / Math.max(levels.length, 1);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  const every = Math.max(1, Math.ceil(levels.length / 12));
  const bars = levels.map((count, level) => {
    const x = MARGIN.left + level * barW;
    return html`<rect class="bar" x="${x.toFixed(1)}" y="${y(count).toFixed(1)}" width="${Math.max(barW - 1, 0.5).toFixed(1)}" height="${(MARGIN.top + plotH - y(count)).toFixed(1)}"><title>level ${level}: ${formatCount(count)} states</title></rect>`;
  });
  const xLabels = levels
    .map((_, level) => level)
    .filter((level) => level % every === 0)
    .map((level) => html`<text class="tick" x="${(MARGIN.left + (level + 0.5) * barW).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle">${level}</text>`);
  const yLabels = ticks.map(
    (t) => html`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="tick" x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${formatCount(t)}</text>`,
  );
  return html`<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMidYMid meet">
<title id="${id}-t">Distinct states per breadth-first level</title><desc id="${id}-d">${levels.length} levels, at most ${formatCount(max)} states at one level (level ${levels.indexOf(max)}).</desc>
${yLabels}${bars}${xLabels}<text class="axis" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 4}" text-anchor="middle">level (actions from the initial state)</text></svg>
<figcaption>States per level. <details><summary>The numbers</summary><div class="scroll"><table class="grid"><thead><tr><th scope="col">level</th><th scope="col">states</th></tr></thead><tbody>${levels.map(
    (count, level) => html`<tr><td>${level}</td><td>${formatCount(count)}</td></tr>`,
  )}</tbody></table></div></details></figcaption></figure>`;
}
