import { addDays, parisToday } from '../src/config/paris-date';

/** A valid report body, with overrides. Dates default to a leave 30 days before today (Paris). */
export function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caisseCode: '751',
    allowanceKind: 'maladie',
    leaveStartedOn: daysAgo(30),
    consent: true,
    ...overrides,
  };
}

/** The Paris calendar date `days` days before today (negative: in the future). */
export function daysAgo(days: number): string {
  return addDays(parisToday(), -days);
}
