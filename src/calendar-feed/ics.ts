import { DateTime } from 'luxon';
import { IsoDate, OSLO } from '../calendar/domain/oslo-time';

/** One timed event on a day, in Oslo wall-clock time. */
export interface IcsEvent {
  /** Globally unique and stable across downloads, so calendar apps update rather than duplicate. */
  uid: string;
  date: IsoDate;
  /** HH:MM, Europe/Oslo. */
  startTime: string;
  endTime: string;
  summary: string;
  location?: string;
  description?: string;
  cancelled: boolean;
}

export interface IcsCalendar {
  prodId: string;
  name: string;
  /** When the feed was produced (DTSTAMP of every event). */
  stamp: DateTime;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

// Europe/Oslo since 1996 (EU rules): CEST from the last Sunday of March 02:00, CET from the last Sunday
// of October 03:00. Clients that know the zone by name use their own data; this is for those that do not.
const OSLO_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${OSLO}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** An RFC 5545 VCALENDAR: CRLF line endings, lines folded at 75 octets, times in Europe/Oslo. */
export function buildIcs(cal: IcsCalendar): string {
  const stamp = utcStamp(cal.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${OSLO}`,
    // Ask subscribing apps to refresh hourly (RFC 7986, and the older Microsoft property).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...OSLO_VTIMEZONE,
    ...cal.events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(e: IcsEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=${OSLO}:${localDateTime(e.date, e.startTime)}`,
    `DTEND;TZID=${OSLO}:${localDateTime(e.date, e.endTime)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Splits a content line so that no physical line exceeds 75 octets (CRLF not counted); continuation
 * lines start with one space. Never splits inside a UTF-8 character (RFC 5545 3.1).
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // Continuation lines carry the leading space within their 75 octets.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utcStamp(instant: DateTime): string {
  return instant.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

function localDateTime(date: IsoDate, time: string): string {
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(time)) throw new RangeError(`Not a time of day: ${time}`);
  return `${date.replace(/-/g, '')}T${time.slice(0, 2)}${time.slice(3, 5)}00`;
}
