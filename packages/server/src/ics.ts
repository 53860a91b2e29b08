/**
 * A programme's meetings as an iCalendar file (RFC 5545), so people can add them to their
 * calendar: one all-day event per meeting. Pure: the clock (`now`, for DTSTAMP) is passed in.
 * Rules: docs/spec/programme.md (PG-10 … PG-13).
 */

export interface IcsMeeting {
  readonly id: string;
  readonly title: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  readonly location?: string;
  readonly description?: string;
  /** An http(s) address of the meeting's page. */
  readonly url?: string;
}

export interface IcsOptions {
  /** PRODID, such as "-//Goed Werk Hub//Programma//NL". */
  readonly prodId: string;
  /** The calendar's name (NAME and X-WR-CALNAME). */
  readonly calendarName: string;
  /** When the file is made: every event's DTSTAMP. */
  readonly now: Date;
}

const CRLF = '\r\n';
/** [PG-11] A content line is at most 75 octets, CRLF not counted. */
export const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** [PG-12] TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; other control characters go. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}

/**
 * [PG-11] Folds a content line (RFC 5545 §3.1): after at most 75 octets a CRLF and one space, the
 * space counting towards the next line's 75; a line is split between characters (code points),
 * never inside one, so a multi-byte UTF-8 character is never cut.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2014-01-23 → 20140123 and the next day; throws on a date that does not exist. */
function allDay(iso: string): { start: string; end: string } {
  const match = ISO_DATE.exec(iso);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== iso) throw new RangeError(`not an ISO date: ${iso}`);
  const compact = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
  return { start: compact(day), end: compact(new Date(day.getTime() + 86_400_000)) };
}

/** UTC date-time in the basic format: 20260123T090000Z. */
function utcStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A URI value is not TEXT and is not escaped: only http(s), and nothing that could break the line. */
function uriValue(url: string): string | null {
  return /^https?:\/\/[^\s\u0000-\u001F\u007F]+$/i.test(url) ? url : null;
}

function eventLines(m: IcsMeeting, stamp: string): string[] {
  const { start, end } = allDay(m.date);
  const lines = [
    'BEGIN:VEVENT',
    // [PG-13] the same meeting keeps its UID, so a calendar updates the event instead of doubling it
    `UID:${escapeText(`${m.id}@goedwerk`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${start}`,
    `DTEND;VALUE=DATE:${end}`,
    `SUMMARY:${escapeText(m.title)}`,
  ];
  if (m.location) lines.push(`LOCATION:${escapeText(m.location)}`);
  if (m.description) lines.push(`DESCRIPTION:${escapeText(m.description)}`);
  const url = m.url === undefined ? null : uriValue(m.url);
  if (url) lines.push(`URL:${url}`);
  lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  return lines;
}

/** [PG-10] The meetings as one VCALENDAR of all-day events, in the order given, CRLF line endings. */
export function meetingsToIcs(meetings: readonly IcsMeeting[], options: IcsOptions): string {
  const stamp = utcStamp(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(options.calendarName)}`,
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    ...meetings.flatMap((m) => eventLines(m, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
