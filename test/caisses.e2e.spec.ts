import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, TestApp } from './test-app';

describe('GET /api/caisses', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());

  it('lists the 107 funds sorted by code, with their départements and region', async () => {
    const response = await testApp.http.get('/api/caisses').expect(200);
    const caisses = response.body as { code: string; name: string; departements: string[]; region: string }[];
    expect(caisses).toHaveLength(107);
    expect(caisses.map((caisse) => caisse.code)).toEqual([...caisses.map((caisse) => caisse.code)].sort());
    expect(caisses.find((caisse) => caisse.code === '751')).toEqual({
      code: '751',
      name: 'CPAM de Paris',
      departements: ['75'],
      region: 'Île-de-France',
    });
    expect(caisses.find((caisse) => caisse.code === '971')?.departements).toEqual(['971', '977', '978']);
    expect(caisses.filter((caisse) => caisse.departements.includes('59')).map((caisse) => caisse.code)).toEqual(['594', '595', '597', '599']);
  });
});
