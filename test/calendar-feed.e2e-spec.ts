import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { CalendarFeedRepository } from '../src/calendar-feed/calendar-feed.repository';
import { CancellationReason } from '../src/sessions/session.enums';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { TEST_PASSWORD } from './factories/user.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { bookPrisoner, cancelClassSession, createClass, createClassSession } from './factories/teaching.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The clock is pinned to Monday 2026-11-23 10:00 (Oslo). The feed spans 4 weeks back (2026-10-26) to the
// end of the 8-week session horizon (2027-01-17).

interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface IcsComponent {
  name: string;
  props: IcsProperty[];
  children: IcsComponent[];
}

/** A small RFC 5545 reader: unfolds lines, then nests BEGIN/END blocks; values are unescaped as TEXT. */
function parseIcs(text: string): IcsComponent {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  if (lines.pop() !== '') throw new Error('The calendar does not end with CRLF');
  const root: IcsComponent = { name: '', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`Not a content line: ${line}`);
    const [name, ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    const top = stack[stack.length - 1];
    if (name === 'BEGIN') {
      const child = { name: value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`);
      stack.pop();
    } else {
      top.props.push({ name, params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])), value: unescapeText(value) });
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('Unbalanced BEGIN/END');
  return root.children[0];
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const prop = (c: IcsComponent, name: string) => c.props.find((p) => p.name === name);
const value = (c: IcsComponent, name: string) => prop(c, name)?.value;

/** The instant a DTSTART/DTEND with TZID means, in UTC (checks the wall-clock reading across DST). */
function instant(p: IcsProperty): string {
  expect(p.params.TZID).toBe('Europe/Oslo');
  return DateTime.fromFormat(p.value, "yyyyMMdd'T'HHmmss", { zone: p.params.TZID }).toUTC().toISO({ suppressMilliseconds: true }) as string;
}

describe('calendar feed (e2e)', () => {
  let t: TestApp;
  let prisonId: string;
  let teacher: SignedIn;
  let colleague: SignedIn;
  let activityName: string;
  let ids: Record<string, string>;
  let prisonerNames: string[];

  const fetchFeed = (url: string) => t.http().get(url);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    t.clock.set('2026-11-23T10:00:00');
    const ds = t.dataSource;
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Oslo fengsel, avdeling Bredtveit' });
    prisonId = prison.id;
    teacher = await signIn(t, [Role.TEACHER], [prison.id]);
    colleague = await signIn(t, [Role.TEACHER], [prison.id]);
    // Long, with commas, a semicolon and Norwegian letters: needs escaping and folding at 75 octets.
    activityName = 'Norsk, samfunnsfag; og grunnleggende ferdigheter for voksne – nivå 2 (Bredtveit skoleavdeling)';
    const norsk = await createClass(ds, prison.id, { name: activityName, location: 'Skolebygget, rom 2' });
    const mine = { staffMemberId: teacher.staffMemberId };
    const s = {
      tooOld: await createClassSession(ds, norsk, { date: '2026-10-23', ...mine }),
      firstDay: await createClassSession(ds, norsk, { date: '2026-10-26', ...mine }),
      monday: await createClassSession(ds, norsk, { date: '2026-11-23', ...mine }),
      cancelled: await createClassSession(ds, norsk, { date: '2026-11-24', period: DayPeriod.PM, ...mine }),
      lastDay: await createClassSession(ds, norsk, { date: '2027-01-15', ...mine }),
      beyond: await createClassSession(ds, norsk, { date: '2027-01-18', ...mine }),
      colleagues: await createClassSession(ds, norsk, { date: '2026-11-25', staffMemberId: colleague.staffMemberId }),
    };
    ids = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.id]));
    await cancelClassSession(ds, s.cancelled.id, CancellationReason.OTHER, 'Ola Nordmann er syk');
    const p1 = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Åsmund', lastName: 'Fjellheim' });
    const p2 = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Sigrid', lastName: 'Vikestad' });
    await bookPrisoner(ds, p1.id, [s.monday]);
    await bookPrisoner(ds, p2.id, [s.monday]);
    prisonerNames = [p1.firstName, p1.lastName, p1.prisonerNumber, p2.firstName, p2.lastName, p2.prisonerNumber];
  });

  it('issues a secret URL once, storing only the SHA-256 of the token', async () => {
    const res = await teacher.post('/me/calendar-feed').expect(201);
    expect(Object.keys(res.body)).toEqual(['url']);
    const m = /^\/calendar-feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(res.body.url);
    expect(m).not.toBeNull();
    const token = (m as RegExpExecArray)[1];
    const rows = await t.dataSource.query(`SELECT staff_member_id, token_hash FROM calendar_feed`);
    expect(rows).toEqual([{ staff_member_id: teacher.staffMemberId, token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('serves a valid RFC 5545 calendar: CRLF, folded lines, Europe/Oslo time zone, one event per session', async () => {
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    const res = await fetchFeed(url).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text: string = res.text;

    // Every line ends with CRLF and no physical line is longer than 75 octets; long ones were folded.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = text.split('\r\n');
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);

    const cal = parseIcs(text);
    expect(cal.name).toBe('VCALENDAR');
    expect(value(cal, 'VERSION')).toBe('2.0');
    expect(value(cal, 'PRODID')).toBeTruthy();
    expect(value(cal, 'CALSCALE')).toBe('GREGORIAN');

    const [tz] = cal.children.filter((c) => c.name === 'VTIMEZONE');
    expect(value(tz, 'TZID')).toBe('Europe/Oslo');
    expect(tz.children.map((c) => [c.name, value(c, 'TZOFFSETTO'), value(c, 'RRULE')]).sort()).toEqual([
      ['DAYLIGHT', '+0200', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU'],
      ['STANDARD', '+0100', 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'],
    ]);

    // Four weeks back to the horizon end; not the colleague's session, not outside the window.
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events.map((e) => value(e, 'UID'))).toEqual(
      [ids.firstDay, ids.monday, ids.cancelled, ids.lastDay].map((id) => `${id}@activity-scheduler.kriminalomsorgen.no`),
    );
    const monday = events[1];
    expect(value(monday, 'SUMMARY')).toBe(activityName);
    expect(value(monday, 'LOCATION')).toBe('Skolebygget, rom 2, Oslo fengsel, avdeling Bredtveit');
    expect(value(monday, 'DESCRIPTION')).toBe('Oslo fengsel, avdeling Bredtveit\nBooked: 2 of 8');
    expect(value(monday, 'STATUS')).toBe('CONFIRMED');
    expect(value(monday, 'DTSTAMP')).toBe('20261123T090000Z');
    expect(prop(monday, 'DTSTART')).toEqual({ name: 'DTSTART', params: { TZID: 'Europe/Oslo' }, value: '20261123T080000' });
    expect(instant(prop(monday, 'DTSTART') as IcsProperty)).toBe('2026-11-23T07:00:00Z');
    expect(instant(prop(monday, 'DTEND') as IcsProperty)).toBe('2026-11-23T10:30:00Z');
    // 26 October is the first day of winter time: 08:00 there is still 07:00Z.
    expect(instant(prop(events[0], 'DTSTART') as IcsProperty)).toBe('2026-10-26T07:00:00Z');
  });

  it('marks cancelled sessions CANCELLED, and carries no prisoner names, numbers or free-text notes', async () => {
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    const text: string = (await fetchFeed(url).expect(200)).text;
    const events = parseIcs(text).children.filter((c) => c.name === 'VEVENT');
    const cancelled = events.find((e) => value(e, 'UID')?.startsWith(ids.cancelled)) as IcsComponent;
    expect(value(cancelled, 'STATUS')).toBe('CANCELLED');
    expect(value(cancelled, 'SUMMARY')).toBe(`Cancelled: ${activityName}`);
    expect(value(cancelled, 'DESCRIPTION')).toContain('Cancelled: Other');
    expect(events.filter((e) => value(e, 'STATUS') === 'CANCELLED')).toHaveLength(1);
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    for (const personal of [...prisonerNames, 'Ola Nordmann'])
      expect({ personal, found: unfolded.includes(personal) }).toEqual({ personal, found: false });
  });

  it('shows summer sessions at their Oslo wall-clock time (CEST)', async () => {
    t.clock.set('2027-03-22T09:00:00');
    const norsk = await createClass(t.dataSource, prisonId, { name: 'Vår' });
    const winter = await createClassSession(t.dataSource, norsk, { date: '2027-03-26', staffMemberId: teacher.staffMemberId });
    const summer = await createClassSession(t.dataSource, norsk, { date: '2027-03-29', staffMemberId: teacher.staffMemberId });
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    const events = parseIcs((await fetchFeed(url).expect(200)).text).children.filter((c) => c.name === 'VEVENT');
    const start = (id: string) =>
      instant(prop(events.find((e) => value(e, 'UID')?.startsWith(id)) as IcsComponent, 'DTSTART') as IcsProperty);
    expect(start(winter.id)).toBe('2027-03-26T07:00:00Z');
    expect(start(summer.id)).toBe('2027-03-29T06:00:00Z');
  });

  it('rotating the token stops the old URL at once', async () => {
    const first = (await teacher.post('/me/calendar-feed').expect(201)).body.url;
    await fetchFeed(first).expect(200);
    const second = (await teacher.post('/me/calendar-feed').expect(201)).body.url;
    expect(second).not.toBe(first);
    await fetchFeed(first).expect(404);
    await fetchFeed(second).expect(200);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM calendar_feed`)).toEqual([{ n: 1 }]);
  });

  it('revoking stops the URL; revoking again is harmless', async () => {
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    await teacher.delete('/me/calendar-feed').expect(204);
    await fetchFeed(url).expect(404);
    await teacher.delete('/me/calendar-feed').expect(204);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM calendar_feed`)).toEqual([{ n: 0 }]);
  });

  it("each staff member's feed has only their own sessions", async () => {
    const { url } = (await colleague.post('/me/calendar-feed').expect(201)).body;
    const events = parseIcs((await fetchFeed(url).expect(200)).text).children.filter((c) => c.name === 'VEVENT');
    expect(events.map((e) => value(e, 'UID'))).toEqual([`${ids.colleagues}@activity-scheduler.kriminalomsorgen.no`]);
  });

  it('answers 404 to unknown and malformed tokens, and to the feed of a deactivated user', async () => {
    await fetchFeed(`/calendar-feeds/${'A'.repeat(43)}.ics`).expect(404);
    await fetchFeed('/calendar-feeds/short.ics').expect(404);
    await fetchFeed(`/calendar-feeds/${'%27'.repeat(20)}.ics`).expect(404);
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [teacher.userId]);
    await fetchFeed(url).expect(404);
  });

  it('deactivation revokes the feed for good: after reactivation the old URL stays dead and a new one must be created', async () => {
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const { url } = (await teacher.post('/me/calendar-feed').expect(201)).body;
    await fetchFeed(url).expect(200);
    await admin.patch(`/users/${teacher.userId}`).send({ active: false }).expect(200);
    await fetchFeed(url).expect(404);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM calendar_feed WHERE staff_member_id = $1`, [teacher.staffMemberId]),
    ).toEqual([{ n: 0 }]);
    await admin.patch(`/users/${teacher.userId}`).send({ active: true }).expect(200);
    const res = await fetchFeed(url).expect(404);
    expect(res.text).not.toContain('BEGIN:VCALENDAR');
    // Deactivation also ended the teacher's sessions: sign in again and create a new feed.
    const login = await t.http().post('/auth/login').send({ username: teacher.username, password: TEST_PASSWORD }).expect(200);
    const fresh = (await t.http().post('/me/calendar-feed').set('Authorization', `Bearer ${login.body.accessToken}`).expect(201)).body.url;
    expect(fresh).not.toBe(url);
    expect((await fetchFeed(fresh).expect(200)).text).toContain('BEGIN:VCALENDAR');
    await fetchFeed(url).expect(404);
  });

  it('saves no feed for a staff member whose user is inactive (a request racing the deactivation)', async () => {
    // The request passed the sign-in check just before the deactivation: the save itself must refuse.
    const repo = t.app.get(CalendarFeedRepository);
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [teacher.userId]);
    expect(await repo.saveToken(teacher.staffMemberId, 'a'.repeat(64))).toBe(false);
    expect(await repo.saveToken(colleague.staffMemberId, 'b'.repeat(64))).toBe(true);
    expect(await t.dataSource.query(`SELECT staff_member_id FROM calendar_feed`)).toEqual([{ staff_member_id: colleague.staffMemberId }]);
  });

  it('needs sign-in to issue or revoke, and a staff member to issue', async () => {
    await t.http().post('/me/calendar-feed').expect(401);
    await t.http().delete('/me/calendar-feed').expect(401);
    await t.dataSource.query(`UPDATE app_user SET staff_member_id = NULL WHERE id = $1`, [teacher.userId]);
    const res = await teacher.post('/me/calendar-feed').expect(422);
    expect(res.body.message).toContain('not linked to a staff member');
  });
});
