import { formList, formText, parseForm } from './form-parser';

describe('parseForm', () => {
  it('decodes fields and gathers repeated ones into an array', () => {
    const form = parseForm('caisseCode=751&consequences=overdraft&consequences=borrowed&note=%C3%A9t%C3%A9+ok');
    expect(form).toEqual({ caisseCode: '751', consequences: ['overdraft', 'borrowed'], note: 'été ok' });
    expect(formList(form, 'consequences')).toEqual(['overdraft', 'borrowed']);
    expect(formList(form, 'caisseCode')).toEqual(['751']);
    expect(formList(form, 'missing')).toEqual([]);
  });

  it('reads one trimmed value, the first when a field is repeated', () => {
    const form = parseForm('a=+x+&b=1&b=2');
    expect(formText(form, 'a')).toBe('x');
    expect(formText(form, 'b')).toBe('1');
    expect(formText(form, 'c')).toBe('');
  });
});
