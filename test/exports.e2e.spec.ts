import { NOT_PUBLISHED } from '../src/presentation/french-labels';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Row } from 'exceljs';
import { StatsService } from '../src/stats/stats.service';
import type { StatsResponse, StatsRow } from '../src/stats/stats.dto';
import { createToken, TestToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { binary, csvNumber, parseCsvExport, pdfText, readWorkbook } from './export-files';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const EVIL_ORGANISATION = '=HYPERLINK("http://evil.example","cliquez")';
const QUERY = 'groupBy=caisse&period=2025&kind=all';

type Published = Extract<StatsRow, { suppressed: false }>;

describe('exports', () => {
  let testApp: TestApp;
  let union: TestToken;
  let admin: TestToken;
  let stats: StatsResponse;
  const get = (path: string, token: TestToken = union) => binary(testApp.http.get(path).set('Authorization', token.bearer));

  beforeAll(async () => {
    testApp = await startTestApp();
    union = await createToken(testApp, 'union', EVIL_ORGANISATION);
    admin = await createToken(testApp, 'admin', 'Administration');
  });
  afterAll(async () => testApp.close());

  it('answers 503 before the first snapshot', async () => {
    const response = await testApp.http.get('/api/exports/cube.csv').set('Authorization', union.bearer).expect(503);
    expectErrorShape(response.body, 503, 'UNAVAILABLE');
  });

  it('has figures to export once a snapshot exists', async () => {
    await insertReports(testApp.db, [
      ...sameReports(30, '751', 20, { leave: '2025-02-03' }),
      ...sameReports(14, '751', null, { leave: '2025-03-03', consequences: ['overdraft'] }),
      ...sameReports(25, '931', 45, { leave: '2025-04-07', certificate: '2025-04-20' }),
      ...sameReports(20, '594', 12, { leave: '2025-05-05' }),
      ...sameReports(4, '481', 9, { leave: '2025-05-05' }),
    ]);
    await testApp.app.get(StatsService).refresh();
    stats = (await testApp.http.get(`/api/stats?${QUERY}`).expect(200)).body;
    // Every fund is a row. With 20 reports or more a fund is published whatever the noise (σ = 2);
    // a fund without any report looks exactly like one with too few.
    const funds: unknown[] = (await testApp.http.get('/api/caisses').expect(200)).body;
    expect(stats.rows).toHaveLength(funds.length);
    const published = stats.rows.filter((row) => !row.suppressed).map((row) => row.group.caisse);
    expect(published).toEqual(expect.arrayContaining(['751', '931', '594']));
    expect(published.filter((code) => !['751', '931', '594', '481'].includes(code))).toEqual([]);
    expect(stats.rows.find((row) => row.group.caisse === '011')).toEqual({ group: { caisse: '011', caisseName: expect.any(String) }, suppressed: true });
  });

  it.each([
    ['stats.csv?dialect=excel', 'dialect'],
    ['stats.csv?groupBy=fund', 'groupBy'],
    ['stats.xlsx?dialect=rfc4180', 'dialect'],
    ['stats.pdf?period=2026-T3', 'period'],
    ['stats.json?caisse=751&region=Bretagne', 'caisse'],
    ['cube.csv?dialect=excel-en', 'dialect'],
    ['cube.csv?groupBy=caisse', 'groupBy'],
  ])('refuses %s naming %s', async (path, field) => {
    const response = await testApp.http.get(`/api/exports/${path}`).set('Authorization', union.bearer).expect(400);
    expectErrorShape(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it.each([
    [';', ''],
    [',', '&dialect=rfc4180'],
  ] as const)('stats.csv with "%s" matches /api/stats, with the query, times and method stated', async (delimiter, dialect) => {
    const response = await get(`/api/exports/stats.csv?${QUERY}${dialect}`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="delais-ij-caisse-2025-all-\d{4}-\d\d-\d\d\.csv"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const csv = parseCsvExport(response.body, delimiter);
    expect(csv.metadata.get('Instantané des statistiques (UTC)')).toBe(stats.snapshotAt);
    expect(Date.parse(csv.metadata.get('Fichier généré le (UTC)')!)).toBeGreaterThanOrEqual(Date.parse(stats.snapshotAt));
    expect(csv.metadata.get('Période')).toBe('2025');
    expect(csv.metadata.get('Requête')).toBe(QUERY);
    expect(csv.metadata.get('Méthode')).toMatch(/^Les délais sont estimés par la méthode de Kaplan–Meier/);
    expect(csv.metadata.get('Organisation')).toBe(`'${EVIL_ORGANISATION}`);
    expect(csv.header.slice(0, 8)).toEqual([
      'Caisse',
      'Code',
      'Remarque',
      'Signalements',
      'Payés',
      'En attente',
      'Délai médian (jours)',
      '90e centile (jours)',
    ]);
    expect(csv.header).toContain('Part non payée après 30 jours');
    expect(csv.rows).toHaveLength(stats.rows.length + 1);
    const column = (name: string) => csv.header.indexOf(name);
    stats.rows.forEach((row, index) => {
      const line = csv.rows[index];
      expect(line.slice(0, 2)).toEqual([row.group.caisseName, row.group.caisse]);
      if (row.suppressed) {
        expect(line[column('Remarque')]).toBe(NOT_PUBLISHED);
        expect(line.slice(3).every((cell) => cell === '')).toBe(true);
        return;
      }
      expect(csvNumber(line[column('Signalements')], delimiter)).toBe(row.reports);
      expect(csvNumber(line[column('Délai médian (jours)')], delimiter)).toBe(row.medianDays);
      expect(csvNumber(line[column('Part non payée après 30 jours')], delimiter)).toBe(row.shareOverThreshold);
      expect(csvNumber(line[column('IC 95 % haut')], delimiter)).toBe(row.shareOverThresholdCi?.[1] ?? null);
    });
    const total = stats.total as Published;
    expect(csv.rows.at(-1)![0]).toBe('Ensemble');
    expect(csvNumber(csv.rows.at(-1)![column('Signalements')], delimiter)).toBe(total.reports);
    const shares = csv.rows.map((line) => line[column('Part non payée après 30 jours')]).filter((cell) => cell !== '' && cell !== '0' && cell !== '1');
    expect(shares.length).toBeGreaterThan(0);
    for (const share of shares) expect(share).toContain(delimiter === ';' ? ',' : '.');
  });

  it('stats.xlsx has a French header row, typed number cells and an information sheet', async () => {
    const response = await get(`/api/exports/stats.xlsx?${QUERY}`, admin).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/filename="delais-ij-.*\.xlsx"/);
    const workbook = await readWorkbook(response.body);
    const sheet = workbook.getWorksheet('Statistiques')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Caisse', 'Code', 'Remarque', 'Signalements']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
    const column = (name: string) => header.indexOf(name) + 1;
    const lines: Row[] = [];
    sheet.eachRow((row, number) => number > 1 && lines.push(row));
    expect(lines).toHaveLength(stats.rows.length + 1);
    stats.rows.forEach((row, index) => {
      const line = lines[index];
      expect(line.getCell(2).value).toBe(row.group.caisse);
      if (row.suppressed) {
        expect(line.getCell(column('Remarque')).value).toBe(NOT_PUBLISHED);
        expect(line.getCell(column('Signalements')).value).toBeNull();
        return;
      }
      expect(line.getCell(column('Signalements')).value).toBe(row.reports);
      expect(line.getCell(column('Délai médian (jours)')).value).toBe(row.medianDays);
      const share = line.getCell(column('Part non payée après 30 jours'));
      expect(share.value).toBe(row.shareOverThreshold);
      expect(share.numFmt).toBe('0%');
    });
    const informations = workbook.getWorksheet('Informations')!;
    const metadata = new Map<string, string>();
    informations.eachRow((row) => metadata.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(metadata.get('Instantané des statistiques (UTC)')).toBe(stats.snapshotAt);
    expect(metadata.get('Organisation')).toBe('Administration');
    expect(metadata.get('Méthode')).toContain('Kaplan–Meier');
  });

  it('stats.xlsx escapes a formula-looking organisation name', async () => {
    const workbook = await readWorkbook((await get(`/api/exports/stats.xlsx?${QUERY}`).expect(200)).body);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
    expect(cells).toContain(`'${EVIL_ORGANISATION}`);
    expect(cells.filter((value) => typeof value === 'string' && /^[=+\-@\t\r]/.test(value))).toEqual([]);
    expect(cells.filter((value) => typeof value === 'object' && value !== null)).toEqual([]);
  });

  it('stats.json is the /api/stats answer with generatedAt, the method and the source', async () => {
    const response = await testApp.http.get(`/api/exports/stats.json?${QUERY}`).set('Authorization', union.bearer).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/filename="delais-ij-.*\.json"/);
    const { generatedAt, method, source, ...rest } = response.body;
    expect(rest).toEqual(stats);
    // This instance has not set ORGANISATION_NAME (export-source.e2e.spec.ts covers one that has).
    expect(source).toBe('Source : votre syndicat (nom non renseigné)');
    expect(Date.parse(generatedAt)).not.toBeNaN();
    expect(method).toMatch(/Kaplan–Meier.*légèrement brouillés.*moins de 11 signalements après ce brouillage/);
  });

  it('stats.pdf states the title, period, method, each fund with its median, and suppressed rows', async () => {
    const response = await get(`/api/exports/stats.pdf?${QUERY}`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.body.subarray(0, 5).toString()).toBe('%PDF-');
    // A long fund name may wrap in its cell, after a hyphen too ("Dunkerque-⏎Armentières").
    const text = (await pdfText(response.body)).replace(/\s+/g, ' ').replace(/- /g, '-');
    expect(text).toContain('Délais de premier paiement des indemnités journalières');
    expect(text).toContain('Période : 2025');
    expect(text).toContain('Les délais sont estimés par la méthode de Kaplan–Meier');
    expect(text).toContain(NOT_PUBLISHED);
    expect(text).toMatch(/Page 1 \/ \d+ — délais déclarés/);
    const shown = stats.rows.filter((row): row is Published & { group: StatsRow['group'] } => !row.suppressed);
    for (const row of shown) {
      expect(text).toContain(`${row.group.caisseName} (${row.group.caisse}) ${row.reports} ${row.paid} ${row.waiting} ${row.medianDays ?? '–'}`);
      if (row.medianDays !== null) expect(text).toContain(`${row.medianDays} j`);
    }
    expect(text).toContain('seuil : 30 jours');
  });

  describe('the cube', () => {
    let cells: number;
    beforeAll(async () => {
      cells = (await testApp.app.get(StatsService).getSnapshotInfo())!.cells;
    });

    it.each([
      [';', ''],
      [',', '?dialect=rfc4180'],
    ] as const)(
      'cube.csv (%s) holds one line per published cell, with the figures of /api/stats; suppressed parts carry no figure',
      async (delimiter, dialect) => {
        const response = await get(`/api/exports/cube.csv${dialect}`).expect(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toMatch(/^attachment; filename="delais-ij-cube-\d{4}-\d\d-\d\d\.csv"$/);
        expect(response.headers['cache-control']).toBe('no-store');
        const csv = parseCsvExport(response.body, delimiter);
        expect(csv.header.slice(0, 8)).toEqual([
          'Géographie (niveau)',
          'Code',
          'Nom',
          'Type d’arrêt',
          'Période (niveau)',
          'Période',
          'Remarque',
          'Signalements',
        ]);
        expect(csv.rows).toHaveLength(cells);
        expect(csv.metadata.get('Lignes')).toBe(String(cells));
        const column = (name: string) => csv.header.indexOf(name);
        // Published cells only: a suppressed cell is left out, as an empty one is.
        expect(csv.rows.filter((line) => line[6] === NOT_PUBLISHED)).toEqual([]);
        for (const line of csv.rows) expect(csvNumber(line[column('Signalements')], delimiter)).toBeGreaterThanOrEqual(11);
        // A published cell may hide a part: 594's reports gave no attestation date, so its fund part never reaches 11.
        const hiddenFundPart = csv.rows.filter((line) => line[6].includes(`part caisse : ${NOT_PUBLISHED}`));
        expect(hiddenFundPart.map((line) => line[1])).toContain('594');
        const fundPart = [column('Part caisse : signalements'), column('Part caisse : délai médian (jours)'), column('Part caisse : 90e centile (jours)')];
        for (const line of hiddenFundPart) expect(fundPart.map((index) => line[index])).toEqual(['', '', '']);
        // Each fund of the 2025 table: its line carries the same figures, or there is none when suppressed.
        for (const row of stats.rows) {
          const line = csv.rows.find(
            (candidate) => candidate[0] === 'Caisse' && candidate[1] === row.group.caisse && candidate[3] === 'Tous' && candidate[5] === '2025',
          );
          if (row.suppressed) {
            expect(line).toBeUndefined();
            continue;
          }
          expect(line!.slice(0, 5)).toEqual(['Caisse', row.group.caisse, row.group.caisseName, 'Tous', 'Année']);
          expect(csvNumber(line![column('Signalements')], delimiter)).toBe(row.reports);
          expect(csvNumber(line![column('Payés')], delimiter)).toBe(row.paid);
          expect(csvNumber(line![column('Délai médian (jours)')], delimiter)).toBe(row.medianDays);
          expect(csvNumber(line![column('Part non payée après 30 jours')], delimiter)).toBe(row.shareOverThreshold);
        }
        expect(csv.rows.find((line) => line[1] === '751' && line[3] === 'Tous' && line[5] === '2025')?.[2]).toBe('CPAM de Paris');
        expect(csv.rows.find((line) => line[0] === 'France' && line[5] === 'toutes')?.[2]).toBe('France');
      },
    );

    it('cube.xlsx holds the same rows as cube.csv, typed and formatted, with a frozen header, a filter and an information sheet', async () => {
      const response = await get('/api/exports/cube.xlsx', admin).expect(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="delais-ij-cube-\d{4}-\d\d-\d\d\.xlsx"$/);
      expect(response.headers['cache-control']).toBe('no-store');
      const workbook = await readWorkbook(response.body);
      const sheet = workbook.getWorksheet('Cube')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const csv = parseCsvExport((await get('/api/exports/cube.csv?dialect=rfc4180', admin).expect(200)).body, ',');
      expect(header).toEqual(csv.header);
      expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeDefined();
      const share = header.indexOf('Part non payée après 30 jours') + 1;
      const rows: unknown[][] = [];
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        const values = header.map((_, index) => row.getCell(index + 1).value);
        rows.push(values);
        const reports = row.getCell(8).value;
        if (row.getCell(7).value === NOT_PUBLISHED) expect(reports).toBeNull();
        else expect(typeof reports).toBe('number');
        if (typeof row.getCell(share).value === 'number') expect(row.getCell(share).numFmt).toBe('0%');
        if (typeof reports === 'number') expect(row.getCell(8).numFmt).toBe('0');
      });
      expect(rows).toHaveLength(cells);
      // Cell for cell what the CSV says: a number where the CSV has one, no cell where it is empty.
      const asCsv = (value: unknown) => (value === null || value === undefined ? '' : String(value));
      expect(rows.map((row) => row.map(asCsv))).toEqual(csv.rows);
      const metadata = new Map<string, string>();
      workbook.getWorksheet('Informations')!.eachRow((row) => metadata.set(String(row.getCell(1).value), String(row.getCell(2).value)));
      expect(metadata.get('Lignes')).toBe(String(cells));
      expect(metadata.get('Organisation')).toBe('Administration');
      expect(metadata.get('Méthode')).toContain('Kaplan–Meier');
    });
  });

  it('writes one audit entry per export, with the token, the query and the row count', async () => {
    const entries = await testApp.db.query<{ token_id: string; organisation: string; action: string; query: Record<string, string>; row_count: number }>(
      `SELECT token_id, organisation, action, query, row_count FROM audit_log ORDER BY created_at, action`,
    );
    const actions = entries.map((entry) => entry.action).sort();
    expect(actions).toEqual([
      'exports.cube.csv',
      'exports.cube.csv',
      'exports.cube.csv',
      'exports.cube.xlsx',
      'exports.stats.csv',
      'exports.stats.csv',
      'exports.stats.json',
      'exports.stats.pdf',
      'exports.stats.xlsx',
      'exports.stats.xlsx',
    ]);
    const rfc = entries.find((entry) => entry.action === 'exports.stats.csv' && entry.query.dialect === 'rfc4180')!;
    expect(rfc).toMatchObject({
      token_id: union.id,
      organisation: EVIL_ORGANISATION,
      row_count: stats.rows.length,
      query: { ...stats.query, dialect: 'rfc4180' },
    });
    const cube = entries.find((entry) => entry.action === 'exports.cube.xlsx')!;
    expect(cube).toMatchObject({ token_id: admin.id, organisation: 'Administration', query: {} });
    expect(cube.row_count).toBe((await testApp.app.get(StatsService).getSnapshotInfo())!.cells);
    const listed = (await testApp.http.get('/api/admin/audit?limit=100').set('Authorization', admin.bearer).expect(200)).body;
    expect(listed.total).toBe(entries.length);
    expect(listed.items.find((item: { action: string }) => item.action === 'exports.stats.pdf')).toMatchObject({
      tokenId: union.id,
      organisation: EVIL_ORGANISATION,
      query: stats.query,
      rowCount: stats.rows.length,
    });
  });
});
