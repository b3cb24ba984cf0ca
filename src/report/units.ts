// Figures in units a person reads at a glance, however large: bytes in
// binary units, durations from seconds to years, counts with a suffix; past
// the largest unit, "more than ...".

/** 1.6 GiB, 512 MiB, 900 KiB: binary units up to PiB; beyond, "more than 1,024 PiB". */
export function formatBytes(bytes: number): string {
  return scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], ' ');
}

/**
 * 1,234,567: a whole number with thousands separators, as en-US writes it.
 * Written out rather than asked of the locale: the first locale call loads
 * ICU's data, some 20 ms of every run that prints a count.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${n < 0 ? '-' : ''}${groups.join(',')}`;
}

/** 1.4M, 230k, 3.1T: enough digits for an estimate; past 1,000 quadrillion, "more than 1,000P". */
export function roughCount(n: number): string {
  if (n < 1e4) return formatCount(Math.round(n));
  return scaled(n, 1000, ['', 'k', 'M', 'G', 'T', 'P'], '');
}

function scaled(value: number, base: number, units: readonly string[], gap: string): string {
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  if (!Number.isFinite(value) || value >= base) return `more than ${formatCount(base)}${gap}${units.at(-1)}`;
  const digits = unit === 0 ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))}${gap}${units[unit]}`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/** 12 s, 7 min, 3.5 h, 12 days, 40 years; past 1,000 years, "more than 1,000 years". */
export function formatDuration(seconds: number): string {
  const two = (n: number) => Number(n.toPrecision(2));
  if (!Number.isFinite(seconds) || seconds >= 1000 * YEAR) return 'more than 1,000 years';
  if (seconds < 100) return `${two(seconds)} s`;
  if (seconds < 100 * MINUTE) return `${Math.round(seconds / MINUTE)} min`;
  if (seconds < 2 * DAY) return `${two(seconds / HOUR)} h`;
  if (seconds < YEAR) return `${Math.round(seconds / DAY)} days`;
  return `${two(seconds / YEAR)} years`;
}

/** Elapsed time on a progress line: 42 s, 3 min 05 s, 2 h 07 min. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min ${String(s % MINUTE).padStart(2, '0')} s`;
  return `${Math.floor(s / HOUR)} h ${String(Math.floor((s % HOUR) / MINUTE)).padStart(2, '0')} min`;
}
