import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { characterCount, HasCharacterCount, isPlainTextLine, IsPlainTextLine, normaliseText } from './plain-text.validator';

class Sample {
  @HasCharacterCount(1, 5)
  @IsPlainTextLine()
  text: unknown;
}

const failures = (text: unknown) => validateSync(Object.assign(new Sample(), { text })).flatMap((error) => Object.keys(error.constraints ?? {}));

describe('plain text validators', () => {
  it.each(['Réorganisation du service IJ', 'Grève — 3 jours', 'Fermeture de l’accueil 😷', '<b>pas du HTML</b>'])(
    'accepts %j as one line of plain text',
    (text) => {
      expect(isPlainTextLine(text)).toBe(true);
    },
  );

  it.each([
    ['a line feed', 'a\nb'],
    ['a tab', 'a\tb'],
    ['a NUL', 'a\u0000'],
    ['DEL', 'a\u007f'],
    ['a C1 control', 'a\u0085b'],
    ['a line separator', 'a\u2028b'],
    ['a right-to-left override', 'abc\u202edcba'],
    ['a bidirectional isolate', '\u2066x\u2069'],
    ['a lone surrogate', 'a\ud800'],
  ])('refuses %s', (_label, text) => {
    expect(isPlainTextLine(text)).toBe(false);
  });

  it('counts code points of the normalised text, as PostgreSQL does', () => {
    expect(characterCount('😷😷')).toBe(2);
    expect(characterCount(normaliseText('  e\u0301té '))).toBe(3);
    expect(failures('abcde')).toEqual([]);
    expect(failures('😷😷😷😷😷')).toEqual([]);
    expect(failures(' abcde ')).toEqual([]);
    expect(failures('abcdef')).toEqual(['hasCharacterCount']);
    expect(failures('   ')).toEqual(['hasCharacterCount']);
    expect(failures('a\nb')).toEqual(['isPlainTextLine']);
    expect(failures(42)).toEqual(['hasCharacterCount']);
  });
});
