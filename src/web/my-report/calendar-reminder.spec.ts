import { calendarReminder } from './calendar-reminder';

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('calendarReminder', () => {
  const ics = calendarReminder('2026-11-29', 'https://ij.example.org/mon-signalement', new Date('2026-11-29T10:00:00Z'));

  it('holds two all-day events, 15 and 30 days after today, linking to /mon-signalement', () => {
    const lines = unfold(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('DTSTART'))).toEqual(['DTSTART;VALUE=DATE:20261214', 'DTSTART;VALUE=DATE:20261229']);
    expect(lines.filter((line) => line.startsWith('URL:'))).toEqual([
      'URL:https://ij.example.org/mon-signalement',
      'URL:https://ij.example.org/mon-signalement',
    ]);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('uses CRLF line ends, folds long lines under 76 octets and escapes commas', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(unfold(ics).find((line) => line.startsWith('DESCRIPTION:Si'))).toContain('arrivé\\, indiquez');
  });

  it('differs between two downloads only by its random UIDs and its stamp, never by a report', () => {
    const other = calendarReminder('2026-11-29', 'https://ij.example.org/mon-signalement', new Date('2026-11-29T10:00:00Z'));
    const withoutUids = (text: string) => text.replace(/UID:[^\r]*/g, 'UID:x');
    expect(withoutUids(other)).toBe(withoutUids(ics));
  });
});
