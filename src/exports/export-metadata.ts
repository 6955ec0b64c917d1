import { organisationName, OrganisationIdentity } from '../organisation/organisation-identity';
import { NOT_PUBLISHED } from '../presentation/french-labels';
import type { TokenIdentity } from '../tokens/access-token.entity';
import { EXPORT_TITLE, ExportMetadata, kindLabel } from './export-table';
import type { KindValue } from '../stats/stats-cube';

/** The method in two French sentences, stated in every export (JSON `method`, CSV/XLSX metadata, PDF). */
export function methodSentences(thresholdDays: number, minGroupSize: number): string {
  return (
    'Les délais sont estimés par la méthode de Kaplan–Meier : une personne encore en attente compte jusqu’au dernier jour ' +
    'où sa situation est connue (observation censurée), ce qui évite de sous-estimer les délais des caisses les plus lentes. ' +
    'Pour qu’aucun signalement ne puisse en être déduit, chaque chiffre est calculé sur des effectifs légèrement brouillés ' +
    '(un petit écart aléatoire, toujours le même pour les mêmes signalements) et les délais sont comptés par tranches ' +
    '(une semaine jusqu’à 13 semaines, plus larges ensuite), chaque délai donné étant la fin de sa tranche. ' +
    `Un groupe qui compte moins de ${minGroupSize} signalements après ce brouillage n’est pas diffusé, et la part non payée après ` +
    `${thresholdDays} jours est donnée avec son intervalle de confiance à 95 %.`
  );
}

const GROUP_BY_LABELS: Record<string, string> = {
  caisse: 'par caisse',
  departement: 'par département',
  region: 'par région',
  kind: 'par type d’arrêt',
  month: 'par mois',
  quarter: 'par trimestre',
  year: 'par année',
};

/** "2026", "2026-T3 (2026-Q3)", "depuis 2015": the period as a French reader writes it. */
export function periodLabel(period: string): string {
  if (period === 'all') return 'toutes périodes (depuis 2015)';
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  return quarter ? `${quarter[1]}-T${quarter[2]} (${quarter[1]}, ${quarter[2]}e trimestre)` : period;
}

/** The filters of a resolved query, in French: "France", "Région : Bretagne", "Caisse : 751". */
export function filterLabels(query: Record<string, string>): [string, string][] {
  const zone = query.region
    ? `Région : ${query.region}`
    : query.departement
      ? `Département : ${query.departement}`
      : query.caisse
        ? `Caisse : ${query.caisse}`
        : 'France entière';
  return [
    ['Regroupement', GROUP_BY_LABELS[query.groupBy] ?? query.groupBy],
    ['Période', periodLabel(query.period)],
    ['Type d’arrêt', kindLabel(query.kind as KindValue)],
    ['Zone', zone],
  ];
}

export interface MetadataInput {
  token: TokenIdentity;
  /** The hosting union, named as the source of the figures. */
  source: OrganisationIdentity;
  /** the resolved query of a table export; absent for the cube */
  query?: Record<string, string>;
  snapshotAt: string;
  generatedAt: string;
  thresholdDays: number;
  minGroupSize: number;
  rowCount: number;
}

/** The key/value lines every CSV and XLSX export starts with (or holds on its second sheet). */
export function exportMetadata(input: MetadataInput): ExportMetadata {
  return [
    ['Titre', EXPORT_TITLE],
    ['Organisation', input.token.organisation],
    ...(input.query ? filterLabels(input.query) : [['Contenu', 'toutes les cellules publiées (cube complet)'] as [string, string]]),
    ...(input.query ? [['Requête', new URLSearchParams(input.query).toString()] as [string, string]] : []),
    ['Instantané des statistiques (UTC)', input.snapshotAt],
    ['Fichier généré le (UTC)', input.generatedAt],
    ['Lignes', String(input.rowCount)],
    ['Seuil de délai', `${input.thresholdDays} jours`],
    [
      'Secret statistique',
      `« ${NOT_PUBLISHED} » : groupe de moins de ${input.minGroupSize} signalements après brouillage, ou sans signalement ; chiffres non diffusés`,
    ],
    ['Méthode', methodSentences(input.thresholdDays, input.minGroupSize)],
    // "Source : <organisation>" once the key/value pair is read as a line.
    ['Source', organisationName(input.source)],
    ['Nature des données', 'délais déclarés par les assurés, non vérifiés auprès des caisses'],
  ];
}
