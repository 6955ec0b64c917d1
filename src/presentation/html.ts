/** A fragment of HTML that is already safe to send: only `html` and `raw` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute value: HTML, SVG, and the XML of the spreadsheet export. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * The only way templates build HTML: every interpolated value is escaped unless it is itself a
 * SafeHtml (another `html` fragment or an explicit `raw`). null, undefined and false render nothing,
 * so `${condition && html`...`}` reads naturally; arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new SafeHtml(out);
}

/** Trusted markup written by us (never user input), inserted as is. */
export function raw(trustedMarkup: string): SafeHtml {
  return new SafeHtml(trustedMarkup);
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}
