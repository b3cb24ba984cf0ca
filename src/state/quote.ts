// User-given text inside an error message: cut to a sane length and stripped
// of control characters (an escape sequence in a key must not reach the
// terminal, a 10 MB value must not become a 10 MB message).

/** Characters quoted text keeps at most. */
export const MAX_QUOTED = 60;

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text without control characters, cut to `max` characters (an ellipsis marks the cut). */
export function printable(text: string, max = MAX_QUOTED): string {
  const chars = [...text.replace(CONTROL, '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}...` : chars.join('');
}

/** The text in double quotes, printable. */
export function quote(text: string, max = MAX_QUOTED): string {
  return `"${printable(text, max)}"`;
}

/** A key as it is written in a path: bare when it is a plain identifier, quoted otherwise. */
export function keyLabel(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key) ? key : quote(key);
}
