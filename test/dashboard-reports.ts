import { seededRandom } from './seeded-random';
import { addDays, ReportRow } from './stats-factory';

/**
 * Lozère's reports: so few that its noisy count (σ = 2) reaching the minimum group size of 11 is out
 * of reach in practice, so it is always shown as suppressed.
 */
export const LOZERE_REPORTS = 2;

/** Reports of 2025 for a few funds: many for some (published whatever the noise), fewer than the minimum group size for others. */
export function dashboardReports(): ReportRow[] {
  const random = seededRandom(20261129);
  const funds: [string, number, number][] = [
    // fund, reports, typical delay in days
    ['751', 200, 25],
    ['131', 70, 40],
    ['594', 40, 18],
    ['595', 35, 30],
    ['971', 30, 50],
    ['311', 25, 12],
    ['481', LOZERE_REPORTS, 20],
    ['021', 6, 35],
  ];
  return funds.flatMap(([caisse, count, typical]) =>
    Array.from({ length: count }, (_, index) => {
      const leave = addDays('2025-01-06', Math.floor(random() * 330));
      const delay = Math.max(4, Math.round(typical * (0.4 + random() * 1.2)));
      const waiting = index % 9 === 0;
      return {
        caisse,
        kind: index % 4 === 0 ? 'accident_travail' : 'maladie',
        leave,
        paid: waiting ? null : addDays(leave, delay),
        statusAsOf: addDays(leave, waiting ? delay + 10 : delay),
      };
    }),
  );
}
