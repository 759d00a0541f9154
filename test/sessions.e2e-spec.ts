import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { eachDate } from '../src/calendar/domain/oslo-time';
import { HORIZON_DAYS, horizonEnd } from '../src/sessions/domain/session-horizon';
import { SessionsService } from '../src/sessions/sessions.service';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { attend, createRateActivity } from './factories/rate.factory';
import { createAllocationRow, createSessionRow, sessionRows } from './factories/session.factory';
import { createStaffMember } from './factories/staff.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Monday 14 December 2026: the 8-week horizon (to Sunday 7 February 2027) holds Christmas Day
// (Friday 25 Dec) and New Year's Day (Friday 1 Jan 2027).
const TODAY = '2026-12-14';
const MONDAYS = ['2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01'];
const FRIDAYS = ['2026-12-18', '2026-12-25', '2027-01-01', '2027-01-08', '2027-01-15', '2027-01-22', '2027-01-29', '2027-02-05'];
const HOLIDAYS = ['2026-12-25', '2027-01-01'];
const MON_AM_FRI_PM = [
  { weekday: 1, period: DayPeriod.AM },
  { weekday: 5, period: DayPeriod.PM },
];

describe('sessions: the horizon job, cancellation and reads', () => {
  let t: TestApp;
  let service: SessionsService;

  beforeAll(async () => {
    t = await createTestApp({ now: `${TODAY}T10:00:00` });
    service = t.app.get(SessionsService);
  });
  beforeEach(async () => {
    t.clock.set(`${TODAY}T10:00:00`);
    await resetDatabase(t.dataSource);
  });
  afterAll(() => t.close());

  describe('horizon job', () => {
    it('the horizon is 8 weeks: today and the 55 days after', () => {
      expect(HORIZON_DAYS).toBe(56);
      expect(horizonEnd(TODAY)).toBe('2027-02-07');
      expect(eachDate(TODAY, horizonEnd(TODAY))).toHaveLength(56);
    });

    it('creates exactly the sessions of a 2-slot activity over 8 weeks, without Christmas Day and New Year', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource, { amStart: '07:45', amEnd: '11:15', pmStart: '12:15', pmEnd: '15:30' });
      const officer = await createStaffMember(t.dataSource, { prisonIds: [prison.id] });
      const activity = await createActivity(t.dataSource, prison.id, { capacity: 6 }, [
        { weekday: 1, period: DayPeriod.AM, staffMemberId: officer.id },
        { weekday: 5, period: DayPeriod.PM },
      ]);

      const outcome = await service.runHorizonJob();

      expect(outcome).toEqual({ ran: true, result: { created: 14, removed: 0, updated: 0, bookingsCreated: 0, keptWithAttendance: 0 } });
      const rows = await sessionRows(t.dataSource, { activityId: activity.id });
      const expected = [
        ...MONDAYS.map((date) => `${date} AM 07:45-11:15 ${officer.id}`),
        ...FRIDAYS.filter((d) => !HOLIDAYS.includes(d)).map((date) => `${date} PM 12:15-15:30 null`),
      ].sort();
      expect(rows.map((s) => `${s.date} ${s.period} ${s.startTime}-${s.endTime} ${s.staffMemberId}`)).toEqual(expected);
      expect(rows.every((s) => s.capacity === 6 && s.booked === 0 && s.cancellationReason === null)).toBe(true);
      const slotOf = new Map(activity.slots.map((s) => [s.period, s.id]));
      expect(rows.every((s) => s.slotId === slotOf.get(s.period))).toBe(true);
    });

    it('makes holiday sessions for an activity marked to run on public holidays, and none outside the activity dates', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      const kitchen = await createActivity(t.dataSource, prison.id, { runsOnPublicHolidays: true }, MON_AM_FRI_PM);
      const ended = await createActivity(t.dataSource, prison.id, { endDate: '2026-12-11' }, MON_AM_FRI_PM);
      const later = await createActivity(t.dataSource, prison.id, { startDate: '2027-01-20', endDate: '2027-01-29' }, MON_AM_FRI_PM);

      await service.runHorizonJob();

      expect((await sessionRows(t.dataSource, { activityId: kitchen.id })).map((s) => s.date)).toEqual([...MONDAYS, ...FRIDAYS].sort());
      expect(await sessionRows(t.dataSource, { activityId: ended.id })).toEqual([]);
      expect((await sessionRows(t.dataSource, { activityId: later.id })).map((s) => `${s.date} ${s.period}`)).toEqual([
        '2027-01-22 PM',
        '2027-01-25 AM',
        '2027-01-29 PM',
      ]);
    });

    it('is idempotent: a second run creates nothing', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);
      await service.runHorizonJob();
      const before = await sessionRows(t.dataSource);

      const second = await service.runHorizonJob();

      expect(second).toEqual({ ran: true, result: { created: 0, removed: 0, updated: 0, bookingsCreated: 0, keptWithAttendance: 0 } });
      expect(await sessionRows(t.dataSource)).toEqual(before);
    });

    it('two runs at once never duplicate: one skips (lock held) or finds nothing to do', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);
      await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);

      const outcomes = await Promise.all([service.runHorizonJob(), service.runHorizonJob()]);

      const created = outcomes.map((o) => (o.ran ? o.result.created : 0));
      expect(created.reduce((a, b) => a + b, 0)).toBe(28);
      expect(created.sort((a, b) => a - b)).toEqual([0, 28]);
      expect(await countRows(t.dataSource, ['session'])).toEqual({ session: 28 });
      const [{ dupes }] = await t.dataSource.query(
        `SELECT count(*)::int AS dupes FROM (SELECT 1 FROM "session" GROUP BY activity_id, date, period HAVING count(*) > 1) d`,
      );
      expect(dupes).toBe(0);
    });

    it('a week later extends the horizon by one week and leaves the past alone', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      const activity = await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);
      await service.runHorizonJob();
      const first = await sessionRows(t.dataSource, { activityId: activity.id });

      t.clock.set('2026-12-21T02:15:00');
      const next = await service.runHorizonJob();

      expect(next.ran && next.result).toMatchObject({ created: 2, removed: 0 });
      const rows = await sessionRows(t.dataSource, { activityId: activity.id });
      expect(rows.slice(0, first.length)).toEqual(first);
      expect(rows.slice(first.length).map((s) => s.date)).toEqual(['2027-02-08', '2027-02-12']);
    });

    it('books allocated prisoners onto the new sessions', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const activity = await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
      await createAllocationRow(t.dataSource, {
        prisonerId: prisoner.id,
        activityId: activity.id,
        prisonId: prison.id,
        startDate: TODAY,
        pattern: 'AM_ONLY',
      });

      const outcome = await service.runHorizonJob();

      expect(outcome.ran && outcome.result).toMatchObject({ created: 14, bookingsCreated: 8 });
      const rows = await sessionRows(t.dataSource, { activityId: activity.id });
      expect(rows.filter((s) => s.booked === 1).map((s) => s.date)).toEqual(MONDAYS);
    });

    // The nightly job and the start-up run use the chunked form (short transactions for the embedded
    // database): it must leave exactly what the one-transaction job leaves, in every prison.
    it('in chunks (prison by prison, week by week) makes the same sessions and bookings as in one transaction', async () => {
      for (const amStart of ['08:00', '07:30']) {
        const { prison, unit } = await createPrisonWithUnit(t.dataSource, { amStart });
        const workshop = await createActivity(t.dataSource, prison.id, { capacity: 4 }, MON_AM_FRI_PM);
        const school = await createActivity(t.dataSource, prison.id, {}, [{ weekday: 3, period: DayPeriod.PM }]);
        for (const [i, pattern] of (['ALL', 'AM_ONLY', 'PM_ONLY'] as const).entries()) {
          const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
          await createAllocationRow(t.dataSource, {
            prisonerId: prisoner.id,
            activityId: workshop.id,
            prisonId: prison.id,
            startDate: TODAY,
            pattern,
          });
          if (i === 0)
            await createAllocationRow(t.dataSource, {
              prisonerId: prisoner.id,
              activityId: school.id,
              prisonId: prison.id,
              startDate: '2027-01-04',
            });
        }
      }
      const snapshot = async () => ({
        sessions: (await sessionRows(t.dataSource, {}))
          .map((s) => `${s.activityId} ${s.date} ${s.period} ${s.startTime} booked=${s.booked}`)
          .sort(),
        bookings: (
          await t.dataSource.query<Array<{ k: string }>>(
            `SELECT s.activity_id || ' ' || s.date || ' ' || s.period || ' ' || b.prisoner_id AS k FROM booking b JOIN session s ON s.id = b.session_id ORDER BY 1`,
          )
        ).map((r) => r.k),
      });

      const chunked = await service.runHorizonJobInChunks();
      const afterChunks = await snapshot();
      await t.dataSource.query('DELETE FROM booking');
      await t.dataSource.query('DELETE FROM "session"');
      const single = await service.runHorizonJob();

      expect(single.ran && single.result).toEqual(chunked);
      expect(chunked.created).toBeGreaterThan(0);
      expect(chunked.bookingsCreated).toBeGreaterThan(0);
      expect(await snapshot()).toEqual(afterChunks);
    });
  });

  describe('cancel and un-cancel', () => {
    let prisonId: string;
    let sessionId: string;
    let officer: SignedIn;

    beforeEach(async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      prisonId = prison.id;
      const activity = await createActivity(t.dataSource, prison.id, {}, MON_AM_FRI_PM);
      sessionId = (await createSessionRow(t.dataSource, activity, { date: '2026-12-18', period: DayPeriod.PM })).id;
      officer = await signIn(t, [Role.OFFICER], [prison.id]);
    });

    it.each<[string, object, string]>([
      ['no reason', {}, 'reason'],
      ['an unknown reason', { reason: 'RAIN' }, 'reason'],
      ['OTHER without a note', { reason: 'OTHER' }, 'note'],
      ['OTHER with a blank note', { reason: 'OTHER', note: '   ' }, 'note'],
    ])('refuses %s (400) and leaves the session as it was', async (_name, body, field) => {
      const res = await officer.post(`/sessions/${sessionId}/cancel`).send(body).expect(400);
      expect(JSON.stringify(res.body.details)).toContain(field);
      expect((await sessionRows(t.dataSource, { ids: [sessionId] }))[0].cancellationReason).toBeNull();
    });

    it('cancels with a reason, refuses a second cancel (409), and un-cancels once (then 409)', async () => {
      const res = await officer.post(`/sessions/${sessionId}/cancel`).send({ reason: 'STAFF_UNAVAILABLE' }).expect(200);
      expect(res.body).toMatchObject({
        id: sessionId,
        prisonId,
        date: '2026-12-18',
        period: 'PM',
        startTime: '12:00',
        endTime: '15:00',
        capacity: 8,
        booked: 0,
        free: 8,
        cancelled: { reason: 'STAFF_UNAVAILABLE', note: null, at: t.clock.now().toUTC().toISO() },
      });
      const [row] = await t.dataSource.query(`SELECT cancelled_by_user_id AS "by" FROM "session" WHERE id = $1`, [sessionId]);
      expect(row.by).toBe(officer.userId);

      await officer.post(`/sessions/${sessionId}/cancel`).send({ reason: 'LOCKDOWN' }).expect(409);
      expect((await officer.get(`/sessions/${sessionId}`).expect(200)).body.cancelled.reason).toBe('STAFF_UNAVAILABLE');

      const undone = await officer.post(`/sessions/${sessionId}/uncancel`).expect(200);
      expect(undone.body.cancelled).toBeNull();
      const [cleared] = await t.dataSource.query(
        `SELECT cancelled_at, cancellation_reason, cancellation_note, cancelled_by_user_id FROM "session" WHERE id = $1`,
        [sessionId],
      );
      expect(cleared).toEqual({ cancelled_at: null, cancellation_reason: null, cancellation_note: null, cancelled_by_user_id: null });
      await officer.post(`/sessions/${sessionId}/uncancel`).expect(409);
    });

    it('a session with attendance recorded took place: cancelling it is refused (409), the attendance stays', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const officerThere = await signIn(t, [Role.OFFICER], [prison.id]);
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
      const held = await attend(t.dataSource, prisoner.id, await createRateActivity(t.dataSource, prison.id), '2026-11-20');
      const res = await officerThere.post(`/sessions/${held}/cancel`).send({ reason: 'LOCKDOWN' }).expect(409);
      expect(res.body).toMatchObject({
        message: expect.stringMatching(/Attendance is recorded for 1 prisoner/),
        details: { attendance: 1 },
      });
      expect((await sessionRows(t.dataSource, { ids: [held] }))[0].cancellationReason).toBeNull();
      expect(await countRows(t.dataSource, ['attendance'])).toEqual({ attendance: 1 });
    });

    it('OTHER keeps its note', async () => {
      const res = await officer
        .post(`/sessions/${sessionId}/cancel`)
        .send({ reason: 'OTHER', note: '  Fire drill in the workshop building ' })
        .expect(200);
      expect(res.body.cancelled).toMatchObject({ reason: 'OTHER', note: 'Fire drill in the workshop building' });
    });

    it("another prison's officer gets 404 for the session, its cancellation and un-cancellation; a teacher may not cancel", async () => {
      const { prison: other } = await createPrisonWithUnit(t.dataSource);
      const stranger = await signIn(t, [Role.OFFICER], [other.id]);
      await stranger.get(`/sessions/${sessionId}`).expect(404);
      await stranger.post(`/sessions/${sessionId}/cancel`).send({ reason: 'LOCKDOWN' }).expect(404);
      await stranger.post(`/sessions/${sessionId}/uncancel`).expect(404);
      await stranger.get(`/prisons/${prisonId}/sessions`).expect(404);
      const teacher = await signIn(t, [Role.TEACHER], [prisonId]);
      await teacher.post(`/sessions/${sessionId}/cancel`).send({ reason: 'LOCKDOWN' }).expect(403);
      expect((await sessionRows(t.dataSource, { ids: [sessionId] }))[0].cancellationReason).toBeNull();

      const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
      await admin.post(`/sessions/${sessionId}/cancel`).send({ reason: 'NOT_REQUIRED' }).expect(200);
      const manager = await signIn(t, [Role.MANAGER], [prisonId]);
      await manager.post(`/sessions/${sessionId}/uncancel`).expect(200);
    });
  });

  describe('reads', () => {
    it('lists this week by default with staff names and places; filters by activity; limits the range', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      const staff = await createStaffMember(t.dataSource, { prisonIds: [prison.id], firstName: 'Kari', lastName: 'Lærer' });
      const wood = await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted' }, [
        { weekday: 1, period: DayPeriod.AM, staffMemberId: staff.id },
      ]);
      const print = await createActivity(t.dataSource, prison.id, { name: 'Trykkeri' }, [{ weekday: 2, period: DayPeriod.PM }]);
      await service.runHorizonJob();
      const officer = await signIn(t, [Role.OFFICER], [prison.id]);

      const week = await officer.get(`/prisons/${prison.id}/sessions`).expect(200);
      expect(week.body).toEqual([
        expect.objectContaining({
          activityId: wood.id,
          activityName: 'Snekkerverksted',
          kind: 'WORK',
          date: '2026-12-14',
          period: 'AM',
          startTime: '08:00',
          endTime: '11:30',
          staffMember: { id: staff.id, name: 'Kari Lærer' },
          capacity: 8,
          booked: 0,
          free: 8,
          cancelled: null,
        }),
        expect.objectContaining({ activityId: print.id, date: '2026-12-15', period: 'PM', staffMember: null }),
      ]);

      const range = await officer.get(`/prisons/${prison.id}/sessions?from=2026-12-14&to=2027-01-03&activityId=${print.id}`).expect(200);
      expect(range.body.map((s: { date: string }) => s.date)).toEqual(['2026-12-15', '2026-12-22', '2026-12-29']);
      await officer.get(`/prisons/${prison.id}/sessions?from=2026-12-14&to=2027-02-13`).expect(200); // 62 days
      await officer.get(`/prisons/${prison.id}/sessions?from=2026-12-14&to=2027-02-14`).expect(400);
      await officer.get(`/prisons/${prison.id}/sessions?from=2026-12-20&to=2026-12-14`).expect(400);
      await officer.get(`/prisons/${prison.id}/sessions?from=14.12.2026`).expect(400);
    });

    it('a teacher sees only the sessions they run', async () => {
      const { prison } = await createPrisonWithUnit(t.dataSource);
      const teacher = await signIn(t, [Role.TEACHER], [prison.id]);
      const mine = await createActivity(t.dataSource, prison.id, { kind: ActivityKind.EDUCATION, name: 'Norsk' }, [
        { weekday: 1, period: DayPeriod.AM, staffMemberId: teacher.staffMemberId },
      ]);
      const theirs = await createActivity(t.dataSource, prison.id, { name: 'Vaskeri' }, [{ weekday: 1, period: DayPeriod.PM }]);
      await service.runHorizonJob();

      const list = await teacher.get(`/prisons/${prison.id}/sessions`).expect(200);
      expect(list.body.map((s: { activityId: string }) => s.activityId)).toEqual([mine.id]);
      const [own] = await sessionRows(t.dataSource, { activityId: mine.id });
      const [other] = await sessionRows(t.dataSource, { activityId: theirs.id });
      expect((await teacher.get(`/sessions/${own.id}`).expect(200)).body).toMatchObject({
        id: own.id,
        activityName: 'Norsk',
        kind: 'EDUCATION',
      });
      await teacher.get(`/sessions/${other.id}`).expect(404);

      const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
      expect((await admin.get(`/prisons/${prison.id}/sessions`).expect(200)).body).toHaveLength(2);
    });
  });
});
