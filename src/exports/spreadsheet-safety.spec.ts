import { describe, expect, it } from '@jest/globals';
import { neutralizeFormula } from './spreadsheet-safety';

describe('neutralizeFormula', () => {
  it.each(['=HYPERLINK("http://x","y")', '+33 1 23', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['CPAM de Paris', '2026-Q3', '', "L'Union = nous", ' =already spaced'])('leaves %j as it is', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
