// A small SVG line plot: numeric x axis, linear or logarithmic y axis, one
// line with markers per series, and hollow markers for points that are only
// lower bounds (not joined to the line). Self-contained SVG that a browser
// shows as is.

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  /** The true value is at least y (a run a limit stopped). */
  readonly lowerBound?: boolean;
}

export interface Series {
  readonly name: string;
  readonly points: readonly PlotPoint[];
}

export interface LinePlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logY?: boolean;
}

const WIDTH = 560;
const HEIGHT = 360;
const MARGIN = { left: 70, right: 20, top: 40, bottom: 80 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (n: number) => Number(n.toFixed(1));

/** 1, 10, 100, 1k, 10k, 100k, 1M ... */
export function shortNumber(n: number): string {
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  return String(Number(n.toPrecision(3)));
}

/** Round ticks from 0 to the first at or above `max`. */
function linearTicks(max: number, count: number): number[] {
  const raw = (max || 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks = [0];
  while (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

export function linePlot(plot: LinePlot): string {
  const points = plot.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y).filter((y) => !plot.logY || y > 0);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  let yMin: number;
  let yMax: number;
  let yTicks: number[];
  const transformY = (y: number) => (plot.logY ? Math.log10(y) : y);
  if (plot.logY) {
    yMin = Math.floor(Math.log10(Math.min(...ys)));
    yMax = Math.max(yMin + 1, Math.ceil(Math.log10(Math.max(...ys))));
    yTicks = Array.from({ length: yMax - yMin + 1 }, (_, i) => 10 ** (yMin + i));
  } else {
    yTicks = linearTicks(Math.max(...ys), 5);
    yMin = 0;
    yMax = Math.max(yTicks.at(-1)!, 1);
  }
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  // A little room on either side, so that the end markers are whole.
  const pad = plotWidth * 0.05;
  const px = (x: number) => fixed(MARGIN.left + pad + (xMax === xMin ? (plotWidth - 2 * pad) / 2 : ((x - xMin) / (xMax - xMin)) * (plotWidth - 2 * pad)));
  const py = (y: number) => fixed(MARGIN.top + plotHeight - ((transformY(y) - yMin) / (yMax - yMin)) * plotHeight);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escape(plot.title)}</text>`,
  ];
  // Grid and y ticks.
  for (const t of yTicks) {
    const y = py(t);
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${WIDTH - MARGIN.right}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${shortNumber(t)}</text>`);
  }
  // x ticks at every distinct x.
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(`<line x1="${px(x)}" y1="${MARGIN.top + plotHeight}" x2="${px(x)}" y2="${MARGIN.top + plotHeight + 5}" stroke="black"/>`);
    out.push(`<text x="${px(x)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${x}</text>`);
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="black"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight + 36}" text-anchor="middle">${escape(plot.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(plot.yLabel)}${plot.logY ? ' (log scale)' : ''}</text>`,
  );
  // Series: a line through the exact points, markers, hollow markers for lower bounds.
  plot.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const exact = series.points.filter((p) => !p.lowerBound && (!plot.logY || p.y > 0)).sort((a, b) => a.x - b.x);
    if (exact.length > 1) {
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${exact.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}"/>`);
    }
    for (const p of series.points) {
      if (plot.logY && p.y <= 0) continue;
      const fill = p.lowerBound ? 'white' : colour;
      out.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="4" fill="${fill}" stroke="${colour}" stroke-width="2"><title>${escape(`${series.name}: ${p.lowerBound ? 'at least ' : ''}${p.y.toLocaleString('en-US')}`)}</title></circle>`);
    }
    const ly = HEIGHT - 22;
    const lx = MARGIN.left + i * 150;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<circle cx="${lx + 12}" cy="${ly}" r="4" fill="${colour}"/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escape(series.name)}</text>`);
  });
  if (points.some((p) => p.lowerBound)) {
    const lx = MARGIN.left + plot.series.length * 150;
    out.push(`<circle cx="${lx + 12}" cy="${HEIGHT - 22}" r="4" fill="white" stroke="black" stroke-width="2"/>`);
    out.push(`<text x="${lx + 22}" y="${HEIGHT - 18}">time limit: at least</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
