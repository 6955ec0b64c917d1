import { ALLOWANCE_KINDS } from '../../reports/report.entity';
import { ALLOWANCE_KIND_LABELS, FundOption } from '../../presentation/french-labels';
import { html, SafeHtml } from '../../presentation/html';
import type { FieldErrors } from '../shared/form-errors';
import { layout } from '../shared/layout';
import { checked, describedBy, errorClass, errorSummary, fieldError, invalid } from '../shared/form-parts';
import { DOWNLOAD_FORMAT_LABELS, DOWNLOAD_FORMATS, UNION_SPACE_ANCHORS, UnionSpaceValues } from './union-space-form';

export interface UnionSpaceChoices {
  funds: FundOption[];
  regions: string[];
  departements: string[];
}

const GROUP_BY_OPTIONS: [string, string][] = [
  ['caisse', 'Par caisse'],
  ['departement', 'Par département'],
  ['region', 'Par région'],
  ['kind', 'Par type d’arrêt'],
  ['month', 'Par mois'],
  ['quarter', 'Par trimestre'],
  ['year', 'Par année'],
];

function selected(condition: boolean): SafeHtml {
  return condition ? html` selected` : html``;
}

function select(field: keyof UnionSpaceValues, label: string, options: [string, string][], values: UnionSpaceValues, errors: FieldErrors): SafeHtml {
  return html`<div class="field${errorClass(field, errors)}">
      <label for="${field}">${label}</label>
      ${fieldError(field, errors)}
      <select id="${field}" name="${field}"${describedBy(field, errors)}${invalid(field, errors)}>
        ${options.map(([value, text]) => html`<option value="${value}"${selected(values[field] === value)}>${text}</option>`)}
      </select>
    </div>`;
}

/**
 * `/espace-syndical`: the token and filter form; a valid submission answers the file itself
 * (no JavaScript needed). The token travels in the POST body only and is never shown again.
 */
export function unionSpacePage(choices: UnionSpaceChoices, values: UnionSpaceValues, errors: FieldErrors = {}, notice?: string): string {
  const all = (label: string, items: [string, string][]): [string, string][] => [['', label], ...items];
  return layout({
    title: Object.keys(errors).length > 0 || notice ? 'Erreur – Espace syndical' : 'Espace syndical',
    body: html`<h1>Espace syndical</h1>
<p class="lead">Les organisations syndicales qui hébergent ce service peuvent télécharger les statistiques protégées
(tableaux CSV, Excel, PDF, et le cube complet) avec le jeton remis par l’administrateur du serveur.</p>
${errorSummary(errors, UNION_SPACE_ANCHORS)}
${notice ? html`<div class="panel" role="alert"><p>${notice}</p></div>` : html``}
<form method="post" action="/espace-syndical" autocomplete="off" novalidate>
  <div class="field${errorClass('token', errors)}">
    <label for="token">Jeton d’accès</label>
    <span class="hint" id="token-aide">Collez le jeton reçu. Il n’est ni affiché, ni conservé par votre navigateur ; chaque téléchargement est inscrit au journal d’audit.</span>
    ${fieldError('token', errors)}
    <input type="password" id="token" name="token" autocomplete="off" spellcheck="false"${describedBy('token', errors, 'token-aide')}${invalid('token', errors)}>
  </div>
  <fieldset>
    <legend>Filtres</legend>
    <div class="field${errorClass('period', errors)}">
      <label for="period">Période</label>
      <span class="hint" id="period-aide">Une année (2026), un trimestre (2026-T3, troisième trimestre) ou un mois (2026-09), depuis 2015 ; vide : toutes les périodes.</span>
      ${fieldError('period', errors)}
      <input type="text" id="period" name="period" value="${values.period}"${describedBy('period', errors, 'period-aide')}${invalid('period', errors)}>
    </div>
    ${select('kind', 'Type d’arrêt', [['all', 'Tous'], ...ALLOWANCE_KINDS.map((kind): [string, string] => [kind, ALLOWANCE_KIND_LABELS[kind]])], values, errors)}
    ${select(
      'region',
      'Région',
      all(
        'Toutes',
        choices.regions.map((region): [string, string] => [region, region]),
      ),
      values,
      errors,
    )}
    ${select(
      'departement',
      'Département',
      all(
        'Tous',
        choices.departements.map((code): [string, string] => [code, code]),
      ),
      values,
      errors,
    )}
    ${select(
      'caisse',
      'Caisse',
      all(
        'Toutes',
        choices.funds.map((fund): [string, string] => [fund.code, fund.label]),
      ),
      values,
      errors,
    )}
    ${select('groupBy', 'Regroupement (une ligne par…)', GROUP_BY_OPTIONS, values, errors)}
  </fieldset>
  <fieldset${describedBy('format', errors)}>
    <legend>Format du fichier</legend>
    ${fieldError('format', errors)}
    ${DOWNLOAD_FORMATS.map((format) => html`<div class="choice"><input type="radio" id="format-${format}" name="format" value="${format}"${checked(values.format === format)}><label for="format-${format}">${DOWNLOAD_FORMAT_LABELS[format]}</label></div>`)}
    <p class="note">Le cube complet contient toutes les cellules publiées, sans tenir compte des filtres.</p>
  </fieldset>
  <button type="submit">Télécharger</button>
</form>
<h2 id="campagne">Affiche et tract</h2>
<p>Pour faire connaître le service sur les lieux de travail : une affiche A4 et un tract A5 (une demi-page A4) au nom du syndicat,
avec un QR code qui mène au formulaire de signalement. Sans jeton.</p>
<ul>
  <li><a href="/espace-syndical/affiche.pdf" download>Télécharger l’affiche (PDF, A4)</a></li>
  <li><a href="/espace-syndical/tract.pdf" download>Télécharger le tract (PDF, A5)</a></li>
</ul>`,
  });
}
