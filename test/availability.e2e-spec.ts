import { Role } from '../src/auth/roles';
import { createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('prisoner unavailability', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  async function world() {
    const a = await createPrisonWithUnit(t.dataSource, { name: 'A fengsel' });
    const b = await createPrisonWithUnit(t.dataSource, { name: 'B fengsel' });
    const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id });
    const elsewhere = await createHeldPrisoner(t.dataSource, { prisonId: b.prison.id, unitId: b.unit.id });
    const officer = await signIn(t, [Role.OFFICER], [a.prison.id]);
    return { a, b, prisoner, elsewhere, officer };
  }

  const dbRows = () =>
    t.dataSource.query(
      `SELECT kind, to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate", period,
              to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime", note, created_by_user_id AS "createdByUserId"
         FROM unavailability ORDER BY from_date, created_at`,
    );

  it('records a whole day (toDate defaults to fromDate), a half-day range and a time range', async () => {
    const w = await world();
    const court = await w.officer
      .post(`/prisoners/${w.prisoner.id}/unavailability`)
      .send({ kind: 'COURT', fromDate: '2026-11-24' })
      .expect(201);
    expect(court.body).toEqual({
      id: expect.any(String),
      prisonerId: w.prisoner.id,
      kind: 'COURT',
      fromDate: '2026-11-24',
      toDate: '2026-11-24',
      period: null,
      startTime: null,
      endTime: null,
      note: '',
      createdByUserId: w.officer.userId,
      createdAt: '2026-11-23T09:00:00.000Z',
    });
    const leave = await w.officer
      .post(`/prisoners/${w.prisoner.id}/unavailability`)
      .send({ kind: 'LEAVE', fromDate: '2026-11-25', toDate: '2026-11-27', period: 'PM', note: '  Permisjon  ' })
      .expect(201);
    expect(leave.body).toMatchObject({ kind: 'LEAVE', fromDate: '2026-11-25', toDate: '2026-11-27', period: 'PM', note: 'Permisjon' });
    const doctor = await w.officer
      .post(`/prisoners/${w.prisoner.id}/unavailability`)
      .send({ kind: 'HEALTH_APPOINTMENT', fromDate: '2026-11-30', startTime: '09:30', endTime: '10:15' })
      .expect(201);
    expect(doctor.body).toMatchObject({ period: null, startTime: '09:30', endTime: '10:15', toDate: '2026-11-30' });
    await w.officer
      .post(`/prisoners/${w.prisoner.id}/unavailability`)
      .send({ kind: 'OTHER', fromDate: '2026-12-01', note: 'Samtale med NAV' })
      .expect(201);

    expect(await dbRows()).toEqual([
      {
        kind: 'COURT',
        fromDate: '2026-11-24',
        toDate: '2026-11-24',
        period: null,
        startTime: null,
        endTime: null,
        note: '',
        createdByUserId: w.officer.userId,
      },
      {
        kind: 'LEAVE',
        fromDate: '2026-11-25',
        toDate: '2026-11-27',
        period: 'PM',
        startTime: null,
        endTime: null,
        note: 'Permisjon',
        createdByUserId: w.officer.userId,
      },
      {
        kind: 'HEALTH_APPOINTMENT',
        fromDate: '2026-11-30',
        toDate: '2026-11-30',
        period: null,
        startTime: '09:30',
        endTime: '10:15',
        note: '',
        createdByUserId: w.officer.userId,
      },
      {
        kind: 'OTHER',
        fromDate: '2026-12-01',
        toDate: '2026-12-01',
        period: null,
        startTime: null,
        endTime: null,
        note: 'Samtale med NAV',
        createdByUserId: w.officer.userId,
      },
    ]);
    const audit = await t.dataSource.query(
      `SELECT action, prisoner_id AS "prisonerId", outcome FROM audit_event WHERE action = 'unavailability.create'`,
    );
    expect(audit).toHaveLength(4);
    expect(audit[0]).toEqual({ action: 'unavailability.create', prisonerId: w.prisoner.id, outcome: 'SUCCESS' });
  });

  it('lists the entries overlapping [from, to], in date order, and audits the read', async () => {
    const w = await world();
    await createUnavailability(t.dataSource, w.prisoner.id, { fromDate: '2026-12-01', toDate: '2026-12-01', kind: 'VISIT' as never });
    await createUnavailability(t.dataSource, w.prisoner.id, { fromDate: '2026-11-20', toDate: '2026-11-20' });
    await createUnavailability(t.dataSource, w.prisoner.id, {
      fromDate: '2026-11-24',
      toDate: '2026-11-26',
      kind: 'EXCLUDED_FROM_COMPANY' as never,
    });
    await createUnavailability(t.dataSource, w.elsewhere.id, { fromDate: '2026-11-25', toDate: '2026-11-25' });

    const all = await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability`).expect(200);
    expect(all.body.map((u: { fromDate: string; kind: string }) => `${u.fromDate} ${u.kind}`)).toEqual([
      '2026-11-20 COURT',
      '2026-11-24 EXCLUDED_FROM_COMPANY',
      '2026-12-01 VISIT',
    ]);

    const week = await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability?from=2026-11-25&to=2026-11-30`).expect(200);
    expect(week.body.map((u: { fromDate: string; toDate: string }) => [u.fromDate, u.toDate])).toEqual([['2026-11-24', '2026-11-26']]);
    const fromOnly = await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability?from=2026-11-27`).expect(200);
    expect(fromOnly.body.map((u: { fromDate: string }) => u.fromDate)).toEqual(['2026-12-01']);
    const toOnly = await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability?to=2026-11-24`).expect(200);
    expect(toOnly.body.map((u: { fromDate: string }) => u.fromDate)).toEqual(['2026-11-20', '2026-11-24']);

    const bad = await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability?from=2026-11-30&to=2026-11-25`).expect(400);
    expect(bad.body.details).toEqual([{ field: 'to', messages: ['to must be on or after from'] }]);
    await w.officer.get(`/prisoners/${w.prisoner.id}/unavailability?from=2026-13-01`).expect(400);

    const audit = await t.dataSource.query(
      `SELECT prisoner_id AS "prisonerId" FROM audit_event WHERE action = 'unavailability.read' AND outcome = 'SUCCESS'`,
    );
    expect(audit).toEqual(Array(4).fill({ prisonerId: w.prisoner.id }));
  });

  it('deletes an entry and answers with it; a second delete is 404', async () => {
    const w = await world();
    const keep = await createUnavailability(t.dataSource, w.prisoner.id, { fromDate: '2026-11-26' });
    const gone = await createUnavailability(t.dataSource, w.prisoner.id, { fromDate: '2026-11-24', period: 'AM' as never });
    const manager = await signIn(t, [Role.MANAGER], [w.a.prison.id]);
    const res = await manager.delete(`/unavailability/${gone.id}`).expect(200);
    expect(res.body).toMatchObject({ id: gone.id, prisonerId: w.prisoner.id, fromDate: '2026-11-24', period: 'AM' });
    expect((await t.dataSource.query(`SELECT id FROM unavailability`)).map((r: { id: string }) => r.id)).toEqual([keep.id]);
    await manager.delete(`/unavailability/${gone.id}`).expect(404);
    const audit = await t.dataSource.query(
      `SELECT prisoner_id AS "prisonerId", subject_id AS "subjectId", outcome FROM audit_event WHERE action = 'unavailability.delete' ORDER BY occurred_at`,
    );
    expect(audit).toEqual([
      { prisonerId: w.prisoner.id, subjectId: gone.id, outcome: 'SUCCESS' },
      { prisonerId: null, subjectId: gone.id, outcome: 'DENIED' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no kind', { fromDate: '2026-11-24' }, 'kind'],
    ['unknown kind', { kind: 'HOLIDAY', fromDate: '2026-11-24' }, 'kind'],
    ['no fromDate', { kind: 'COURT' }, 'fromDate'],
    ['impossible date', { kind: 'COURT', fromDate: '2026-02-30' }, 'fromDate'],
    ['toDate before fromDate', { kind: 'COURT', fromDate: '2026-11-24', toDate: '2026-11-23' }, 'toDate'],
    ['unknown period', { kind: 'COURT', fromDate: '2026-11-24', period: 'EVENING' }, 'period'],
    ['period with times', { kind: 'VISIT', fromDate: '2026-11-24', period: 'AM', startTime: '09:00', endTime: '10:00' }, 'period'],
    ['start without end', { kind: 'VISIT', fromDate: '2026-11-24', startTime: '09:00' }, 'endTime'],
    ['end before start', { kind: 'VISIT', fromDate: '2026-11-24', startTime: '11:00', endTime: '10:00' }, 'endTime'],
    ['time not HH:MM', { kind: 'VISIT', fromDate: '2026-11-24', startTime: '9:00', endTime: '10:00' }, 'startTime'],
    ['hour 24', { kind: 'VISIT', fromDate: '2026-11-24', startTime: '10:00', endTime: '24:00' }, 'endTime'],
    ['OTHER without a note', { kind: 'OTHER', fromDate: '2026-11-24' }, 'note'],
    ['OTHER with a blank note', { kind: 'OTHER', fromDate: '2026-11-24', note: '   ' }, 'note'],
    ['note too long', { kind: 'COURT', fromDate: '2026-11-24', note: 'x'.repeat(1001) }, 'note'],
    ['unknown field', { kind: 'COURT', fromDate: '2026-11-24', prisonId: '00000000-0000-0000-0000-000000000000' }, 'prisonId'],
  ])('400 for %s, naming the field, with nothing written', async (_name, body, field) => {
    const w = await world();
    const res = await w.officer.post(`/prisoners/${w.prisoner.id}/unavailability`).send(body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await countRows(t.dataSource, ['unavailability'])).toEqual({ unavailability: 0 });
  });

  it("another prison's prisoner and entries answer 404; a national admin reaches both", async () => {
    const w = await world();
    const theirs = await createUnavailability(t.dataSource, w.elsewhere.id);
    await w.officer.post(`/prisoners/${w.elsewhere.id}/unavailability`).send({ kind: 'COURT', fromDate: '2026-11-24' }).expect(404);
    await w.officer.get(`/prisoners/${w.elsewhere.id}/unavailability`).expect(404);
    const del = await w.officer.delete(`/unavailability/${theirs.id}`).expect(404);
    expect(del.body.message).toBe(`Unavailability ${theirs.id} not found`);
    expect(await countRows(t.dataSource, ['unavailability'])).toEqual({ unavailability: 1 });

    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    await admin
      .post(`/prisoners/${w.elsewhere.id}/unavailability`)
      .send({ kind: 'LAWYER', fromDate: '2026-11-24', period: 'AM' })
      .expect(201);
    await admin.delete(`/unavailability/${theirs.id}`).expect(200);
    expect((await admin.get(`/prisoners/${w.elsewhere.id}/unavailability`).expect(200)).body.map((u: { kind: string }) => u.kind)).toEqual([
      'LAWYER',
    ]);
  });

  it('teachers are refused (403) and write nothing', async () => {
    const w = await world();
    const entry = await createUnavailability(t.dataSource, w.prisoner.id);
    const teacher = await signIn(t, [Role.TEACHER], [w.a.prison.id]);
    await teacher.post(`/prisoners/${w.prisoner.id}/unavailability`).send({ kind: 'COURT', fromDate: '2026-11-24' }).expect(403);
    await teacher.get(`/prisoners/${w.prisoner.id}/unavailability`).expect(403);
    await teacher.delete(`/unavailability/${entry.id}`).expect(403);
    expect(await countRows(t.dataSource, ['unavailability'])).toEqual({ unavailability: 1 });
  });
});
