import type { Alert, AlertsResponse } from '../../stats/alerts';
import { ALLOWANCE_KIND_LABELS } from '../../presentation/french-labels';
import { days, percent, periodLabel } from '../../presentation/french-format';
import { escapeHtml } from '../../presentation/html';

// The alerts in French, as an Atom 1.0 feed (RFC 4287) and as the lines of /statistiques/alertes:
// any feed reader follows them, and nobody's address is stored.

export type FundNames = Map<string, string>;

const kindWords = (kind: Alert['kind']) => (kind === 'all' ? 'tous arrêts' : ALLOWANCE_KIND_LABELS[kind].toLowerCase());
const baselineWords = (alert: Alert) =>
  alert.baseline === 'previous-quarter' ? 'par rapport au trimestre précédent' : 'par rapport au même trimestre un an plus tôt';

/** "CPAM de Paris (tous arrêts) : délais en hausse au 3e trimestre 2026, par rapport au trimestre précédent" */
export function alertTitle(alert: Alert, names: FundNames): string {
  return `${names.get(alert.caisse) ?? alert.caisse} (${kindWords(alert.kind)}) : délais en hausse au ${periodLabel(alert.after.period)}, ${baselineWords(alert)}`;
}

/** The figures behind an alert, in one French sentence. */
export function alertSummary(alert: Alert, thresholdDays: number): string {
  const side = (label: string, figures: Alert['before']) =>
    `${label} : délai médian ${days(figures.medianDays)}, ${percent(figures.shareOverThreshold)} non payés après ${thresholdDays} jours (${figures.reports} signalements)`;
  return (
    `${side(periodLabel(alert.before.period), alert.before)} ; ${side(periodLabel(alert.after.period), alert.after)}. ` +
    `Test du log-rank (tenant compte du bruit des chiffres publiés) : p = ${alert.pValue.toExponential(1).replace('.', ',')}, significatif après correction de Benjamini–Hochberg sur l’ensemble des caisses comparées ; ` +
    'hausse nette, très peu probable par hasard.'
  );
}

/** Atom 1.0: one entry per alert, its id stable across snapshots, `updated` the snapshot's time. */
export function alertsAtom(answer: AlertsResponse, names: FundNames, baseUrl: string): string {
  const text = (value: string) => escapeHtml(value);
  const entries = answer.alerts.map(
    (alert) => `  <entry>
    <id>${text(alert.id)}</id>
    <title>${text(alertTitle(alert, names))}</title>
    <updated>${answer.snapshotAt}</updated>
    <link rel="alternate" type="text/html" href="${text(`${baseUrl}/statistiques/caisses/${alert.caisse}`)}"/>
    <summary>${text(alertSummary(alert, answer.thresholdDays))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${text(`${baseUrl}/statistiques/alertes`)}</id>
  <title>Délais IJ : caisses dont les délais se dégradent</title>
  <updated>${answer.snapshotAt}</updated>
  <author><name>Délais IJ</name></author>
  <link rel="self" type="application/atom+xml" href="${text(`${baseUrl}/statistiques/alertes.atom`)}"/>
  <link rel="alternate" type="text/html" href="${text(`${baseUrl}/statistiques/alertes`)}"/>
${entries.join('\n')}
</feed>
`;
}
