// How the pages and the exports write figures and dates in French: whole days, percentages,
// calendar dates, the snapshot time in Paris, periods.

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const WHOLE_NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "29 novembre 2026 à 11:05" (Paris time) from an ISO instant. */
export function snapshotTime(isoInstant: string): string {
  // Built from the parts: ICU versions differ on the words between the date and the time.
  const parts = PARIS_TIME.formatToParts(new Date(isoInstant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} à ${part('hour')}:${part('minute')}`;
}

/** "3 septembre 2026" from "2026-09-03". */
export function frenchDate(isoDate: string): string {
  // French writes the first day of a month as an ordinal: "1er janvier".
  return FRENCH_DATE.format(new Date(`${isoDate}T00:00:00Z`)).replace(/^1 /, '1er ');
}

/** "1 234" with the French thin space. */
export function wholeNumber(value: number): string {
  return WHOLE_NUMBER.format(value);
}

/** "1 jour", "23 jours", or a dash when the figure does not exist. */
export function days(value: number | null): string {
  if (value === null) return '–';
  return value <= 1 ? `${value} jour` : `${value} jours`;
}

/** "42 %" from 0.42, or a dash when the figure does not exist. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

/** "35 à 50 %" from [0.35, 0.5]. */
export function percentInterval(interval: [number, number] | null): string {
  return interval === null ? '' : `${Math.round(interval[0] * 100)} à ${Math.round(interval[1] * 100)} %`;
}

/** "mars 25" for an axis, from "2025-03". */
export function shortMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
}

/** A period of the filters in words: "toute la période", "2025", "2e trimestre 2025", "mars 2025". */
export function periodLabel(period: string): string {
  if (period === 'all') return 'toute la période';
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[2] === '1' ? '1er' : `${quarter[2]}e`} trimestre ${quarter[1]}`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${MONTH_NAMES[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
  return period;
}
