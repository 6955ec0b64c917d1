import type { FrenchMessages } from '../shared/form-errors';
import { FormBody, formText } from '../shared/form-parser';

// /espace-syndical: the form's fields, read as the export query. The token is kept apart: it is
// never echoed back into the page, a URL, a log or a cookie.

export const DOWNLOAD_FORMATS = ['csv', 'xlsx', 'pdf', 'cube-csv', 'cube-xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const DOWNLOAD_FORMAT_LABELS: Record<DownloadFormat, string> = {
  csv: 'Tableau CSV (Excel français)',
  xlsx: 'Tableau Excel (.xlsx)',
  pdf: 'Rapport PDF avec graphique',
  'cube-csv': 'Cube complet CSV (tableaux croisés dynamiques)',
  'cube-xlsx': 'Cube complet Excel (.xlsx)',
};

/** What the form keeps when it is shown again (everything but the token). */
export interface UnionSpaceValues {
  period: string;
  kind: string;
  groupBy: string;
  region: string;
  departement: string;
  caisse: string;
  format: string;
}

export const EMPTY_UNION_SPACE_FORM: UnionSpaceValues = { period: '', kind: 'all', groupBy: 'caisse', region: '', departement: '', caisse: '', format: 'csv' };

export function readUnionSpaceForm(form: FormBody): { token: string; values: UnionSpaceValues } {
  const values = Object.fromEntries(Object.keys(EMPTY_UNION_SPACE_FORM).map((name) => [name, formText(form, name)])) as unknown as UnionSpaceValues;
  return { token: formText(form, 'token'), values };
}

/** The /api/stats query of the form: empty fields left out, "2026-T3" (French for a quarter) read as 2026-Q3. */
export function statsQueryOf(values: UnionSpaceValues): Record<string, string> {
  const query: Record<string, string> = {};
  const period = values.period.replace(/^(\d{4})-[TtQq]([1-4])$/, '$1-Q$2');
  if (period !== '') query.period = period;
  for (const field of ['kind', 'groupBy', 'region', 'departement', 'caisse'] as const) {
    if (values[field] !== '') query[field] = values[field];
  }
  return query;
}

export const UNION_SPACE_MESSAGES: FrenchMessages = {
  period: { '*': 'Indiquez une année (2026), un trimestre (2026-T3) ou un mois (2026-09), depuis 2015 ; ou laissez vide.' },
  kind: { '*': 'Choisissez un type d’arrêt de la liste.' },
  groupBy: {
    isIn: 'Choisissez un regroupement de la liste.',
    '*': 'Ce regroupement doit être plus fin que le filtre : par caisse dans une région, par mois dans une année, par type d’arrêt pour tous les types…',
  },
  region: { '*': 'Choisissez une seule zone : une région, un département ou une caisse.' },
  departement: { '*': 'Choisissez une seule zone : une région, un département ou une caisse.' },
  caisse: { '*': 'Choisissez une seule zone : une région, un département ou une caisse.' },
  format: { '*': 'Choisissez un format de fichier.' },
};

/** The id of the input each field's error links to. */
export const UNION_SPACE_ANCHORS: Record<string, string> = { format: 'format-csv', token: 'token' };
