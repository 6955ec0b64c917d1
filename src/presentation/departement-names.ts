import { MAP_DEPARTEMENTS } from './charts/france-map';

// Saint-Barthélemy and Saint-Martin are served by the CGSS de la Guadeloupe but are not on the map.
const NAMES = new Map<string, string>([
  ...MAP_DEPARTEMENTS.map((departement) => [departement.code, departement.name] as const),
  ['977', 'Saint-Barthélemy'],
  ['978', 'Saint-Martin'],
]);

/** "75 Ville de Paris": a département's code and name. */
export function departementLabel(code: string): string {
  return `${code} ${NAMES.get(code) ?? ''}`.trim();
}
