import type { Comparison } from '../../stats/compare.dto';
import type { PublishedFigures } from '../../stats/disclosure-control';

// Every French word of the before/after comparison, in one place (the page and its tests read them here).

export const COMPARISON_HEADING = 'Avant / après';
export const COMPARISON_INTRO =
  'Comparez deux périodes entières publiées pour cette caisse (mois, trimestres ou années), la plus ancienne d’abord : ' +
  'jamais une fenêtre coupée à un jour précis, qui permettrait d’isoler quelques signalements.';
export const SUPPRESSED_SIDE = 'pas assez de signalements pour publier';
export const NO_COMPARISON = 'Pas de comparaison : une des deux périodes n’a pas assez de signalements pour publier.';
export const NO_DIFFERENCE = 'pas de différence démontrée';
export const EVENT_LINK = 'avant / après';

export const COMPARISON_ERRORS = {
  before: 'Choisissez une période publiée (année, trimestre ou mois).',
  after: 'Choisissez une période publiée (année, trimestre ou mois).',
  order: 'Choisissez une période qui commence après la fin de la première (deux périodes qui ne se chevauchent pas).',
  pair: 'Choisissez les deux périodes, ou aucune.',
  refused: 'Ces deux périodes ne peuvent pas être comparées : choisissez deux périodes publiées qui ne se chevauchent pas.',
};

/** Which way the later side went, by its median and its share unpaid after the threshold. */
export type Direction = 'worse' | 'better' | 'mixed';

export function direction(before: PublishedFigures, after: PublishedFigures, comparison: Comparison): Direction {
  if (before.suppressed || after.suppressed) return 'mixed';
  const medianChange = before.medianDays !== null && after.medianDays !== null ? Math.sign(after.medianDays - before.medianDays) : 0;
  const shareChange = comparison.shareDifference ? Math.sign(comparison.shareDifference.difference) : 0;
  if (medianChange > 0 || shareChange > 0) return medianChange < 0 || shareChange < 0 ? 'mixed' : 'worse';
  if (medianChange < 0 || shareChange < 0) return 'better';
  return 'mixed';
}

/** The verdict in plain French: only a log-rank p-value under 5 % says "peu probable par hasard". */
export function verdict(before: PublishedFigures, after: PublishedFigures, comparison: Comparison): string {
  const pValue = comparison.logRank?.pValue;
  if (pValue === undefined || pValue >= 0.05) return NO_DIFFERENCE;
  const strong = pValue < 0.01;
  const chance = strong ? 'très peu probable par hasard' : 'peu probable par hasard';
  const way = direction(before, after, comparison);
  if (way === 'worse') return `${strong ? 'hausse nette' : 'hausse'}, ${chance}`;
  if (way === 'better') return `${strong ? 'baisse nette' : 'baisse'}, ${chance}`;
  return `les délais ont changé de répartition (la médiane et la part en attente ne vont pas dans le même sens), ${chance}`;
}

const decimal = (value: number, digits: number) => value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${decimal(Math.abs(value), 1)}`;

/** "p = 0,0032", "p < 0,0001": the p-value in French. */
export function frenchPValue(pValue: number): string {
  return pValue < 0.0001 ? 'p < 0,0001' : `p = ${decimal(pValue, 4)}`;
}

/** The figures under the verdict: χ², p-value, and the difference of shares in points with its 95 % interval. */
export function comparisonFigures(comparison: Comparison, thresholdDays: number): string[] {
  const lines: string[] = [];
  if (comparison.logRank)
    lines.push(
      `Test du log-rank, tenant compte du bruit ajouté aux chiffres publiés : χ² = ${decimal(comparison.logRank.chiSquare, 2)} (1 degré de liberté), ${frenchPValue(comparison.logRank.pValue)}.`,
    );
  else lines.push('Test du log-rank : pas calculable sur ces deux périodes.');
  const share = comparison.shareDifference;
  if (share)
    lines.push(
      `Part encore sans paiement après ${thresholdDays} jours : ${signed(share.difference * 100)} points ` +
        `(intervalle de confiance à 95 %, bruit compris : de ${signed(share.interval[0] * 100)} à ${signed(share.interval[1] * 100)} points).`,
    );
  else lines.push(`Écart de la part encore sans paiement après ${thresholdDays} jours : pas calculable sur ces deux périodes.`);
  return lines;
}
