import { ALLOWANCE_KIND_LABELS, NOT_PUBLISHED } from '../../presentation/french-labels';
import { periodLabel, snapshotTime, wholeNumber } from '../../presentation/french-format';
import type { DashboardData, DashboardPage } from './statistics-page.service';

// Sentences every part of /statistiques repeats.

/** "Délais déclarés par les assurés, 1 234 signalements, chiffres du 29 novembre 2026 à 11:05.": said under every figure. */
export function provenance(reports: number | null, data: DashboardData): string {
  const count = reports === null ? NOT_PUBLISHED : `${wholeNumber(reports)} signalement${reports > 1 ? 's' : ''}`;
  return `Délais déclarés par les assurés, ${count}, chiffres du ${snapshotTime(data.snapshotAt)}.`;
}

/** "France entière, 2025, maladie": what the figures are about. */
export function selection(page: DashboardPage): string {
  const kind = page.filters.kind === 'all' ? 'tous types d’arrêt' : ALLOWANCE_KIND_LABELS[page.filters.kind].toLowerCase();
  return `${page.filters.region || 'France entière'}, ${periodLabel(page.filters.period)}, ${kind}`;
}
