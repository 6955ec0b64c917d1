import { CONSEQUENCES } from '../reports/report.entity';
import type { PublishedFigures } from '../stats/disclosure-control';
import type { CubeRow, StatsResponse, StatsRow } from '../stats/stats.dto';
import type { KindValue } from '../stats/stats-cube';
import { ALLOWANCE_KIND_LABELS, NOT_PUBLISHED } from '../presentation/french-labels';

// The French table every export lays out (CSV, XLSX, PDF read it; JSON keeps the API's own
// shape). Pure: figures in, header labels and typed cells out.

/** How a column's cells are typed: text, a count, whole days, or a share between 0 and 1. */
export type ColumnKind = 'text' | 'count' | 'days' | 'share';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

export type ExportValue = string | number | null;

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportValue[][];
}

/** What the file says about itself, as `Clé;Valeur` pairs (CSV header block, XLSX "Informations" sheet, PDF text). */
export type ExportMetadata = [string, string][];

export const EXPORT_TITLE = 'Délais de premier paiement des indemnités journalières';

const CONSEQUENCE_HEADERS: Record<(typeof CONSEQUENCES)[number], string> = {
  overdraft: 'Conséquences : découvert bancaire',
  unpaid_bills: 'Conséquences : factures impayées',
  borrowed: 'Conséquences : emprunt à des proches',
  emergency_aid: 'Conséquences : aide d’urgence',
  none: 'Conséquences : aucune',
};

const GROUP_HEADERS: Record<string, ExportColumn[]> = {
  caisse: [
    { header: 'Caisse', kind: 'text' },
    { header: 'Code', kind: 'text' },
  ],
  departement: [{ header: 'Département', kind: 'text' }],
  region: [{ header: 'Région', kind: 'text' }],
  kind: [{ header: 'Type d’arrêt', kind: 'text' }],
  month: [{ header: 'Mois', kind: 'text' }],
  quarter: [{ header: 'Trimestre', kind: 'text' }],
  year: [{ header: 'Année', kind: 'text' }],
};

const GEOGRAPHY_LEVEL_LABELS: Record<string, string> = { national: 'France', region: 'Région', departement: 'Département', caisse: 'Caisse' };
const PERIOD_LEVEL_LABELS: Record<string, string> = { all: 'Toutes', year: 'Année', quarter: 'Trimestre', month: 'Mois' };

export function kindLabel(kind: KindValue): string {
  return kind === 'all' ? 'Tous' : ALLOWANCE_KIND_LABELS[kind];
}

/** The figure columns, after the key columns and the "Remarque" column. */
export function figureColumns(thresholdDays: number): ExportColumn[] {
  return [
    { header: 'Signalements', kind: 'count' },
    { header: 'Payés', kind: 'count' },
    { header: 'En attente', kind: 'count' },
    { header: 'Délai médian (jours)', kind: 'days' },
    { header: '90e centile (jours)', kind: 'days' },
    { header: `Part non payée après ${thresholdDays} jours`, kind: 'share' },
    { header: 'IC 95 % bas', kind: 'share' },
    { header: 'IC 95 % haut', kind: 'share' },
    { header: 'Délai moyen des payés (jours)', kind: 'days' },
    { header: 'Délai médian des payés (jours)', kind: 'days' },
    { header: 'Part caisse : signalements', kind: 'count' },
    { header: 'Part caisse : délai médian (jours)', kind: 'days' },
    { header: 'Part caisse : 90e centile (jours)', kind: 'days' },
    { header: 'Conséquences : réponses', kind: 'count' },
    ...CONSEQUENCES.map((value) => ({ header: CONSEQUENCE_HEADERS[value], kind: 'share' as const })),
  ];
}

const REMARK_COLUMN: ExportColumn = { header: 'Remarque', kind: 'text' };
// Counted once: figureCells runs for each of the cube's cells.
const FIGURE_COLUMN_COUNT = figureColumns(0).length;

/** The remark and figures of a cell: a suppressed cell (or part) leaves its figures empty and says why. */
export function figureCells(figures: PublishedFigures): ExportValue[] {
  if (figures.suppressed) return [NOT_PUBLISHED, ...Array<ExportValue>(FIGURE_COLUMN_COUNT).fill(null)];
  const remarks: string[] = [];
  const fundPart = 'suppressed' in figures.fundPart ? (remarks.push(`part caisse : ${NOT_PUBLISHED}`), null) : figures.fundPart;
  const consequences = 'suppressed' in figures.consequences ? (remarks.push(`conséquences : ${NOT_PUBLISHED}`), null) : figures.consequences;
  return [
    remarks.join(' ; '),
    figures.reports,
    figures.paid,
    figures.waiting,
    figures.medianDays,
    figures.p90Days,
    figures.shareOverThreshold,
    figures.shareOverThresholdCi?.[0] ?? null,
    figures.shareOverThresholdCi?.[1] ?? null,
    figures.paidMeanDays,
    figures.paidMedianDays,
    fundPart?.reports ?? null,
    fundPart?.medianDays ?? null,
    fundPart?.p90Days ?? null,
    consequences?.answered ?? null,
    ...CONSEQUENCES.map((value) => consequences?.[value] ?? null),
  ];
}

function groupCells(groupBy: string, group: StatsRow['group']): ExportValue[] {
  if (groupBy === 'caisse') return [group.caisseName, group.caisse];
  if (groupBy === 'kind') return [kindLabel(group.kind as KindValue)];
  return [group[groupBy]];
}

/** The /api/stats answer as a table: one line per row, then the total ("Ensemble"). */
export function statsTable(stats: StatsResponse): ExportTable {
  const groupBy = stats.query.groupBy;
  const keyColumns = GROUP_HEADERS[groupBy];
  const totalKey: ExportValue[] = ['Ensemble', ...Array<ExportValue>(keyColumns.length - 1).fill('')];
  return {
    columns: [...keyColumns, REMARK_COLUMN, ...figureColumns(stats.thresholdDays)],
    rows: [...stats.rows.map((row) => [...groupCells(groupBy, row.group), ...figureCells(row)]), [...totalKey, ...figureCells(stats.total)]],
  };
}

export function cubeColumns(thresholdDays: number): ExportColumn[] {
  return [
    { header: 'Géographie (niveau)', kind: 'text' },
    { header: 'Code', kind: 'text' },
    { header: 'Nom', kind: 'text' },
    { header: 'Type d’arrêt', kind: 'text' },
    { header: 'Période (niveau)', kind: 'text' },
    { header: 'Période', kind: 'text' },
    REMARK_COLUMN,
    ...figureColumns(thresholdDays),
  ];
}

/** One cell of the snapshot as a line of the long table. */
export function cubeLine(row: CubeRow): ExportValue[] {
  const name = row.geoLevel === 'national' ? 'France' : row.geoName;
  const period = row.periodLevel === 'all' ? 'toutes' : row.period;
  return [GEOGRAPHY_LEVEL_LABELS[row.geoLevel], row.geoCode, name, kindLabel(row.kind), PERIOD_LEVEL_LABELS[row.periodLevel], period, ...figureCells(row)];
}
