import { adviceFor } from './advice';
import { RECOURSE_STEPS } from './recourse-texts';
import type { Situation } from './situation';

const WAITING: Situation = {
  caisseCode: '751',
  fundName: 'CPAM de Paris',
  kind: 'maladie',
  leaveStartedOn: '2026-10-01',
  leaveYear: '2026',
  certificateSentOn: '2026-10-05',
  paid: false,
  subrogation: false,
  days: 45,
  coarsened: false,
};

describe('adviceFor', () => {
  it('starts at a written complaint, letters offered, once the wait reaches the threshold', () => {
    const advice = adviceFor(WAITING, 30);
    expect(advice).toMatchObject({ branch: 'complain', startAt: 'complaint', offersLetters: true });
    expect(advice.lead).toContain('30 jours');
  });

  it('starts at the ameli messages or 36 46, without letters, before the threshold', () => {
    expect(adviceFor({ ...WAITING, days: 29 }, 30)).toMatchObject({ branch: 'contactFund', startAt: 'contact', offersLetters: false });
  });

  it('sends the person to the employer first when the attestation date is unknown, letters only past the threshold', () => {
    expect(adviceFor({ ...WAITING, certificateSentOn: null, days: 12 }, 30)).toMatchObject({
      branch: 'askEmployer',
      startAt: 'employer',
      offersLetters: false,
    });
    expect(adviceFor({ ...WAITING, certificateSentOn: null, days: 60 }, 30)).toMatchObject({ branch: 'askEmployer', startAt: 'employer', offersLetters: true });
  });

  it('offers no letter once paid, under subrogation, or for a coarsened report', () => {
    expect(adviceFor({ ...WAITING, paid: true }, 30)).toMatchObject({ branch: 'paid', offersLetters: false });
    expect(adviceFor({ ...WAITING, subrogation: true }, 30)).toMatchObject({ branch: 'subrogated', startAt: 'employer', offersLetters: false });
    expect(adviceFor({ ...WAITING, coarsened: true, leaveStartedOn: null, certificateSentOn: null, days: 200 }, 30)).toMatchObject({
      branch: 'closed',
      startAt: 'complaint',
      offersLetters: false,
    });
  });

  it('always lists the whole ladder in order, each step in two sentences', () => {
    const advice = adviceFor(WAITING, 30);
    expect(advice.steps.map((step) => step.id)).toEqual(['employer', 'contact', 'complaint', 'mediator', 'commission', 'court']);
    for (const step of RECOURSE_STEPS) {
      expect(step.sentences).toHaveLength(2);
      for (const sentence of step.sentences) expect(sentence).toMatch(/^[A-ZÀ-Ý].*[.]$/u);
      if (step.link) expect(step.link.href).toMatch(/^https:\/\/www\.ameli\.fr\//);
    }
  });
});
