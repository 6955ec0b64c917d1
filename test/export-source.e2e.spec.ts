import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatsService } from '../src/stats/stats.service';
import { createToken, TestToken } from './access-tokens';
import { binary, parseCsvExport, pdfText, readWorkbook } from './export-files';
import { UNION_IDENTITY } from './organisation-identity';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const QUERY = 'groupBy=caisse&period=2025&kind=all';
const SOURCE = 'Source : Union locale des syndicats de Lille';

/** The key/value lines of an XLSX export's information sheet. */
async function xlsxInformation(file: Buffer): Promise<Map<string, string>> {
  const informations = (await readWorkbook(file)).getWorksheet('Informations')!;
  const metadata = new Map<string, string>();
  informations.eachRow((row) => metadata.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  return metadata;
}

// Every export format names the hosting union as the source of its figures, read back from the file.
describe('"Source : <organisation>" in every export', () => {
  let testApp: TestApp;
  let union: TestToken;
  const get = (path: string) => binary(testApp.http.get(path).set('Authorization', union.bearer)).expect(200);

  beforeAll(async () => {
    testApp = await startTestApp(UNION_IDENTITY);
    // The downloading union is another one than the host: the source is the host.
    union = await createToken(testApp, 'union', 'Syndicat départemental du Nord');
    await insertReports(testApp.db, sameReports(30, '751', 20, { leave: '2025-02-03' }));
    await testApp.app.get(StatsService).refresh();
  });
  afterAll(async () => testApp.close());

  it.each([
    ['stats.csv', `stats.csv?${QUERY}`, ';'],
    ['stats.csv (rfc4180)', `stats.csv?${QUERY}&dialect=rfc4180`, ','],
    ['cube.csv', 'cube.csv', ';'],
  ] as const)('%s: a Source line in the metadata block, beside the downloading organisation', async (_name, path, delimiter) => {
    const { metadata } = parseCsvExport((await get(`/api/exports/${path}`)).body, delimiter);
    expect(`Source : ${metadata.get('Source')}`).toBe(SOURCE);
    expect(metadata.get('Organisation')).toBe('Syndicat départemental du Nord');
  });

  it.each([
    ['stats.xlsx', `stats.xlsx?${QUERY}`],
    ['cube.xlsx', 'cube.xlsx'],
  ])('%s: a Source line on the information sheet', async (_name, path) => {
    const metadata = await xlsxInformation((await get(`/api/exports/${path}`)).body);
    expect(`Source : ${metadata.get('Source')}`).toBe(SOURCE);
  });

  it('stats.json: a source field', async () => {
    const response = await testApp.http.get(`/api/exports/stats.json?${QUERY}`).set('Authorization', union.bearer).expect(200);
    expect(response.body.source).toBe(SOURCE);
  });

  it('stats.pdf: the source under the title and at the foot of every page', async () => {
    const text = await pdfText((await get(`/api/exports/stats.pdf?${QUERY}`)).body);
    const pages = text.split(/-- \d+ of \d+ --/).filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain(SOURCE);
  });
});
