import { describe, expect, it } from '@jest/globals';
import { CSV_DIALECTS, formatCsvLines, renderCsv } from './csv';
import type { ExportTable, ExportValue } from './export-table';

describe('renderCsv', () => {
  const table: ExportTable = {
    columns: [
      { header: 'Nom', kind: 'text' },
      { header: 'Part', kind: 'share' },
      { header: 'Jours', kind: 'days' },
    ],
    rows: [
      ['=HYPERLINK("http://x";"y")', 0.42, 12],
      ['-1+1', null, 0],
    ],
  };

  it('writes French Excel CSV: BOM, CRLF, semicolons, decimal comma, formulas neutralised before quoting', () => {
    const csv = renderCsv(table, [['Organisation', '@SUM(A1)']], 'excel-fr');
    expect(csv).toBe('\uFEFFOrganisation;\'@SUM(A1)\r\n\r\nNom;Part;Jours\r\n"\'=HYPERLINK(""http://x"";""y"")";0,42;12\r\n\'-1+1;;0\r\n');
  });

  it('writes RFC 4180 CSV with commas and decimal points', () => {
    const csv = renderCsv(table, [], 'rfc4180');
    expect(csv).toBe('\uFEFF\r\nNom,Part,Jours\r\n"\'=HYPERLINK(""http://x"";""y"")",0.42,12\r\n\'-1+1,,0\r\n');
  });
});

describe('formatCsvLines (the cube) writes what csv-stringify writes', () => {
  const awkward = [
    '',
    ' ',
    'a;b',
    'a,b',
    'say "hi"',
    'crlf\r\nhere',
    '=1+1',
    '+33',
    '-',
    '@x',
    '\tlead',
    'Île-de-France',
    'CPAM d’Ille-et-Vilaine',
    '"',
    ';',
    ',',
  ];
  const numbers = [0, 1, -2, 0.5, 0.125, 12.75, 1e-7, 123456789];
  const rows: ExportValue[][] = [];
  for (let index = 0; index < awkward.length; index++) {
    rows.push([awkward[index], numbers[index % numbers.length], null, awkward[(index * 7) % awkward.length], index]);
  }
  const columns = [
    { header: 'Texte', kind: 'text' as const },
    { header: 'Nombre', kind: 'share' as const },
    { header: 'Vide', kind: 'days' as const },
    { header: 'Autre', kind: 'text' as const },
    { header: 'Rang', kind: 'count' as const },
  ];

  it.each(CSV_DIALECTS)('in %s', (dialect) => {
    const delimiter = dialect === 'excel-fr' ? ';' : ',';
    const expected = renderCsv({ columns, rows }, [], dialect);
    expect(`\uFEFF\r\n${columns.map((column) => column.header).join(delimiter)}\r\n${formatCsvLines(rows, dialect)}`).toBe(expected);
  });
});

it('formatCsvLines quotes a lone line break too, where csv-stringify with CRLF records leaves it bare', () => {
  expect(formatCsvLines([['line\nbreak', 'cr\rhere', 1]], 'excel-fr')).toBe('"line\nbreak";"cr\rhere";1\r\n');
});
