import { describe, expect, it } from '@jest/globals';
import type { EventResponse } from '../../events/events.dto';
import { eventPosition, numberEvents } from './trend-events';

const event = (date: string, title: string): EventResponse => ({
  id: title,
  scope: '751',
  scopeLevel: 'caisse',
  scopeCode: '751',
  date,
  title,
  source: null,
  organisation: 'UD',
});

describe('eventPosition', () => {
  it('places a date inside its period, the period’s point standing for its middle', () => {
    const quarters = ['2025-Q1', '2025-Q2', '2025-Q3'];
    expect(eventPosition('quarter', quarters, '2025-04-01')).toBeCloseTo(0.5, 10);
    // 2025-05-16 is 45 of Q2's 91 days in: just before the middle.
    expect(eventPosition('quarter', quarters, '2025-05-16')).toBeCloseTo(0.5 + 45 / 91, 10);
    // Before the first point and after the last one, clamped to the plot.
    expect(eventPosition('quarter', quarters, '2025-01-01')).toBe(0);
    expect(eventPosition('quarter', quarters, '2025-09-30')).toBe(2);
    expect(eventPosition('quarter', quarters, '2024-12-31')).toBeNull();
    expect(eventPosition('month', ['2025-01', '2025-02'], '2025-02-01')).toBeCloseTo(0.5, 10);
    expect(eventPosition('year', ['2024', '2025'], '2026-01-01')).toBeNull();
  });
});

describe('numberEvents', () => {
  it('numbers the events on the chart oldest first, and lists the others without a number', () => {
    const { listed, marks } = numberEvents([event('2025-06-01', 'B'), event('2023-01-01', 'hors'), event('2025-02-01', 'A')], 'year', ['2025']);
    expect(listed.map((entry) => [entry.event.title, entry.marker])).toEqual([
      ['hors', null],
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(marks.map((mark) => [mark.marker, mark.title])).toEqual([
      ['1', '1. A'],
      ['2', '2. B'],
    ]);
  });
});
