import { html, SafeHtml } from '../../presentation/html';
import { ALLOWANCE_KIND_LABELS } from '../../presentation/french-labels';
import { periodLabel } from '../../presentation/french-format';
import { ALLOWANCE_KINDS } from '../../reports/report.entity';
import type { FieldErrors } from './form-errors';

/** The id of a field's error message, which aria-describedby points to. */
export function errorId(field: string): string {
  return `${field}-erreur`;
}

/** The ids describing a field: its hint and its error when present, for aria-describedby. */
export function describedBy(field: string, errors: FieldErrors, hintId?: string): SafeHtml {
  const ids = [hintId, errors[field] ? errorId(field) : undefined].filter((id) => id !== undefined);
  return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : html``;
}

export function invalid(field: string, errors: FieldErrors): SafeHtml {
  return errors[field] ? html` aria-invalid="true"` : html``;
}

/** The message next to a field (before the input, so it is read first). */
export function fieldError(field: string, errors: FieldErrors): SafeHtml {
  const message = errors[field];
  return message ? html`<span class="error-message" id="${errorId(field)}"><span class="visually-hidden">Erreur : </span>${message}</span>` : html``;
}

export function errorClass(field: string, errors: FieldErrors): string {
  return errors[field] ? ' field-error' : '';
}

/**
 * The summary at the top of a form in error: each message links to its field. It is focused on
 * load only by the JS file (autofocus would steal focus from screen readers on a fresh page).
 */
export function errorSummary(errors: FieldErrors, anchors: Record<string, string>): SafeHtml {
  const fields = Object.keys(errors);
  if (fields.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="erreurs-titre" tabindex="-1" data-error-summary>
  <h2 id="erreurs-titre">${fields.length === 1 ? 'Une réponse est à corriger' : `${fields.length} réponses sont à corriger`}</h2>
  <ul>
    ${fields.map((field) => html`<li><a href="#${anchors[field] ?? field}">${errors[field]}</a></li>`)}
  </ul>
</div>`;
}

export function checked(condition: boolean): SafeHtml {
  return condition ? html` checked` : html``;
}

export function selectOption(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

/** A labelled <select> of a GET filter form, its error message read before it. */
export function selectField(name: string, label: string, choices: SafeHtml | SafeHtml[], errors: FieldErrors): SafeHtml {
  return html`<div class="field${errorClass(name, errors)}">
  <label for="${name}">${label}</label>
  ${fieldError(name, errors)}
  <select id="${name}" name="${name}"${describedBy(name, errors)}${invalid(name, errors)}>
  ${choices}
</select>
</div>`;
}

/** The periods a statistics page offers: those with a published national figure. */
export interface PeriodChoices {
  years: string[];
  quarters: string[];
  months: string[];
}

/** The period and kind fields every statistics page's filters start with. */
export function periodAndKindFields(filters: { period: string; kind: string }, periods: PeriodChoices, errors: FieldErrors): SafeHtml {
  const group = (label: string, values: string[], name: (value: string) => string) =>
    values.length > 0 && html`<optgroup label="${label}">${values.map((value) => selectOption(value, name(value), filters.period))}</optgroup>`;
  return html`${selectField(
    'period',
    'Période (début de l’arrêt)',
    html`${selectOption('all', 'Toute la période', filters.period)}
  ${group('Années', periods.years, (year) => year)}
  ${group('Trimestres', periods.quarters, periodLabel)}
  ${group('Mois', periods.months, periodLabel)}`,
    errors,
  )}
${selectField(
  'kind',
  'Type d’arrêt',
  [selectOption('all', 'Tous les types', filters.kind), ...ALLOWANCE_KINDS.map((kind) => selectOption(kind, ALLOWANCE_KIND_LABELS[kind], filters.kind))],
  errors,
)}`;
}
