// Where JSON text stops being JSON, and why, for error messages that name a
// line and column (JSON.parse's messages vary between Node versions, give an
// offset at best and may quote the whole text). An explicit stack, not
// recursion, so that deep nesting cannot overflow the call stack.

export interface JsonSyntaxProblem {
  /** Offset in the text (UTF-16 code units). */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

type Expect = 'value' | 'value-or-close' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

/** The first syntax error of `text`, or null when it is valid JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const stack: string[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const at = (offset: number, problem: string): JsonSyntaxProblem => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { offset, line, column: offset - before.lastIndexOf('\n'), problem };
  };
  const afterValue = () => {
    expect = stack.length > 0 ? 'comma-or-close' : 'end';
  };
  /** Skips the string starting at i; a problem, or null. */
  const string = (): JsonSyntaxProblem | null => {
    const start = i;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return at(i, 'a control character inside a string (write it as an escape)');
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at(i, 'a \\u escape needs four hexadecimal digits');
          i += 5;
        } else if (next !== undefined && ESCAPES.includes(next)) i++;
        else return at(i, `an invalid escape in a string`);
      }
    }
    return at(start, 'a string that is never closed');
  };
  /** Skips the scalar or opens the container at i; a problem, or null. */
  const value = (): JsonSyntaxProblem | null => {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      i++;
      return null;
    }
    if (c === '"') {
      const problem = string();
      afterValue();
      return problem;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number && number[0].length > 0) {
      i += number[0].length;
      afterValue();
      return null;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        afterValue();
        return null;
      }
    }
    return at(i, `unexpected ${describe(c)} where a value should be`);
  };

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return expect === 'end' ? null : at(i, 'unexpected end of the text');
    const c = text[i]!;
    let problem: JsonSyntaxProblem | null = null;
    switch (expect) {
      case 'end':
        return at(i, `unexpected ${describe(c)} after the JSON value`);
      case 'value-or-close':
        if (c === ']') {
          stack.pop();
          i++;
          afterValue();
        } else problem = value();
        break;
      case 'value':
        problem = value();
        break;
      case 'key-or-close':
      case 'key':
        if (c === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          afterValue();
        } else if (c === '"') {
          problem = string();
          expect = 'colon';
        } else problem = at(i, `expected a key in double quotes, found ${describe(c)}`);
        break;
      case 'colon':
        if (c !== ':') return at(i, `expected ':' after the key, found ${describe(c)}`);
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const close = stack.at(-1) === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          expect = close === '}' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
          afterValue();
        } else problem = at(i, `expected ',' or '${close}', found ${describe(c)}`);
        break;
      }
    }
    if (problem) return problem;
  }
}

function describe(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
}
