import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StatsResponse } from '../src/stats/stats.dto';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { createToken, TestToken } from './access-tokens';
import { binary, parseCsvExport, pdfText, readWorkbook } from './export-files';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const BAD_TOKEN = 'Ce jeton n’est pas valide ou a été révoqué.';

describe('/espace-syndical downloads', () => {
  let testApp: TestApp;
  let union: TestToken;
  let revoked: TestToken;
  let stats: StatsResponse;
  const post = (fields: Record<string, string>) => binary(testApp.http.post('/espace-syndical').type('form').send(fields));

  beforeAll(async () => {
    testApp = await startTestApp();
    union = await createToken(testApp, 'union', 'UD CGT 13');
    revoked = await createToken(testApp, 'union', 'Ancienne UD');
    await testApp.app.get(TokensService).revoke(revoked.id);
    await insertReports(testApp.db, [
      ...sameReports(25, '131', 18, { leave: '2025-04-07' }),
      ...sameReports(15, '751', 35, { leave: '2025-05-12' }),
      ...sameReports(12, '751', null, { leave: '2025-06-02' }),
    ]);
    await testApp.app.get(StatsService).refresh();
    stats = (await testApp.http.get('/api/stats?groupBy=caisse&period=2025-Q2&kind=all').expect(200)).body;
  });
  afterAll(async () => testApp.close());

  const filters = { period: '2025-T2', kind: 'all', groupBy: 'caisse', region: '', departement: '', caisse: '' };

  it('shows the form with a password field for the token and every format', async () => {
    const page = (await testApp.http.get('/espace-syndical').expect(200)).text;
    expect(page).toContain('type="password" id="token" name="token"');
    for (const format of ['csv', 'xlsx', 'pdf', 'cube-csv', 'cube-xlsx']) expect(page).toContain(`value="${format}"`);
    expect(page).toContain('2026-T3');
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', 'csv'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['pdf', 'application/pdf', 'pdf'],
    ['cube-csv', 'text/csv; charset=utf-8', 'csv'],
    ['cube-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ])('answers the %s file itself, never kept by a cache', async (format, contentType, extension) => {
    const response = await post({ token: union.token, ...filters, format }).expect(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="delais-ij-[a-z0-9-]+\\.${extension}"$`));
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
    const body: Buffer = response.body;
    if (format === 'csv') {
      const csv = parseCsvExport(body, ';');
      expect(csv.metadata.get('Requête')).toBe('groupBy=caisse&period=2025-Q2&kind=all');
      expect(csv.rows).toHaveLength(stats.rows.length + 1);
    } else if (format === 'cube-csv') {
      expect(parseCsvExport(body, ';').rows).toHaveLength((await testApp.app.get(StatsService).getSnapshotInfo())!.cells);
    } else if (format === 'pdf') {
      expect(await pdfText(body)).toContain('2025-T2');
    } else {
      expect((await readWorkbook(body)).worksheets.length).toBe(2);
    }
  });

  it.each([
    ['a wrong token', () => `dij_${'B'.repeat(43)}`],
    ['a revoked token', () => revoked.token],
    ['garbage', () => 'pas un jeton'],
  ])('answers 401 with a French message for %s, and never echoes the token', async (_name, token) => {
    const response = await testApp.http
      .post('/espace-syndical')
      .type('form')
      .send({ token: token(), ...filters, format: 'csv' })
      .expect(401);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain(BAD_TOKEN);
    expect(response.text).not.toContain(token());
    expect(response.text).toContain('value="2025-T2"');
  });

  it('asks for the token when none is given', async () => {
    const response = await testApp.http
      .post('/espace-syndical')
      .type('form')
      .send({ ...filters, format: 'csv' })
      .expect(401);
    expect(response.text).toContain('Collez le jeton d’accès');
  });

  it.each([
    [{ region: 'Bretagne', caisse: '751' }, 'Choisissez une seule zone'],
    [{ period: '2025-T5' }, 'Indiquez une année (2026), un trimestre (2026-T3)'],
    [{ groupBy: 'region', departement: '75' }, 'Ce regroupement doit être plus fin que le filtre'],
    [{ format: 'docx' }, 'Choisissez un format de fichier.'],
  ])('answers 400 with a French message next to the field for %j', async (fields, message) => {
    const response = await testApp.http
      .post('/espace-syndical')
      .type('form')
      .send({ token: union.token, ...filters, format: 'csv', ...fields })
      .expect(400);
    expect(response.text).toContain(message);
    expect(response.text).toContain('class="error-message"');
    expect(response.text).not.toContain(union.token);
  });

  it('writes the downloads to the audit log under the token', async () => {
    const entries = await testApp.db.query<{ action: string; token_id: string }>(`SELECT action, token_id FROM audit_log`);
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'exports.cube.csv',
      'exports.cube.xlsx',
      'exports.stats.csv',
      'exports.stats.pdf',
      'exports.stats.xlsx',
    ]);
    expect(new Set(entries.map((entry) => entry.token_id))).toEqual(new Set([union.id]));
  });
});
