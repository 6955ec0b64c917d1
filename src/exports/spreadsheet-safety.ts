// OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these as a formula
// (or, for tab and carriage return, shifts it into one). Every text cell of an export goes through
// `neutralizeFormula` before any CSV quoting or XLSX writing; numbers stay numbers.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** The text with an apostrophe in front when a spreadsheet would read it as a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}
