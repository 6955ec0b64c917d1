import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { binary, pdfText } from './export-files';
import { UNION_IDENTITY } from './organisation-identity';
import { pdfPages } from './pdf-pages';
import { startTestApp, TestApp } from './test-app';

const PUBLIC_URL = 'https://ij.ul-lille.example';
// A4 and A5 in PostScript points, to the nearest point (the page images have whole pixels).
const A4 = { width: 595, height: 842 };
const A5 = { width: 420, height: 595 };

describe('campaign material on /espace-syndical', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ ...UNION_IDENTITY, PUBLIC_URL });
  });
  afterAll(async () => testApp.close());

  it('links the poster and the leaflet from /espace-syndical', async () => {
    const page = (await testApp.http.get('/espace-syndical').expect(200)).text;
    expect(page).toContain('<a href="/espace-syndical/affiche.pdf" download>Télécharger l’affiche (PDF, A4)</a>');
    expect(page).toContain('<a href="/espace-syndical/tract.pdf" download>Télécharger le tract (PDF, A5)</a>');
  });

  describe.each([
    ['the poster', '/espace-syndical/affiche.pdf', 'affiche-delais-ij.pdf', A4],
    ['the leaflet', '/espace-syndical/tract.pdf', 'tract-delais-ij.pdf', A5],
  ])('%s', (_name, path, filename, size) => {
    let file: Buffer;
    let text: string;

    beforeAll(async () => {
      // No token: a union hands these out.
      const response = await binary(testApp.http.get(path)).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
      file = response.body as Buffer;
      text = (await pdfText(file)).replace(/\s+/g, ' ');
    });

    it('is one page of the right size, whose QR code a scanner reads as the form’s address', async () => {
      const pages = (await pdfPages(file)).map((page) => ({ ...page, width: Math.round(page.width), height: Math.round(page.height) }));
      expect(pages).toEqual([{ ...size, qrCode: `${PUBLIC_URL}/signaler` }]);
    }, 30_000);

    it('leads, through its QR code, to the report form', async () => {
      const [{ qrCode }] = await pdfPages(file);
      const form = (await testApp.http.get(new URL(qrCode!).pathname).expect(200)).text;
      expect(form).toContain('<form method="post" action="/signaler"');
    }, 30_000);

    it('names the union, says why to report in three lines, and prints the address', () => {
      expect(text).toContain('Union locale des syndicats de Lille');
      expect(text).toContain('Aucun chiffre officiel sur ces délais n’est publié depuis 2022');
      expect(text).toContain('C’est anonyme : ni nom, ni numéro de sécurité sociale, ni adresse.');
      expect(text).toContain('Avec ces chiffres, Union locale des syndicats de Lille peut intervenir auprès des caisses');
      expect(text).toContain(`${PUBLIC_URL}/signaler`);
    });

    it('gives the union’s contact and the source line', () => {
      expect(text).toContain('Contact : ij@ul-lille.example · 03 20 00 00 00 (du lundi au vendredi, 9 h – 17 h)');
      expect(text).toContain('Source : Union locale des syndicats de Lille');
    });
  });
});
