import type { PublishedFigures } from '../../stats/disclosure-control';
import { CONSEQUENCE_LABELS, NOT_PUBLISHED } from '../../presentation/french-labels';
import { days, percent, percentInterval, wholeNumber } from '../../presentation/french-format';

/** One column of the comparison: the fund (or département), its region, France. */
export interface AreaColumn {
  label: string;
  figures: PublishedFigures;
}

/** One line of the comparison, its cells already written in French, one per column. */
export interface ComparisonLine {
  label: string;
  cells: string[];
}

const CAUSED = ['overdraft', 'unpaid_bills', 'borrowed', 'emergency_aid'] as const;

/**
 * The headline figures of each column, line by line, as the page, the PDF sheet and the card write
 * them. A column without a published figure says NOT_PUBLISHED on every line, and so does a
 * suppressed fund part or consequence block: nothing here is computed, only written.
 */
export function comparisonLines(columns: AreaColumn[], thresholdDays: number): ComparisonLine[] {
  const line = (label: string, write: (figures: Exclude<PublishedFigures, { suppressed: true }>) => string): ComparisonLine => ({
    label,
    cells: columns.map(({ figures }) => (figures.suppressed ? NOT_PUBLISHED : write(figures))),
  });
  return [
    line('Signalements', (figures) => wholeNumber(figures.reports)),
    line('Délai médian', (figures) => days(figures.medianDays)),
    line('9 personnes sur 10 payées en moins de', (figures) => days(figures.p90Days)),
    line(`Toujours pas payées après ${thresholdDays} jours`, (figures) =>
      figures.shareOverThresholdCi
        ? `${percent(figures.shareOverThreshold)} (IC 95 % : ${percentInterval(figures.shareOverThresholdCi)})`
        : percent(figures.shareOverThreshold),
    ),
    line('Part de la caisse : délai médian après l’envoi de l’attestation', (figures) =>
      'suppressed' in figures.fundPart ? NOT_PUBLISHED : days(figures.fundPart.medianDays),
    ),
    ...CAUSED.map((consequence) =>
      line(`Conséquence de l’attente : ${CONSEQUENCE_LABELS[consequence].toLowerCase()}`, (figures) =>
        'suppressed' in figures.consequences ? NOT_PUBLISHED : percent(figures.consequences[consequence]),
      ),
    ),
  ];
}
