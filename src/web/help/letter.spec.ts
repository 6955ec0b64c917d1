import type { FundFigures } from './fund-figures.service';
import { composeLetter } from './letter';
import { letterPage } from './letter.page';
import type { Situation } from './situation';

const SITUATION: Situation & { leaveStartedOn: string } = {
  caisseCode: '751',
  fundName: 'CPAM de Paris',
  kind: 'accident_travail',
  leaveStartedOn: '2026-10-01',
  leaveYear: '2026',
  certificateSentOn: '2026-10-06',
  paid: false,
  subrogation: false,
  days: 45,
  coarsened: false,
};

const FIGURES: FundFigures = {
  level: 'fund-year',
  query: { groupBy: 'quarter', period: '2026', kind: 'accident_travail', caisse: '751' },
  fundName: 'CPAM de Paris',
  region: 'Île-de-France',
  year: '2026',
  kind: 'accident_travail',
  medianDays: 35,
  p90Days: 70,
  reports: 120,
  snapshotAt: '2026-12-01T09:00:00.000Z',
};

describe('composeLetter', () => {
  it('states the fund, the kind, the leave start, the attestation date, the days waited and the published figures', () => {
    const letter = composeLetter('reclamation', SITUATION, FIGURES);
    expect(letter.recipient).toEqual(['CPAM de Paris', 'Service des indemnités journalières']);
    expect(letter.subject).toBe('Objet : réclamation, indemnités journalières non versées (arrêt de travail pour accident du travail ou de trajet)');
    expect(letter.paragraphs).toEqual([
      'Mon arrêt de travail pour accident du travail ou de trajet a commencé le 1er octobre 2026.',
      'Mon employeur a transmis l’attestation de salaire le 6 octobre 2026.',
      'À ce jour, je n’ai reçu aucun paiement d’indemnités journalières, soit 45 jours après le début de mon arrêt.',
      'D’après les chiffres publiés par le service Délais IJ à partir des délais déclarés par les assurés, à la CPAM de Paris, pour un arrêt pour accident du travail ou de trajet commencé en 2026, la moitié des personnes sont payées en 35 jours ou moins, 9 sur 10 en 70 jours ou moins.',
      expect.stringMatching(/^Je vous demande de bien vouloir procéder au versement/),
    ]);
  });

  it('asks the fund for the attestation when its date is unknown, and leaves out figures that are not published', () => {
    const letter = composeLetter('reclamation', { ...SITUATION, certificateSentOn: null }, null);
    expect(letter.paragraphs[1]).toMatch(/^Je ne connais pas la date/);
    expect(letter.paragraphs.join(' ')).not.toContain('chiffres publiés');
  });

  it('addresses the mediator with a blank for the complaint date', () => {
    const letter = composeLetter('mediateur', SITUATION, FIGURES);
    expect(letter.recipient).toEqual(['À l’attention du médiateur (conciliateur) de la CPAM de Paris']);
    expect(letter.paragraphs.at(-1)).toContain('une réclamation à la caisse le {blank}');
  });
});

describe('letterPage', () => {
  const page = letterPage(composeLetter('mediateur', SITUATION, FIGURES), 'K7QF-9XWD-M2PA-83TN', null);

  it('has dotted lines for the sender, filled by the page script only, and boxes outside any form with no name', () => {
    expect(page).toContain('<script src="/assets/letter-boxes.js" defer></script>');
    for (const box of ['nom', 'adresse', 'nir']) expect(page).toMatch(new RegExp(`data-fill="${box}"[^>]*>……`));
    const boxes = page.slice(page.indexOf('data-letter-boxes'), page.indexOf('</section>', page.indexOf('data-letter-boxes')));
    expect(boxes).toContain(' hidden ');
    expect(boxes).not.toMatch(/<form|name=/);
    expect(page.match(/data-fills="/g)).toHaveLength(3);
  });

  it('posts the receipt only in hidden fields, for the PDF and the other letter', () => {
    expect(page).toContain('<form method="post" action="/mon-signalement/courrier.pdf">');
    expect(page.match(/name="receipt" value="K7QF-9XWD-M2PA-83TN"/g)).toHaveLength(3);
    expect(page).not.toMatch(/href="[^"]*K7QF/);
    expect(page).toContain('Voir plutôt : Réclamation à votre caisse');
  });
});

describe('figures past the last bounded delay', () => {
  it('reads "plus de 365 jours" instead of a bound the figures do not give', () => {
    const open = composeLetter('reclamation', SITUATION, { ...FIGURES, medianDays: 120, p90Days: 366 }).paragraphs[3];
    expect(open).toContain('la moitié des personnes sont payées en 120 jours ou moins, et plus d’une sur 10 attend plus de 365 jours.');
    const longer = composeLetter('reclamation', SITUATION, { ...FIGURES, medianDays: 366, p90Days: 366 }).paragraphs[3];
    expect(longer).toContain('la moitié des personnes attendent plus de 365 jours.');
  });
});
