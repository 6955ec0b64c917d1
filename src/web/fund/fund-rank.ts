import type { StatsRow } from '../../stats/stats.dto';

/** Where a fund's published median stands among the published funds of the same selection. */
export interface FundRank {
  /** 1 for the longest median; funds with the same median share a position */
  position: number;
  /** other funds with the same median */
  tiedWith: number;
  /** funds with a published figure for the selection */
  published: number;
}

// A median not reached (more than half still waiting) is longer than any reached one.
const longness = (median: number | null) => median ?? Infinity;

/**
 * The fund's rank by median delay, longest first, among the funds published for the selection: an
 * ordering of published medians only, so it tells nothing a suppressed cell hides. Null when the
 * fund itself is not published.
 */
export function fundRank(rows: StatsRow[], code: string): FundRank | null {
  const published = rows.filter((row): row is StatsRow & { suppressed: false } => !row.suppressed);
  const own = published.find((row) => row.group.caisse === code);
  if (!own) return null;
  const median = longness(own.medianDays);
  return {
    position: 1 + published.filter((row) => longness(row.medianDays) > median).length,
    tiedWith: published.filter((row) => row !== own && longness(row.medianDays) === median).length,
    published: published.length,
  };
}

/** "12e délai médian le plus long sur 98 caisses publiées (à égalité avec 3 autres caisses)". */
export function rankSentence(rank: FundRank): string {
  const ordinal = rank.position === 1 ? '1er' : `${rank.position}e`;
  const funds = `${rank.published} caisse${rank.published > 1 ? 's' : ''} publiée${rank.published > 1 ? 's' : ''}`;
  const tie = rank.tiedWith === 0 ? '' : ` (à égalité avec ${rank.tiedWith} autre${rank.tiedWith > 1 ? 's' : ''} caisse${rank.tiedWith > 1 ? 's' : ''})`;
  return `${ordinal} délai médian le plus long sur ${funds}${tie}`;
}
