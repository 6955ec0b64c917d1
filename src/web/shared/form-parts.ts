import { html, SafeHtml } from '../../presentation/html';
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
