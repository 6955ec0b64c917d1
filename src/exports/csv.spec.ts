import { describe, expect, it } from '@jest/globals';
import { renderCsv } from './csv';
import type { ExportTable } from './export-table';

describe('renderCsv', () => {
  const table: ExportTable = {
    columns: [{ header: 'Nom', kind: 'text' }, { header: 'Part', kind: 'share' }, { header: 'Jours', kind: 'days' }],
    rows: [['=HYPERLINK("http://x";"y")', 0.42, 12], ['-1+1', null, 0]],
  };

  it('writes French Excel CSV: BOM, CRLF, semicolons, decimal comma, formulas neutralised before quoting', () => {
    const csv = renderCsv(table, [['Organisation', '@SUM(A1)']], 'excel-fr');
    expect(csv).toBe(
      '\uFEFFOrganisation;\'@SUM(A1)\r\n\r\nNom;Part;Jours\r\n"\'=HYPERLINK(""http://x"";""y"")";0,42;12\r\n\'-1+1;;0\r\n',
    );
  });

  it('writes RFC 4180 CSV with commas and decimal points', () => {
    const csv = renderCsv(table, [], 'rfc4180');
    expect(csv).toBe('\uFEFF\r\nNom,Part,Jours\r\n"\'=HYPERLINK(""http://x"";""y"")",0.42,12\r\n\'-1+1,,0\r\n');
  });
});
