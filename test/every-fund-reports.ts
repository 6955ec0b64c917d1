import { seededRandom } from './seeded-random';
import { addDays, ReportRow } from './stats-factory';

/**
 * `perFund` reports for each fund of `codes`, leaves over 2024 and 2025, with a delay that differs
 * by fund (about 12 to 60 days), 1 in 9 still waiting. With 25 reports or more a fund is published
 * whatever the noise (σ = 2), so a test gets every fund on the page with a figure of its own.
 */
export function everyFundReports(codes: readonly string[], perFund = 30, seed = 20261205): ReportRow[] {
  const random = seededRandom(seed);
  return codes.flatMap((caisse, rank) => {
    const typical = 12 + (48 * rank) / Math.max(1, codes.length - 1);
    return Array.from({ length: perFund }, (_, index) => {
      const leave = addDays('2024-01-08', Math.floor(random() * 700));
      const delay = Math.max(3, Math.round(typical * (0.5 + random())));
      const waiting = index % 9 === 0;
      return {
        caisse,
        kind: index % 5 === 0 ? 'accident_travail' : 'maladie',
        leave,
        paid: waiting ? null : addDays(leave, delay),
        statusAsOf: addDays(leave, waiting ? delay + 10 : delay),
      };
    });
  });
}
