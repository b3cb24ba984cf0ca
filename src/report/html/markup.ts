// Building HTML with every piece of text escaped: the `html` tag escapes what
// it interpolates unless it is already markup, so that nothing a trace or a
// configuration holds (a description, say) can inject markup.

/** A fragment of markup, safe to put in a page as is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for element content and quoted attribute values. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(part: Part): string {
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeText(String(part));
}

/** A template of markup whose interpolations are escaped (arrays are joined, null and false omitted). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let markup = strings[0]!;
  parts.forEach((part, i) => {
    markup += render(part) + strings[i + 1]!;
  });
  return new Html(markup);
}

/** Markup written by this program itself (style sheet, script): trusted, not escaped. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Fragments joined with nothing between them. */
export function join(parts: readonly Part[]): Html {
  return new Html(render(parts));
}
