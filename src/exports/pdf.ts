import { NOT_PUBLISHED } from '../presentation/french-labels';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PublishedFigures } from '../stats/disclosure-control';
import type { StatsResponse } from '../stats/stats.dto';
import type { KindValue } from '../stats/stats-cube';
import { Bar, barChartSvg } from '../presentation/charts/bar-chart';
import { percent, snapshotTime } from '../presentation/french-format';
import { EXPORT_TITLE, kindLabel } from './export-table';
import { filterLabels, methodSentences } from './export-metadata';

// PDF renderer (pdfmake): a report to attach to a letter. Standard Helvetica only (no font file),
// and pdfmake may fetch nothing: no URL at all, no local file but the built-in font names.

export const PDF_CONTENT_TYPE = 'application/pdf';

const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
const BUILT_IN_FONTS = new Set(Object.values(HELVETICA));

let configured: typeof import('pdfmake') | undefined;

/** pdfmake, loaded on the first PDF (it weighs on start-up) and locked down once; shared by every PDF of the service. */
export function lockedDownPdfmake(): typeof import('pdfmake') {
  if (!configured) {
    configured = require('pdfmake') as typeof import('pdfmake');
    configured.setFonts({ Helvetica: HELVETICA });
    configured.setUrlAccessPolicy(() => false);
    configured.setLocalAccessPolicy((path) => BUILT_IN_FONTS.has(path));
  }
  return configured;
}

/** Bars per chart page (landscape A4, the bar chart's print layout). */
const BARS_PER_CHART = 28;
const FIGURE_HEADERS = [
  'Signalements',
  'Payés',
  'En attente',
  'Délai médian (jours)',
  '90e centile (jours)',
  'Part non payée après {N} jours',
  'IC 95 %',
  'Délai médian des payés (jours)',
  'Part caisse : délai médian (jours)',
];

export interface PdfInput {
  stats: StatsResponse;
  organisation: string;
  /** "Source : <hosting union>", under the title and on every page's foot. */
  source: string;
  generatedAt: string;
}

function number(value: number | null): string {
  return value === null ? '–' : String(value).replace('.', ',');
}

/** "12 novembre 2026 à 10:05 (heure de Paris)". */
function parisTime(iso: string): string {
  return `${snapshotTime(iso)} (heure de Paris)`;
}

function rowLabel(groupBy: string, group: Record<string, string>): string {
  if (groupBy === 'caisse') return `${group.caisseName} (${group.caisse})`;
  if (groupBy === 'kind') return kindLabel(group.kind as KindValue);
  return group[groupBy];
}

function tableLine(label: string, figures: PublishedFigures, minGroupSize: number, bold = false): TableCell[] {
  if (figures.suppressed) {
    return [
      { text: label, bold },
      { text: NOT_PUBLISHED, colSpan: FIGURE_HEADERS.length, italics: true },
      ...Array<TableCell>(FIGURE_HEADERS.length - 1).fill(''),
    ];
  }
  const ci = figures.shareOverThresholdCi;
  const fundPart = 'suppressed' in figures.fundPart ? NOT_PUBLISHED : number(figures.fundPart.medianDays);
  return [
    { text: label, bold },
    ...[figures.reports, figures.paid, figures.waiting, figures.medianDays, figures.p90Days].map((value) => ({
      text: number(value),
      alignment: 'right' as const,
    })),
    { text: percent(figures.shareOverThreshold), alignment: 'right' },
    { text: ci ? `${percent(ci[0])} – ${percent(ci[1])}` : '–', alignment: 'right' },
    { text: number(figures.paidMedianDays), alignment: 'right' },
    { text: fundPart, alignment: 'right' },
  ];
}

function medianBars(stats: StatsResponse): Bar[] {
  return stats.rows.map((row) => ({
    label: rowLabel(stats.query.groupBy, row.group),
    value: row.suppressed ? null : row.medianDays,
    note: row.suppressed ? NOT_PUBLISHED : 'médiane non atteinte',
  }));
}

function charts(stats: StatsResponse): Content[] {
  const bars = medianBars(stats);
  const pages: Content[] = [];
  for (let start = 0; start < bars.length; start += BARS_PER_CHART) {
    const svg = barChartSvg(bars.slice(start, start + BARS_PER_CHART), {
      layout: 'print',
      id: `graphique-${start / BARS_PER_CHART + 1}`,
      title: 'Délai médian de premier paiement par ligne du tableau',
      description: 'Délai médian de premier paiement, en jours (délais déclarés) ; le trait pointillé marque le seuil.',
      threshold: stats.thresholdDays,
      thresholdLabel: `seuil : ${stats.thresholdDays} jours`,
      missingText: NOT_PUBLISHED,
      formatValue: (value) => `${value} j`,
    });
    pages.push({ text: 'Délai médian par ligne (la ligne pointillée marque le seuil)', style: 'heading', pageBreak: 'before' }, { svg, width: 760 });
  }
  return pages;
}

/** The statistics report: title, period, filters, method, the table, the median chart, page numbers. */
export function renderPdf({ stats, organisation, source, generatedAt }: PdfInput): Promise<Buffer> {
  const filters = filterLabels(stats.query);
  const headers = FIGURE_HEADERS.map((header) => header.replace('{N}', String(stats.thresholdDays)));
  const definition: TDocumentDefinitions = {
    info: { title: EXPORT_TITLE, creator: 'Délais IJ' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    styles: { title: { fontSize: 16, bold: true }, heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] }, header: { bold: true, fillColor: '#dde6f0' } },
    content: [
      { text: EXPORT_TITLE, style: 'title' },
      { text: source, margin: [0, 2, 0, 0] },
      { text: filters.map(([key, value]) => `${key} : ${value}`).join('   ·   '), margin: [0, 6, 0, 2] },
      { text: `Statistiques du ${parisTime(stats.snapshotAt)} ; document généré le ${parisTime(generatedAt)} pour ${organisation}.`, margin: [0, 0, 0, 6] },
      { text: 'Méthode', style: 'heading' },
      { text: methodSentences(stats.thresholdDays, stats.minGroupSize) },
      { text: 'Tableau', style: 'heading' },
      {
        table: {
          headerRows: 1,
          widths: ['*', ...headers.map(() => 'auto' as const)],
          body: [
            [
              { text: filters[0][1].replace(/^par /, '').replace(/^./, (first) => first.toUpperCase()), style: 'header' },
              ...headers.map((text) => ({ text, style: 'header' })),
            ],
            ...stats.rows.map((row) => tableLine(rowLabel(stats.query.groupBy, row.group), row, stats.minGroupSize)),
            tableLine('Ensemble', stats.total, stats.minGroupSize, true),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...charts(stats),
    ],
    footer: (currentPage, pageCount) => ({
      text: `Page ${currentPage} / ${pageCount} — délais déclarés par les assurés, non vérifiés auprès des caisses — ${source}`,
      alignment: 'center',
      fontSize: 7,
      margin: [0, 12, 0, 0],
    }),
  };
  return lockedDownPdfmake().createPdf(definition).getBuffer();
}
