// "Today" is always the calendar date in Paris, whatever the machine's time zone: a report
// filed at 00:30 in Paris (22:30 UTC the day before) is dated the Paris day.
const parisDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

let memo = { second: NaN, date: '' };

/** The Europe/Paris calendar date of an instant, as YYYY-MM-DD. */
export function parisToday(now: Date = new Date()): string {
  // Formatting through Intl costs microseconds and intake asks several times per request:
  // the answer is kept for the current second.
  const second = Math.floor(now.getTime() / 1000);
  if (second !== memo.second) memo = { second, date: parisDateFormat.format(now) };
  return memo.date;
}

/** True for an existing calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date `days` after `isoDate` (YYYY-MM-DD; negative: before). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}
