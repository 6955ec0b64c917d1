import type { Caisse } from '../caisses/caisse.entity';
import { fundOptions } from './french-labels';

function caisse(code: string, name: string, departements: string[]): Caisse {
  return { code, name, departements, region: 'r', type: 'CPAM' };
}

describe('fundOptions', () => {
  it('labels each fund with its département numbers, sorted by département, naming shared départements', () => {
    const options = fundOptions([
      caisse('971', 'CGSS de la Guadeloupe', ['971', '977', '978']),
      caisse('595', 'CPAM de Lille-Douai', ['59']),
      caisse('201', 'CPAM de la Corse-du-Sud', ['2A']),
      caisse('011', "CPAM de l'Ain", ['01']),
    ]);
    expect(options).toEqual([
      { code: '011', label: "01 – CPAM de l'Ain" },
      { code: '201', label: '2A – CPAM de la Corse-du-Sud' },
      { code: '595', label: '59 Nord – CPAM de Lille-Douai' },
      { code: '971', label: '971, 977, 978 – CGSS de la Guadeloupe' },
    ]);
  });
});
