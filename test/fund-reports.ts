import { dashboardReports } from './dashboard-reports';
import { seededRandom } from './seeded-random';
import { addDays, ReportRow } from './stats-factory';

/** A fund with 5 reports a month in 2025: its months far under the minimum group size (11) even with noise (σ = 2), its quarters above it. */
export const QUARTERLY_FUND = '291';
/** A fund with 2 reports a month in 2025: months and quarters under the minimum group size, the year above it. */
export const YEARLY_FUND = '561';

function steadyReports(caisse: string, perMonth: number, seed: number): ReportRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: 12 * perMonth }, (_, index) => {
    const month = Math.floor(index / perMonth) + 1;
    const leave = `2025-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 25)).padStart(2, '0')}`;
    const delay = 10 + Math.floor(random() * 40);
    return { caisse, leave, paid: addDays(leave, delay), statusAsOf: addDays(leave, delay) };
  });
}

/** The dashboard's reports, plus a fund published only by quarter and one only by year. */
export function fundPageReports(): ReportRow[] {
  return [...dashboardReports(), ...steadyReports(QUARTERLY_FUND, 5, 291), ...steadyReports(YEARLY_FUND, 2, 561)];
}
