import type { StatsRow } from '../../stats/stats.dto';
import { fundRank, rankSentence } from './fund-rank';
import { publishedMedian } from '../../../test/published-figures';

const row = (caisse: string, medianDays: number | null | 'x'): StatsRow =>
  medianDays === 'x' ? { group: { caisse }, suppressed: true } : { group: { caisse }, ...publishedMedian(medianDays) };

describe('fund rank', () => {
  const rows = [row('011', 20), row('021', 35), row('031', 'x'), row('041', 35), row('051', null), row('061', 14)];

  it('orders published medians longest first, a median not reached first of all, ties sharing a position', () => {
    expect(fundRank(rows, '051')).toEqual({ position: 1, tiedWith: 0, published: 5 });
    expect(fundRank(rows, '041')).toEqual({ position: 2, tiedWith: 1, published: 5 });
    expect(fundRank(rows, '061')).toEqual({ position: 5, tiedWith: 0, published: 5 });
  });

  it('gives no rank to a fund without a published figure', () => {
    expect(fundRank(rows, '031')).toBeNull();
  });

  it('says it in French', () => {
    expect(rankSentence({ position: 12, tiedWith: 0, published: 98 })).toBe('12e délai médian le plus long sur 98 caisses publiées');
    expect(rankSentence({ position: 1, tiedWith: 3, published: 98 })).toBe(
      '1er délai médian le plus long sur 98 caisses publiées (à égalité avec 3 autres caisses)',
    );
  });
});
