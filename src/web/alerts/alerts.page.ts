import type { AlertsResponse } from '../../stats/alerts';
import { periodLabel, snapshotTime } from '../../presentation/french-format';
import { html } from '../../presentation/html';
import { layout } from '../shared/layout';
import { alertSummary, alertTitle, FundNames } from './alerts-feed';

/** /statistiques/alertes: the deteriorations of the last complete quarter, and how they are found. */
export function alertsPage(answer: AlertsResponse, names: FundNames): string {
  const list =
    answer.alerts.length === 0
      ? html`<p>Aucune dégradation démontrée au ${periodLabel(answer.quarter)}.</p>`
      : html`<ul class="alerts">${answer.alerts.map(
          (alert) =>
            html`<li><a href="/statistiques/caisses/${alert.caisse}">${alertTitle(alert, names)}</a><br>${alertSummary(alert, answer.thresholdDays)}</li>`,
        )}</ul>`;
  return layout({
    title: 'Alertes',
    current: '/statistiques',
    body: html`<h1>Caisses dont les délais se dégradent</h1>
<p class="lead">À chaque mise à jour des statistiques, le ${periodLabel(answer.quarter)} de chaque caisse est comparé au trimestre précédent
et au même trimestre un an plus tôt, tous arrêts confondus et par type d’arrêt, quand les deux trimestres sont publiés.</p>
${list}
<p class="note">Une alerte est donnée quand le test du log-rank reste significatif après la correction de Benjamini–Hochberg
sur les ${answer.compared} comparaisons faites (au plus ${Math.round(answer.falseDiscoveryRate * 100)} % de fausses alertes en moyenne),
et que le délai médian ou la part non payée après ${answer.thresholdDays} jours a augmenté. Les chiffres sont ceux publiés
(légèrement brouillés pour protéger chaque signalement) ; le test tient compte de ce brouillage, ce qui le rend prudent sur les petites caisses :
une absence d’alerte n’y prouve pas que rien n’a changé. Statistiques du ${snapshotTime(answer.snapshotAt)}.</p>
<p><a href="/statistiques/alertes.atom">Suivre ces alertes dans un lecteur de flux (Atom)</a></p>`,
  });
}
