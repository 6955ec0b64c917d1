import { describe, expect, it } from '@jest/globals';
import type { Comparison } from '../../stats/compare.dto';
import type { PublishedFigures } from '../../stats/disclosure-control';
import { comparisonFigures, frenchPValue, NO_DIFFERENCE, verdict } from './comparison-texts';

const side = (medianDays: number | null) => ({ suppressed: false, medianDays }) as unknown as PublishedFigures;
const comparison = (pValue: number, difference: number): Comparison => ({
  logRank: {
    chiSquare: 7.5,
    pValue,
    observedFirst: 40,
    expectedFirst: 33.2,
    uncalibratedChiSquare: 9.1,
    uncalibratedPValue: 0.0026,
    nullMean: 0.1,
    nullStandardDeviation: 2.4,
    simulations: 200,
  },
  shareDifference: { difference, interval: [difference - 0.1, difference + 0.1] },
});

describe('verdict', () => {
  it('says a change only under 5 %, "nette" under 1 %, in the direction of the median and the share', () => {
    expect(verdict(side(20), side(40), comparison(0.001, 0.2))).toBe('hausse nette, très peu probable par hasard');
    expect(verdict(side(20), side(25), comparison(0.03, 0))).toBe('hausse, peu probable par hasard');
    expect(verdict(side(40), side(20), comparison(0.001, -0.2))).toBe('baisse nette, très peu probable par hasard');
    expect(verdict(side(40), side(40), comparison(0.04, -0.05))).toBe('baisse, peu probable par hasard');
    expect(verdict(side(20), side(40), comparison(0.05, 0.2))).toBe(NO_DIFFERENCE);
    expect(verdict(side(20), side(40), { logRank: null, shareDifference: null })).toBe(NO_DIFFERENCE);
    expect(verdict(side(20), side(30), comparison(0.001, -0.1))).toMatch(/^les délais ont changé de répartition/);
  });
});

describe('comparisonFigures', () => {
  it('writes χ², the p-value and the difference of shares in points, in French', () => {
    expect(frenchPValue(0.01234)).toBe('p = 0,0123');
    expect(frenchPValue(0.00001)).toBe('p < 0,0001');
    expect(comparisonFigures(comparison(0.00617, 0.125), 30)).toEqual([
      'Test du log-rank, tenant compte du bruit ajouté aux chiffres publiés : χ² = 7,50 (1 degré de liberté), p = 0,0062.',
      'Part encore sans paiement après 30 jours : +12,5 points (intervalle de confiance à 95 %, bruit compris : de +2,5 à +22,5 points).',
    ]);
  });
});
