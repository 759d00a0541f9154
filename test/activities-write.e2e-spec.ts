import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { SessionsService } from '../src/sessions/sessions.service';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createAllocationRow, createSessionRow, sessionRows } from './factories/session.factory';
import { createStaffMember } from './factories/staff.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Monday 14 December 2026; the horizon runs to Sunday 7 February 2027.
const TODAY = '2026-12-14';
const TABLES = ['activity', 'activity_slot', 'session', 'booking'];
const TUESDAYS = ['2026-12-15', '2026-12-22', '2026-12-29', '2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26', '2027-02-02'];
const FUTURE_FRIDAYS = ['2026-12-18', '2027-01-08', '2027-01-15', '2027-01-22', '2027-01-29', '2027-02-05']; // not 25 Dec, 1 Jan

const validBody = (over: Record<string, unknown> = {}) => ({
  kind: 'WORK',
  category: 'METAL',
  name: 'Mekanisk verksted',
  capacity: 6,
  provider: 'CORRECTIONAL_SERVICE',
  securityLevels: ['HIGH'],
  slots: [
    { weekday: 2, period: 'AM' },
    { weekday: 5, period: 'PM', startTime: '12:30', endTime: '14:30' },
  ],
  ...over,
});

describe('activities: create, change and re-slot, with their sessions', () => {
  let t: TestApp;
  let prisonId: string;
  let unitId: string;
  let officer: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ now: `${TODAY}T10:00:00` });
  });
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    prisonId = prison.id;
    unitId = unit.id;
    officer = await signIn(t, [Role.OFFICER], [prisonId]);
  });
  afterAll(() => t.close());

  describe('POST /prisons/:prisonId/activities', () => {
    it('creates the activity, its slots and its sessions to the horizon end', async () => {
      const staff = await createStaffMember(t.dataSource, { prisonIds: [prisonId] });
      const body = validBody({
        slots: [
          { weekday: 2, period: 'AM', staffMemberId: staff.id },
          { weekday: 5, period: 'PM', startTime: '12:30', endTime: '14:30' },
        ],
      });
      const res = await officer.post(`/prisons/${prisonId}/activities`).send(body).expect(201);

      expect(res.body).toMatchObject({
        prisonId,
        kind: 'WORK',
        name: 'Mekanisk verksted',
        capacity: 6,
        startDate: TODAY,
        endDate: null,
        requiresReferral: false,
        runsOnPublicHolidays: false,
        slots: [
          { weekday: 2, period: 'AM', startTime: null, endTime: null, staffMemberId: staff.id },
          { weekday: 5, period: 'PM', startTime: '12:30', endTime: '14:30', staffMemberId: null },
        ],
        sessions: { created: 14, removed: 0, updated: 0, bookingsCreated: 0, keptWithAttendance: 0 },
      });
      const rows = await sessionRows(t.dataSource, { activityId: res.body.id });
      expect(rows.map((s) => `${s.date} ${s.period} ${s.startTime}-${s.endTime} ${s.capacity}`)).toEqual(
        [...TUESDAYS.map((d) => `${d} AM 08:00-11:30 6`), ...FUTURE_FRIDAYS.map((d) => `${d} PM 12:30-14:30 6`)].sort(),
      );
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'two slots on the same half-day',
        {
          slots: [
            { weekday: 2, period: 'AM' },
            { weekday: 2, period: 'AM' },
          ],
        },
        'slots.1',
      ],
      ['a Saturday slot', { slots: [{ weekday: 6, period: 'AM' }] }, 'slots.0.weekday'],
      ['only a start time', { slots: [{ weekday: 2, period: 'AM', startTime: '09:00' }] }, 'slots.0'],
      ['times backwards', { slots: [{ weekday: 2, period: 'AM', startTime: '10:00', endTime: '09:00' }] }, 'slots.0.endTime'],
      ['a bad time', { slots: [{ weekday: 2, period: 'AM', startTime: '9', endTime: '10:00' }] }, 'slots.0.startTime'],
      ['maxAge below minAge', { minAge: 30, maxAge: 20 }, 'maxAge'],
      ['an end before the start', { startDate: '2027-01-10', endDate: '2027-01-01' }, 'endDate'],
      ['no name', { name: '  ' }, 'name'],
      ['no security level', { securityLevels: [] }, 'securityLevels'],
      ['a zero capacity', { capacity: 0 }, 'capacity'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('refuses %s (400) and writes nothing', async (_name, over, field) => {
      const before = await countRows(t.dataSource, TABLES);
      const res = await officer.post(`/prisons/${prisonId}/activities`).send(validBody(over)).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await countRows(t.dataSource, TABLES)).toEqual(before);
    });

    it('refuses a staff member who does not serve the prison (400), naming the slot', async () => {
      const { prison: other } = await createPrisonWithUnit(t.dataSource);
      const elsewhere = await createStaffMember(t.dataSource, { prisonIds: [other.id] });
      const before = await countRows(t.dataSource, TABLES);
      const res = await officer
        .post(`/prisons/${prisonId}/activities`)
        .send(
          validBody({
            slots: [
              { weekday: 1, period: 'AM' },
              { weekday: 2, period: 'AM', staffMemberId: elsewhere.id },
            ],
          }),
        )
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'slots.1.staffMemberId', messages: [expect.stringContaining('does not serve this prison')] },
      ]);
      expect(await countRows(t.dataSource, TABLES)).toEqual(before);
    });

    it("another prison's officer gets 404, a teacher 403, and nothing is written", async () => {
      const { prison: other } = await createPrisonWithUnit(t.dataSource);
      const stranger = await signIn(t, [Role.OFFICER], [other.id]);
      const teacher = await signIn(t, [Role.TEACHER], [prisonId]);
      const before = await countRows(t.dataSource, TABLES);
      await stranger.post(`/prisons/${prisonId}/activities`).send(validBody()).expect(404);
      await teacher.post(`/prisons/${prisonId}/activities`).send(validBody()).expect(403);
      expect(await countRows(t.dataSource, TABLES)).toEqual(before);
      const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
      await admin.post(`/prisons/${prisonId}/activities`).send(validBody()).expect(201);
    });
  });

  describe('PATCH /activities/:id', () => {
    it('changes capacity and names on future sessions only; an end date removes later sessions; holidays can be switched on', async () => {
      const activity = await createActivity(t.dataSource, prisonId, { capacity: 8 }, [{ weekday: 5, period: DayPeriod.PM }]);
      await t.app.get(SessionsService).runHorizonJob();
      const past = await createSessionRow(t.dataSource, activity, {
        date: '2026-12-11',
        period: DayPeriod.PM,
        slotId: activity.slots[0].id,
        capacity: 8,
      });

      const res = await officer
        .patch(`/activities/${activity.id}`)
        .send({ capacity: 10, name: 'Vaskeri', runsOnPublicHolidays: true, endDate: '2027-01-15' })
        .expect(200);

      expect(res.body).toMatchObject({ name: 'Vaskeri', capacity: 10, runsOnPublicHolidays: true, endDate: '2027-01-15' });
      // Fridays 18 Dec, 25 Dec (now a running day), 1 Jan, 8 Jan, 15 Jan; 22 Jan onwards removed.
      expect(res.body.sessions).toEqual({ created: 2, removed: 3, updated: 3, bookingsCreated: 0, keptWithAttendance: 0 });
      const rows = await sessionRows(t.dataSource, { activityId: activity.id });
      expect(rows.map((s) => `${s.date} ${s.capacity}`)).toEqual([
        '2026-12-11 8',
        '2026-12-18 10',
        '2026-12-25 10',
        '2027-01-01 10',
        '2027-01-08 10',
        '2027-01-15 10',
      ]);
      expect(rows[0]).toEqual(past);
    });

    it('refuses a capacity below what a future session has booked (409, naming it) and changes nothing', async () => {
      const activity = await createActivity(t.dataSource, prisonId, { capacity: 3 }, [{ weekday: 1, period: DayPeriod.AM }]);
      for (let i = 0; i < 2; i++) {
        const prisoner = await createHeldPrisoner(t.dataSource, { prisonId, unitId });
        await createAllocationRow(t.dataSource, {
          prisonerId: prisoner.id,
          activityId: activity.id,
          prisonId,
          startDate: '2027-01-04',
          endDate: '2027-01-04',
        });
      }
      await t.app.get(SessionsService).runHorizonJob();
      const before = await sessionRows(t.dataSource, { activityId: activity.id });
      const full = before.find((s) => s.date === '2027-01-04');
      expect(full?.booked).toBe(2);

      const res = await officer.patch(`/activities/${activity.id}`).send({ capacity: 1, name: 'Ny' }).expect(409);

      expect(res.body.details).toEqual({ sessions: [{ id: full?.id, date: '2027-01-04', period: 'AM', booked: 2 }] });
      expect(await sessionRows(t.dataSource, { activityId: activity.id })).toEqual(before);
      expect((await officer.get(`/activities/${activity.id}`).expect(200)).body).toMatchObject({ capacity: 3, name: activity.name });
      await officer.patch(`/activities/${activity.id}`).send({ capacity: 2 }).expect(200);
    });

    it('refuses nulls for required fields and bad date order (400); another prison gets 404', async () => {
      const activity = await createActivity(t.dataSource, prisonId, { startDate: '2026-01-01' }, []);
      await officer.patch(`/activities/${activity.id}`).send({ name: null }).expect(400);
      await officer.patch(`/activities/${activity.id}`).send({ kind: 'EDUCATION' }).expect(400);
      const res = await officer.patch(`/activities/${activity.id}`).send({ endDate: '2025-12-31' }).expect(400);
      expect(res.body.details[0].field).toBe('endDate');
      const { prison: other } = await createPrisonWithUnit(t.dataSource);
      const stranger = await signIn(t, [Role.MANAGER], [other.id]);
      await stranger.patch(`/activities/${activity.id}`).send({ name: 'Mine now' }).expect(404);
      expect((await officer.get(`/activities/${activity.id}`).expect(200)).body.name).toBe(activity.name);
    });
  });

  describe('PUT /activities/:id/slots', () => {
    it('regenerates future sessions, keeps today, the past, cancellations and rosters of unchanged slots', async () => {
      const staff = await createStaffMember(t.dataSource, { prisonIds: [prisonId] });
      const activity = await createActivity(t.dataSource, prisonId, {}, [
        { weekday: 1, period: DayPeriod.AM },
        { weekday: 5, period: DayPeriod.PM },
      ]);
      const monSlot = activity.slots.find((s) => s.weekday === 1)!;
      const friSlot = activity.slots.find((s) => s.weekday === 5)!;
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId, unitId });
      await createAllocationRow(t.dataSource, { prisonerId: prisoner.id, activityId: activity.id, prisonId, startDate: TODAY });
      await t.app.get(SessionsService).runHorizonJob();
      const past = await createSessionRow(t.dataSource, activity, { date: '2026-12-07', period: DayPeriod.AM, slotId: monSlot.id });
      const todaySession = (await sessionRows(t.dataSource, { activityId: activity.id })).find((s) => s.date === TODAY)!;
      expect(todaySession).toMatchObject({ date: TODAY, period: 'AM', booked: 1 });
      const friday = (await sessionRows(t.dataSource, { activityId: activity.id })).find((s) => s.date === '2027-01-08')!;
      await officer.post(`/sessions/${friday.id}/cancel`).send({ reason: 'STAFF_TRAINING' }).expect(200);

      // Monday mornings become Tuesday mornings; Friday afternoons get a staff member.
      const res = await officer
        .put(`/activities/${activity.id}/slots`)
        .send({
          slots: [
            { weekday: 2, period: 'AM' },
            { weekday: 5, period: 'PM', staffMemberId: staff.id },
          ],
        })
        .expect(200);

      // 7 future Mondays removed (today's stays), 8 Tuesdays created, 6 Fridays re-staffed; the prisoner is booked on Tuesdays.
      expect(res.body.sessions).toEqual({ created: 8, removed: 7, updated: 6, bookingsCreated: 8, keptWithAttendance: 0 });
      expect(
        res.body.slots.map(
          (s: { weekday: number; period: string; staffMemberId: string | null }) => `${s.weekday} ${s.period} ${s.staffMemberId}`,
        ),
      ).toEqual(['2 AM null', `5 PM ${staff.id}`]);
      expect(res.body.slots.find((s: { weekday: number }) => s.weekday === 5).id).toBe(friSlot.id);

      const rows = await sessionRows(t.dataSource, { activityId: activity.id });
      // The past session and today's lose their (deleted) slot but are otherwise intact.
      expect(rows.find((s) => s.id === past.id)).toEqual({ ...past, slotId: null });
      expect(rows.find((s) => s.id === todaySession.id)).toEqual({ ...todaySession, slotId: null });
      expect(rows.filter((s) => s.period === 'AM' && s.date > TODAY).map((s) => s.date)).toEqual(TUESDAYS);
      const fridays = rows.filter((s) => s.period === 'PM');
      expect(fridays.map((s) => s.date)).toEqual(FUTURE_FRIDAYS);
      expect(fridays.every((s) => s.staffMemberId === staff.id && s.slotId === friSlot.id && s.booked === 1)).toBe(true);
      expect(fridays.find((s) => s.id === friday.id)?.cancellationReason).toBe('STAFF_TRAINING');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM booking WHERE prisoner_id = $1 AND period = 'AM'`, [
        prisoner.id,
      ]);
      expect(n).toBe(1 + 8); // today's Monday + the Tuesdays
    });

    it('refuses duplicates and foreign staff (400) and changes nothing', async () => {
      const activity = await createActivity(t.dataSource, prisonId, {}, [{ weekday: 1, period: DayPeriod.AM }]);
      await t.app.get(SessionsService).runHorizonJob();
      const before = { counts: await countRows(t.dataSource, TABLES), sessions: await sessionRows(t.dataSource) };
      await officer
        .put(`/activities/${activity.id}/slots`)
        .send({
          slots: [
            { weekday: 3, period: 'PM' },
            { weekday: 3, period: 'PM' },
          ],
        })
        .expect(400);
      await officer
        .put(`/activities/${activity.id}/slots`)
        .send({ slots: [{ weekday: 3, period: 'PM', staffMemberId: '00000000-0000-4000-8000-000000000000' }] })
        .expect(400);
      await officer
        .put(`/activities/${activity.id}/slots`)
        .send([{ weekday: 3, period: 'PM' }])
        .expect(400);
      expect({ counts: await countRows(t.dataSource, TABLES), sessions: await sessionRows(t.dataSource) }).toEqual(before);
    });

    it('keeps a future session of a removed slot when attendance is recorded on it', async () => {
      const activity = await createActivity(t.dataSource, prisonId, {}, [{ weekday: 3, period: DayPeriod.AM }]);
      await t.app.get(SessionsService).runHorizonJob();
      const [first] = await sessionRows(t.dataSource, { activityId: activity.id });
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId, unitId });
      await t.dataSource.query(
        `INSERT INTO attendance (session_id, prisoner_id, prison_id, date, period, outcome) VALUES ($1, $2, $3, $4, 'AM', 'ATTENDED')`,
        [first.id, prisoner.id, prisonId, first.date],
      );

      const res = await officer.put(`/activities/${activity.id}/slots`).send({ slots: [] }).expect(200);

      expect(res.body.sessions).toEqual({ created: 0, removed: 7, updated: 0, bookingsCreated: 0, keptWithAttendance: 1 });
      expect(await sessionRows(t.dataSource, { activityId: activity.id })).toEqual([{ ...first, slotId: null }]);
    });

    it('an empty timetable removes every future session', async () => {
      const activity = await createActivity(t.dataSource, prisonId, {}, [{ weekday: 3, period: DayPeriod.AM }]);
      await t.app.get(SessionsService).runHorizonJob();
      const res = await officer.put(`/activities/${activity.id}/slots`).send({ slots: [] }).expect(200);
      expect(res.body).toMatchObject({ slots: [], sessions: { created: 0, removed: 8 } });
      expect(await sessionRows(t.dataSource, { activityId: activity.id })).toEqual([]);
    });
  });
});
