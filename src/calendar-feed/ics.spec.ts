import { DateTime } from 'luxon';
import { buildIcs, escapeText, foldLine, IcsEvent } from './ics';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

const event = (over: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'a1@example.test',
  date: '2026-11-23',
  startTime: '08:00',
  endTime: '11:30',
  summary: 'Norsk',
  cancelled: false,
  ...over,
});

describe('escapeText', () => {
  it.each([
    ['a,b;c', 'a\\,b\\;c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nthree', 'two\\nlines\\nthree'],
    ['Skolebygget: rom 2', 'Skolebygget: rom 2'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets with a leading space on continuation lines, and unfolds to the original', () => {
    const line = `SUMMARY:${'Ærø æøå '.repeat(30)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('never cuts a two-byte character in half', () => {
    // 8 + 2×40 octets: a cut at exactly 75 would fall inside the 34th "ø".
    const [first, second] = foldLine(`SUMMARY:${'ø'.repeat(40)}`).split('\r\n');
    expect(octets(first)).toBe(74);
    expect(second).toBe(` ${'ø'.repeat(7)}`);
  });
});

describe('buildIcs', () => {
  const stamp = DateTime.fromISO('2026-11-23T10:00:00', { zone: 'Europe/Oslo' });
  const ics = buildIcs({
    prodId: '-//Test//Feed//EN',
    name: 'Timeplan, Kari',
    stamp,
    events: [
      event(),
      event({
        uid: 'b2@example.test',
        date: '2027-06-01',
        startTime: '12:00',
        endTime: '15:00',
        cancelled: true,
        location: 'Skole; rom 2',
      }),
    ],
  });

  it('uses CRLF line endings only and ends with one', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has the calendar header and the Oslo time zone with CET/CEST rules', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//Feed//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    expect(lines).toContain('X-WR-CALNAME:Timeplan\\, Kari');
    const tz = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    expect(tz).toEqual(
      expect.arrayContaining([
        'TZID:Europe/Oslo',
        'TZNAME:CEST',
        'TZNAME:CET',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      ]),
    );
  });

  it('writes events with local times in Europe/Oslo, a UTC stamp and the status', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:a1@example.test',
        'DTSTAMP:20261123T090000Z',
        'DTSTART;TZID=Europe/Oslo:20261123T080000',
        'DTEND;TZID=Europe/Oslo:20261123T113000',
        'DTSTART;TZID=Europe/Oslo:20270601T120000',
        'LOCATION:Skole\\; rom 2',
        'STATUS:CONFIRMED',
        'STATUS:CANCELLED',
      ]),
    );
  });

  it('refuses a malformed time rather than writing a broken feed', () => {
    expect(() => buildIcs({ prodId: 'x', name: 'x', stamp, events: [event({ startTime: '8' })] })).toThrow(RangeError);
  });
});
