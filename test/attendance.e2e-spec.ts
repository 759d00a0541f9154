import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { CancellationReason } from '../src/sessions/session.enums';
import {
  AttendanceSession,
  bookOnSession,
  cancelSession,
  createAttendanceSession,
  createHeldPrisoners,
} from './factories/attendance.factory';
import { createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// The clock is pinned to Monday 2026-11-23 10:00 (Oslo). The edit window is 7 days.
const FRIDAY = '2026-11-20';
const EIGHT_DAYS_AGO = '2026-11-15';
const SEVEN_DAYS_AGO = '2026-11-16';
const TOMORROW = '2026-11-24';

const TABLES = ['attendance', 'attendance_change'];

describe('attendance (e2e)', () => {
  let t: TestApp;
  let prisonId: string;
  let unitId: string;
  let unitName: string;
  let p: string[];
  let officer: SignedIn;
  let manager: SignedIn;
  let teacher: SignedIn;
  let admin: SignedIn;
  let outsider: SignedIn;

  const url = (s: { id: string }) => `/sessions/${s.id}/attendance`;

  async function bookedSession(
    date: string,
    values: { period?: DayPeriod; staffMemberId?: string | null; prisoners?: string[] } = {},
  ): Promise<AttendanceSession> {
    const s = await createAttendanceSession(t.dataSource, prisonId, { date, period: values.period, staffMemberId: values.staffMemberId });
    await bookOnSession(t.dataSource, s, values.prisoners ?? p);
    return s;
  }

  async function stored(sessionId: string) {
    return t.dataSource.query<
      Array<{
        prisoner_id: string;
        outcome: string;
        absence_reason: string | null;
        absence_note: string | null;
        comment: string;
        version: number;
      }>
    >(
      `SELECT prisoner_id, outcome, absence_reason, absence_note, comment, version FROM attendance WHERE session_id = $1 ORDER BY prisoner_id`,
      [sessionId],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    const ds = t.dataSource;
    const { prison, unit } = await createPrisonWithUnit(ds);
    const other = await createPrisonWithUnit(ds);
    prisonId = prison.id;
    unitId = unit.id;
    unitName = unit.name;
    // Named so that the roster order (by last name) is p[0], p[1], p[2].
    p = [];
    for (const lastName of ['Aas', 'Berg', 'Dahl']) p.push((await createHeldPrisoner(ds, { prisonId, unitId }, { lastName })).id);
    officer = await signIn(t, [Role.OFFICER], [prisonId]);
    manager = await signIn(t, [Role.MANAGER], [prisonId]);
    teacher = await signIn(t, [Role.TEACHER], [prisonId]);
    admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    outsider = await signIn(t, [Role.OFFICER, Role.MANAGER], [other.prison.id]);
  });

  it('shows every booked prisoner, unrecorded ones as NOT_RECORDED', async () => {
    const s = await bookedSession(FRIDAY);
    const res = await officer.get(url(s)).expect(200);
    expect(res.body).toMatchObject({
      sessionId: s.id,
      prisonId,
      date: FRIDAY,
      period: 'AM',
      startTime: '08:00',
      endTime: '11:30',
      cancelled: false,
      cancellationReason: null,
      attendanceRequired: true,
      outsideEditWindow: false,
      counts: { total: 3, attended: 0, absent: 0, notRecorded: 3 },
    });
    expect(res.body.entries.map((e: { prisonerId: string }) => e.prisonerId)).toEqual(p);
    expect(res.body.entries[0]).toEqual({
      prisonerId: p[0],
      prisonerNumber: expect.any(String),
      firstName: expect.any(String),
      lastName: 'Aas',
      legalStatus: 'CONVICTED',
      unitId,
      unitName,
      booked: true,
      status: 'NOT_RECORDED',
      absenceReason: null,
      absenceNote: null,
      comment: '',
      suggestedReason: null,
      unavailabilityKind: null,
      recordedByUserId: null,
      recordedAt: null,
      updatedAt: null,
      version: null,
    });
    // The roster read is audited (personal data).
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'attendance.read' AND subject_id = $1`,
      [s.id],
    );
    expect(n).toBe(1);
  });

  it('records a whole roster in one request and shows it back', async () => {
    const s = await bookedSession(FRIDAY);
    const res = await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED', comment: ' Godt arbeid ' },
          { prisonerId: p[1], outcome: 'ABSENT', absenceReason: 'SICK' },
          { prisonerId: p[2], outcome: 'ABSENT', absenceReason: 'OTHER', absenceNote: 'Brannøvelse på avdelingen' },
        ],
      })
      .expect(200);
    expect(res.body).toEqual({
      sessionId: s.id,
      prisonId,
      created: 3,
      changed: 0,
      unchanged: 0,
      counts: { total: 3, attended: 1, absent: 2, notRecorded: 0 },
    });
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 3, attendance_change: 0 });

    const roster = (await officer.get(url(s)).expect(200)).body;
    expect(
      roster.entries.map((e: Record<string, unknown>) => [
        e.status,
        e.absenceReason,
        e.absenceNote,
        e.comment,
        e.recordedByUserId,
        e.version,
      ]),
    ).toEqual([
      ['ATTENDED', null, null, 'Godt arbeid', officer.userId, 1],
      ['ABSENT', 'SICK', null, '', officer.userId, 1],
      ['ABSENT', 'OTHER', 'Brannøvelse på avdelingen', '', officer.userId, 1],
    ]);
    const [row] = await t.dataSource.query(`SELECT prison_id, date::text AS date, period FROM attendance WHERE prisoner_id = $1`, [p[0]]);
    expect(row).toEqual({ prison_id: prisonId, date: FRIDAY, period: 'AM' });
  });

  it('records part of the roster and leaves the rest NOT_RECORDED', async () => {
    const s = await bookedSession(FRIDAY);
    await officer
      .put(url(s))
      .send({ records: [{ prisonerId: p[1], outcome: 'ATTENDED' }] })
      .expect(200);
    const roster = (await officer.get(url(s)).expect(200)).body;
    expect(roster.entries.map((e: { status: string }) => e.status)).toEqual(['NOT_RECORDED', 'ATTENDED', 'NOT_RECORDED']);
    expect(roster.counts).toEqual({ total: 3, attended: 1, absent: 0, notRecorded: 2 });
  });

  it('rejects the whole batch on invalid rows, with per-row errors, and writes nothing', async () => {
    const s = await bookedSession(FRIDAY);
    const res = await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED' },
          { prisonerId: p[1], outcome: 'ABSENT' },
          { prisonerId: p[2], outcome: 'ABSENT', absenceReason: 'OTHER', absenceNote: '   ' },
          { prisonerId: p[0], outcome: 'ATTENDED' },
        ],
      })
      .expect(400);
    expect(res.body.details).toEqual([
      { index: 1, prisonerId: p[1], messages: ['an absence needs an absenceReason'] },
      { index: 2, prisonerId: p[2], messages: ['absenceReason OTHER needs an absenceNote saying what happened'] },
      { index: 3, prisonerId: p[0], messages: ['prisoner appears more than once in the batch (first at index 0)'] },
    ]);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 0, attendance_change: 0 });
  });

  it('rejects a batch naming a prisoner not on the roster (422, per row), writing nothing', async () => {
    const s = await bookedSession(FRIDAY, { prisoners: [p[0], p[1]] });
    const res = await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED' },
          { prisonerId: p[2], outcome: 'ATTENDED' },
        ],
      })
      .expect(422);
    expect(res.body.details).toEqual([{ index: 1, prisonerId: p[2], messages: ['prisoner is not booked on this session'] }]);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 0, attendance_change: 0 });
  });

  it('refuses bad field values before anything runs (400)', async () => {
    const s = await bookedSession(FRIDAY);
    const res = await officer
      .put(url(s))
      .send({ records: [{ prisonerId: 'nope', outcome: 'MAYBE' }] })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['records.0.outcome', 'records.0.prisonerId']);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 0, attendance_change: 0 });
  });

  it('cannot record the future (422); today is fine', async () => {
    const future = await bookedSession(TOMORROW);
    const res = await officer
      .put(url(future))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(422);
    expect(res.body.message).toMatch(/future/);
    expect((await officer.get(url(future)).expect(200)).body.attendanceRequired).toBe(false);
    const today = await bookedSession('2026-11-23', { period: DayPeriod.PM });
    await officer
      .put(url(today))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 1, attendance_change: 0 });
  });

  it('keeps history on edit: who, when, old → new; an identical resend changes nothing', async () => {
    const s = await bookedSession(FRIDAY);
    await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED' },
          { prisonerId: p[1], outcome: 'ATTENDED' },
        ],
      })
      .expect(200);
    const res = await manager
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ABSENT', absenceReason: 'REFUSED' },
          { prisonerId: p[1], outcome: 'ATTENDED' },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ created: 0, changed: 1, unchanged: 1 });

    const history = await t.dataSource.query(
      `SELECT prisoner_id, session_id, changed_by_user_id, old_outcome, old_absence_reason, new_outcome, new_absence_reason, reason, changed_at IS NOT NULL AS has_time
         FROM attendance_change`,
    );
    expect(history).toEqual([
      {
        prisoner_id: p[0],
        session_id: s.id,
        changed_by_user_id: manager.userId,
        old_outcome: 'ATTENDED',
        old_absence_reason: null,
        new_outcome: 'ABSENT',
        new_absence_reason: 'REFUSED',
        reason: null,
        has_time: true,
      },
    ]);
    expect((await stored(s.id)).find((r) => r.prisoner_id === p[0])).toMatchObject({
      outcome: 'ABSENT',
      absence_reason: 'REFUSED',
      version: 2,
    });

    // Last write wins, and the history shows both edits.
    await officer
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);
    const chain = await t.dataSource.query(
      `SELECT old_outcome, new_outcome, changed_by_user_id FROM attendance_change WHERE prisoner_id = $1 ORDER BY changed_at, new_outcome DESC`,
      [p[0]],
    );
    expect(chain).toEqual([
      { old_outcome: 'ATTENDED', new_outcome: 'ABSENT', changed_by_user_id: manager.userId },
      { old_outcome: 'ABSENT', new_outcome: 'ATTENDED', changed_by_user_id: officer.userId },
    ]);

    const again = await officer
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 1 });
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 2, attendance_change: 2 });
  });

  it('two officers on one register: a batch sent with the versions it read cannot overwrite what the other recorded since (409, nothing written)', async () => {
    const s = await bookedSession(FRIDAY);
    // Both read the roster while nothing is recorded.
    const read = await officer.get(url(s)).expect(200);
    const asRead = new Map(read.body.entries.map((e: { prisonerId: string; version: number | null }) => [e.prisonerId, e.version]));
    expect([...asRead.values()]).toEqual([null, null, null]);
    // The second officer records Berg absent (sick).
    const other = await signIn(t, [Role.OFFICER], [prisonId]);
    await other
      .put(url(s))
      .send({ records: [{ prisonerId: p[1], outcome: 'ABSENT', absenceReason: 'SICK', expectedVersion: null }] })
      .expect(200);
    // The first marks everyone attended from the roster they read: refused, naming Berg; nothing written.
    const everyone = p.map((id) => ({ prisonerId: id, outcome: 'ATTENDED', expectedVersion: asRead.get(id) }));
    const refused = await officer.put(url(s)).send({ records: everyone }).expect(409);
    expect(refused.body.message).toMatch(/after the roster was read; nothing was recorded/);
    expect(refused.body.details).toEqual([{ index: 1, prisonerId: p[1], messages: [expect.stringContaining('changed by someone else')] }]);
    expect(await stored(s.id)).toEqual([
      expect.objectContaining({ prisoner_id: p[1], outcome: 'ABSENT', absence_reason: 'SICK', version: 1 }),
    ]);
    // Read again: Berg's record (version 1) is now known, and the batch goes through as chosen.
    const reread = await officer.get(url(s)).expect(200);
    const berg = reread.body.entries.find((e: { prisonerId: string }) => e.prisonerId === p[1]);
    expect(berg).toMatchObject({ status: 'ABSENT', absenceReason: 'SICK', version: 1 });
    const saved = await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED', expectedVersion: null },
          { prisonerId: p[1], outcome: 'ABSENT', absenceReason: 'SICK', expectedVersion: 1 },
          { prisonerId: p[2], outcome: 'ATTENDED', expectedVersion: null },
        ],
      })
      .expect(200);
    expect(saved.body).toMatchObject({ created: 2, changed: 0, unchanged: 1 });
    // The same values someone else already stored are no conflict; without expectedVersion the last write wins as before.
    await other
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED', expectedVersion: null }] })
      .expect(200);
    await other
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ABSENT', absenceReason: 'REFUSED' }] })
      .expect(200);
    await officer
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED', expectedVersion: 0 }] })
      .expect(400);
  });

  it('edit window: an officer cannot change an 8-day-old record; a manager can, with a reason', async () => {
    const old = await bookedSession(EIGHT_DAYS_AGO);
    // First recording of an old session is allowed (nothing is changed).
    await officer
      .put(url(old))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);
    expect((await officer.get(url(old)).expect(200)).body.outsideEditWindow).toBe(true);

    const change = { records: [{ prisonerId: p[0], outcome: 'ABSENT', absenceReason: 'SICK' }] };
    const refused = await officer
      .put(url(old))
      .send({ ...change, changeReason: 'Feilregistrert' })
      .expect(403);
    expect(refused.body.message).toBe('Attendance older than 7 days can only be changed by a manager (with a changeReason)');
    const noReason = await manager
      .put(url(old))
      .send({ ...change, changeReason: '  ' })
      .expect(422);
    expect(noReason.body.message).toBe('Changing attendance older than 7 days needs a changeReason');
    expect(await stored(old.id)).toMatchObject([{ outcome: 'ATTENDED', version: 1 }]);
    expect(await countRows(t.dataSource, ['attendance_change'])).toEqual({ attendance_change: 0 });

    await manager
      .put(url(old))
      .send({ ...change, changeReason: 'Legen bekreftet sykdom' })
      .expect(200);
    expect(await stored(old.id)).toMatchObject([{ outcome: 'ABSENT', absence_reason: 'SICK', version: 2 }]);
    expect(await t.dataSource.query(`SELECT reason, changed_by_user_id FROM attendance_change`)).toEqual([
      { reason: 'Legen bekreftet sykdom', changed_by_user_id: manager.userId },
    ]);

    // Resending the unchanged old record is not an edit: no manager needed.
    await officer.put(url(old)).send(change).expect(200);

    // Seven days old is still inside the window.
    const recent = await bookedSession(SEVEN_DAYS_AGO);
    await officer
      .put(url(recent))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);
    await officer.put(url(recent)).send(change).expect(200);
  });

  it('a teacher sees only their own sessions, with teacher-safe fields only, and can record them', async () => {
    const own = await bookedSession(FRIDAY, { staffMemberId: teacher.staffMemberId });
    const others = await bookedSession(FRIDAY, { period: DayPeriod.PM, staffMemberId: officer.staffMemberId, prisoners: [p[0]] });

    const res = await teacher.get(url(own)).expect(200);
    // Attendance in the teachers' vocabulary only: no absence reason, note or comment (docs/teachers.md).
    expect(Object.keys(res.body.entries[0]).sort()).toEqual(
      [
        'educationLevel',
        'educationRight',
        'firstName',
        'lastName',
        'prisonerId',
        'prisonerNumber',
        'status',
        'suggestedStatus',
        'unitName',
      ].sort(),
    );
    expect(res.body.entries[0]).toMatchObject({
      lastName: 'Aas',
      unitName,
      educationLevel: 'LOWER_SECONDARY',
      educationRight: 'ADULT',
      status: 'NOT_RECORDED',
    });
    await teacher
      .put(url(own))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(200);

    await teacher.get(url(others)).expect(404);
    await teacher
      .put(url(others))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(404);
    // Officers of the prison see the full line.
    expect(Object.keys((await officer.get(url(own)).expect(200)).body.entries[0])).toEqual(
      expect.arrayContaining(['legalStatus', 'unitId', 'recordedByUserId']),
    );
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 1, attendance_change: 0 });
  });

  it('a cancelled session shows as cancelled, suggests nothing and cannot be recorded', async () => {
    const s = await bookedSession(FRIDAY);
    await createUnavailability(t.dataSource, p[0], { kind: UnavailabilityKind.COURT, fromDate: FRIDAY });
    await cancelSession(t.dataSource, s.id, CancellationReason.STAFF_UNAVAILABLE);
    const roster = (await officer.get(url(s)).expect(200)).body;
    expect(roster).toMatchObject({ cancelled: true, cancellationReason: 'STAFF_UNAVAILABLE', attendanceRequired: false });
    expect(roster.entries.map((e: { suggestedReason: string | null; status: string }) => [e.status, e.suggestedReason])).toEqual([
      ['NOT_RECORDED', null],
      ['NOT_RECORDED', null],
      ['NOT_RECORDED', null],
    ]);
    const res = await officer
      .put(url(s))
      .send({ records: [{ prisonerId: p[1], outcome: 'ATTENDED' }] })
      .expect(422);
    expect(res.body.message).toMatch(/cancelled/);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 0, attendance_change: 0 });
  });

  it('pre-fills the reason from an unavailability overlapping the half-day', async () => {
    const extra = (await createHeldPrisoner(t.dataSource, { prisonId, unitId }, { lastName: 'Eik' })).id;
    const s = await bookedSession(FRIDAY, { prisoners: [...p, extra], staffMemberId: teacher.staffMemberId });
    // Whole day in court; a health appointment in the afternoon only (not this AM session); a visit 10:00–11:00.
    await createUnavailability(t.dataSource, p[0], { kind: UnavailabilityKind.COURT, fromDate: '2026-11-19', toDate: '2026-11-21' });
    await createUnavailability(t.dataSource, p[1], { kind: UnavailabilityKind.HEALTH_APPOINTMENT, fromDate: FRIDAY, period: DayPeriod.PM });
    await createUnavailability(t.dataSource, p[2], {
      kind: UnavailabilityKind.VISIT,
      fromDate: FRIDAY,
      startTime: '10:00',
      endTime: '11:00',
    });
    await createUnavailability(t.dataSource, extra, {
      kind: UnavailabilityKind.OTHER,
      fromDate: FRIDAY,
      period: DayPeriod.AM,
      note: 'Flytting av celle',
    });
    const roster = (await officer.get(url(s)).expect(200)).body;
    expect(
      roster.entries.map((e: { suggestedReason: string | null; unavailabilityKind: string | null }) => [
        e.suggestedReason,
        e.unavailabilityKind,
      ]),
    ).toEqual([
      ['COURT', 'COURT'],
      [null, null],
      ['VISIT', 'VISIT'],
      ['OTHER_CLASH', 'OTHER'],
    ]);
    // The class's teacher learns only that someone is expected elsewhere, not that it is court or a visit.
    const forTeacher = (await teacher.get(url(s)).expect(200)).body;
    expect(forTeacher.entries.map((e: { suggestedStatus: string | null }) => e.suggestedStatus)).toEqual([
      'ABSENT_EXCUSED',
      null,
      'ABSENT_EXCUSED',
      'ABSENT_EXCUSED',
    ]);
  });

  it('saves a 400-prisoner roster in one request', async () => {
    const ids = await createHeldPrisoners(t.dataSource, { prisonId, unitId }, 400);
    const s = await createAttendanceSession(t.dataSource, prisonId, { date: FRIDAY, capacity: 400 });
    await bookOnSession(t.dataSource, s, ids);
    const records = ids.map((prisonerId, i) =>
      i % 4 === 0 ? { prisonerId, outcome: 'ABSENT', absenceReason: 'SICK' } : { prisonerId, outcome: 'ATTENDED' },
    );
    const res = await officer.put(url(s)).send({ records }).expect(200);
    expect(res.body).toMatchObject({
      created: 400,
      changed: 0,
      unchanged: 0,
      counts: { total: 400, attended: 300, absent: 100, notRecorded: 0 },
    });
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 400, attendance_change: 0 });

    const flipped = ids.map((prisonerId) => ({ prisonerId, outcome: 'ABSENT', absenceReason: 'NOT_REQUIRED' }));
    const again = await officer.put(url(s)).send({ records: flipped }).expect(200);
    expect(again.body).toMatchObject({
      created: 0,
      changed: 400,
      unchanged: 0,
      counts: { total: 400, attended: 0, absent: 400, notRecorded: 0 },
    });
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 400, attendance_change: 400 });
    expect((await officer.get(url(s)).expect(200)).body.entries).toHaveLength(400);
  });

  it('refreshes the prisoner-days of a past session in the same request', async () => {
    const s = await bookedSession(FRIDAY);
    await officer
      .put(url(s))
      .send({
        records: [
          { prisonerId: p[0], outcome: 'ATTENDED' },
          { prisonerId: p[1], outcome: 'ABSENT', absenceReason: 'REFUSED' },
        ],
      })
      .expect(200);
    const days = await t.dataSource.query(
      `SELECT prisoner_id, realised_active, reason, absence_reason FROM prisoner_day WHERE date = $1 ORDER BY prisoner_id`,
      [FRIDAY],
    );
    expect(days).toEqual(
      expect.arrayContaining([
        { prisoner_id: p[0], realised_active: true, reason: null, absence_reason: null },
        { prisoner_id: p[1], realised_active: false, reason: 'ABSENT', absence_reason: 'REFUSED' },
      ]),
    );
  });

  it('answers 404 for another prison, for officers, managers and teachers alike', async () => {
    const s = await bookedSession(FRIDAY);
    const otherTeacher = await signIn(t, [Role.TEACHER], [(await createPrisonWithUnit(t.dataSource)).prison.id]);
    await t.dataSource.query(`UPDATE "session" SET staff_member_id = $2 WHERE id = $1`, [s.id, otherTeacher.staffMemberId]);
    await otherTeacher.get(url(s)).expect(404);
    await outsider.get(url(s)).expect(404);
    await outsider
      .put(url(s))
      .send({ records: [{ prisonerId: p[0], outcome: 'ATTENDED' }] })
      .expect(404);
    await officer.get(`/sessions/00000000-0000-4000-8000-000000000000/attendance`).expect(404);
    await admin.get(url(s)).expect(200);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ attendance: 0, attendance_change: 0 });
  });
});
