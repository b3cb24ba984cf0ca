// Estimating the size of a state space from the start of a breadth-first
// run: the level sizes of these models rise and fall in a bell-like profile
// (with a period of three levels: hypercall, service, resume), so a parabola
// fitted to the logarithms of the smoothed level sizes extrapolates the rest.
// One fit is fragile; several (over different windows of levels and
// smoothing widths) give a spread. The estimate is their median and the range
// their interquartile range widened by RANGE_FACTOR, never below the states
// explored, which are certain. docs/checker.md reports how often the range
// held the true count on configurations whose counts are known.

/** How far the range extends beyond the quartiles of the fits, either way. */
const RANGE_FACTOR = 3;
/** Fewer complete levels than this and nothing is extrapolated. */
export const MIN_LEVELS = 6;
/** A fit whose levels do not fade out within this many more levels is not used. */
const HORIZON = 10_000;

const WINDOWS = [1 / 3, 1 / 2, 2 / 3, 1];
const SMOOTHING = [1, 3, 6];

export type SizeEstimate =
  | { readonly kind: 'exact'; readonly states: number }
  | { readonly kind: 'lower-bound'; readonly atLeast: number; readonly reason: string }
  | {
      readonly kind: 'extrapolated';
      readonly atLeast: number;
      readonly states: number;
      readonly low: number;
      readonly high: number;
    };


/**
 * `levels` are the sizes of the complete levels of a run, `partial` the
 * states of the next level it had stored when it stopped; `complete` when the
 * run reached the fixpoint.
 */
export function estimateSize(levels: readonly number[], partial: number, complete: boolean): SizeEstimate {
  const explored = levels.reduce((a, b) => a + b, 0) + partial;
  if (complete) return { kind: 'exact', states: explored };
  if (levels.length < MIN_LEVELS) {
    return { kind: 'lower-bound', atLeast: explored, reason: `only ${levels.length} complete levels: too few to extrapolate` };
  }
  const fits: number[] = [];
  for (const window of WINDOWS) {
    for (const width of SMOOTHING) {
      const total = extrapolate(levels, window, width);
      if (total !== null) fits.push(Math.max(explored, levels.reduce((a, b) => a + b, 0) + Math.max(partial, total)));
    }
  }
  if (fits.length === 0) {
    return { kind: 'lower-bound', atLeast: explored, reason: 'the level sizes still grow exponentially: no fit bends down' };
  }
  fits.sort((a, b) => a - b);
  return {
    kind: 'extrapolated',
    atLeast: explored,
    states: Math.round(quantile(fits, 0.5)),
    low: Math.round(Math.max(explored, quantile(fits, 0.25) / RANGE_FACTOR)),
    high: Math.round(quantile(fits, 0.75) * RANGE_FACTOR),
  };
}

/**
 * The states beyond the complete levels by one fit: a parabola through the
 * logarithms of the level sizes (smoothed over `width` levels) of the last
 * `window` of the levels; null when it does not bend down.
 */
function extrapolate(levels: readonly number[], window: number, width: number): number | null {
  const smoothed = smooth(levels, width);
  const last = levels.length - 1;
  const first = Math.max(1, Math.floor(last * (1 - window)));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let d = first; d <= last; d++) {
    if (smoothed[d]! <= 0) continue;
    xs.push(d);
    ys.push(Math.log(smoothed[d]!));
  }
  if (xs.length < 4) return null;
  const fit = fitParabola(xs, ys);
  if (fit === null || fit.c2 >= 0) return null;
  let beyond = 0;
  for (let d = last + 1; d <= last + HORIZON; d++) {
    const size = Math.exp(Math.min(700, fit.c0 + fit.c1 * d + fit.c2 * d * d));
    beyond += size;
    if (!Number.isFinite(beyond)) return null;
    if (size < 1e-4 * Math.max(1, beyond)) return beyond;
  }
  return null;
}

/** Each level averaged with the `width - 1` before it. */
function smooth(levels: readonly number[], width: number): number[] {
  return levels.map((_, d) => {
    const from = Math.max(0, d - width + 1);
    let sum = 0;
    for (let i = from; i <= d; i++) sum += levels[i]!;
    return sum / (d - from + 1);
  });
}

/** Least squares y = c0 + c1 x + c2 x^2, by the normal equations (x centred for conditioning). */
export function fitParabola(xs: readonly number[], ys: readonly number[]): { c0: number; c1: number; c2: number } | null {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  xs.forEach((x0, i) => {
    const x = x0 - mean;
    let p = 1;
    for (let k = 0; k <= 4; k++) {
      s[k]! += p;
      if (k <= 2) t[k]! += p * ys[i]!;
      p *= x;
    }
  });
  const solved = solve3(
    [
      [s[0]!, s[1]!, s[2]!],
      [s[1]!, s[2]!, s[3]!],
      [s[2]!, s[3]!, s[4]!],
    ],
    t,
  );
  if (solved === null) return null;
  const [a, b, c] = solved;
  // Undo the centring: a + b (x - m) + c (x - m)^2.
  return { c0: a - b * mean + c * mean * mean, c1: b - 2 * c * mean, c2: c };
}

function solve3(m: number[][], v: number[]): [number, number, number] | null {
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-12) return null;
  const column = (k: number) => det(m.map((row, i) => row.map((value, j) => (j === k ? v[i]! : value))));
  return [column(0) / d, column(1) / d, column(2) / d];
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}
