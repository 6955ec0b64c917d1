import type { EventResponse } from '../../events/events.dto';
import type { TrendEventMark } from '../../presentation/charts/trend-chart';
import type { TrendGranularity } from '../fund/fund-trend';

/** An event of a page, with its number on the chart (null when its date falls outside the chart's periods). */
export interface NumberedEvent {
  event: EventResponse;
  marker: string | null;
}

/** The first day of a period and of the one after it ('2025-Q2' → 2025-04-01, 2025-07-01). */
function periodBounds(granularity: TrendGranularity, period: string): [number, number] {
  const year = Number(period.slice(0, 4));
  const firstMonth = granularity === 'year' ? 0 : granularity === 'quarter' ? (Number(period.slice(6)) - 1) * 3 : Number(period.slice(5, 7)) - 1;
  const length = granularity === 'year' ? 12 : granularity === 'quarter' ? 3 : 1;
  return [Date.UTC(year, firstMonth, 1), Date.UTC(year, firstMonth + length, 1)];
}

/**
 * Where a date sits on a trend's axis: each period's point stands for the whole period, so a date
 * inside period i lies between i - 0.5 (its first day) and i + 0.5 (its end), clamped to the plot.
 * Null outside the periods drawn.
 */
export function eventPosition(granularity: TrendGranularity, periods: string[], date: string): number | null {
  const day = Date.parse(`${date}T00:00:00Z`);
  const index = periods.findIndex((period) => {
    const [start, end] = periodBounds(granularity, period);
    return day >= start && day < end;
  });
  if (index === -1) return null;
  const [start, end] = periodBounds(granularity, periods[index]);
  const position = index - 0.5 + (day - start) / (end - start);
  return Math.min(Math.max(position, 0), periods.length - 1);
}

/** The events numbered oldest first (1, 2, …) among those on the chart, and their marks for the chart. */
export function numberEvents(events: EventResponse[], granularity: TrendGranularity, periods: string[]): { listed: NumberedEvent[]; marks: TrendEventMark[] } {
  const oldestFirst = [...events].sort((a, b) => a.date.localeCompare(b.date));
  const marks: TrendEventMark[] = [];
  const listed = oldestFirst.map((event) => {
    const position = eventPosition(granularity, periods, event.date);
    if (position === null) return { event, marker: null };
    const marker = String(marks.length + 1);
    marks.push({ position, marker, title: `${marker}. ${event.title}` });
    return { event, marker };
  });
  return { listed, marks };
}
