import { ALLOWANCE_KINDS } from '../../reports/report.entity';
import { ALLOWANCE_KIND_LABELS, FundOption } from '../french-labels';
import { html } from '../html';
import { layout } from '../layout';

/**
 * `/espace-syndical`: the token and filter form. The downloads come with the export feature: it
 * will make this form answer the file (the token travels in the POST body only).
 */
export function unionSpacePage(funds: FundOption[], submitted: boolean): string {
  return layout({
    title: 'Espace syndical',
    body: html`<h1>Espace syndical</h1>
<p class="lead">Les organisations syndicales qui hébergent ce service peuvent télécharger les statistiques protégées
(tableaux CSV, XLSX, PDF, et le cube complet) avec le jeton remis par l’administrateur du serveur.</p>
<div class="panel" role="status"><p>${submitted ? 'Les téléchargements ne sont pas encore ouverts : rien n’a été envoyé ni enregistré.' : 'Les téléchargements seront bientôt disponibles sur cette page.'}</p></div>
<form method="post" action="/espace-syndical" autocomplete="off">
  <div class="field">
    <label for="token">Jeton d’accès</label>
    <span class="hint" id="token-aide">Collez le jeton reçu. Il n’est ni affiché, ni conservé par votre navigateur.</span>
    <input type="password" id="token" name="token" aria-describedby="token-aide" autocomplete="off" spellcheck="false">
  </div>
  <fieldset>
    <legend>Filtres</legend>
    <div class="field">
      <label for="period">Période</label>
      <span class="hint" id="period-aide">Une année (2026), un trimestre (2026-T3) ou un mois (2026-09) ; vide : depuis le début.</span>
      <input type="text" id="period" name="period" aria-describedby="period-aide" inputmode="numeric">
    </div>
    <div class="field">
      <label for="kind">Type d’arrêt</label>
      <select id="kind" name="kind">
        <option value="all">Tous</option>
        ${ALLOWANCE_KINDS.map((kind) => html`<option value="${kind}">${ALLOWANCE_KIND_LABELS[kind]}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="caisse">Caisse</label>
      <select id="caisse" name="caisse">
        <option value="">Toutes</option>
        ${funds.map((fund) => html`<option value="${fund.code}">${fund.label}</option>`)}
      </select>
    </div>
  </fieldset>
  <button type="submit">Télécharger</button>
</form>`,
  });
}
