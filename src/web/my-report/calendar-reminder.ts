import { randomUUID } from 'node:crypto';
import { addDays } from '../../config/paris-date';

export const REMINDER_DAYS = [15, 30] as const;

/**
 * An iCalendar file with two all-day reminders, 15 and 30 days after `today`, pointing to
 * /mon-signalement. It is built from today's date alone: nothing about a report goes in it, so the
 * service keeps no contact and the file reveals nothing if someone else reads the calendar.
 */
export function calendarReminder(today: string, myReportUrl: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const events = REMINDER_DAYS.flatMap((days) => {
    const day = addDays(today, days);
    return [
      'BEGIN:VEVENT',
      `UID:${randomUUID()}@delais-ij`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(day)}`,
      `DTEND;VALUE=DATE:${compact(addDays(day, 1))}`,
      `SUMMARY:${escapeText('Délais IJ : mes indemnités journalières sont-elles payées ?')}`,
      `DESCRIPTION:${escapeText(`Si le premier paiement est arrivé, indiquez-en la date avec votre reçu sur ${myReportUrl} . Sinon, confirmez que vous attendez toujours.`)}`,
      `URL:${myReportUrl}`,
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText('Délais IJ : indiquer si le paiement est arrivé')}`,
      'TRIGGER:PT9H',
      'END:VALARM',
      'END:VEVENT',
    ];
  });
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Delais IJ//Rappel//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...events, 'END:VCALENDAR'];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function compact(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped in TEXT values.
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r?\n/g, '\\n');
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8 character.
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const character of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + character) > limit) {
      parts.push(current);
      current = '';
    }
    current += character;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
