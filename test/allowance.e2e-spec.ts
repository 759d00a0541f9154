import { DayPeriod } from '../src/activities/activity.enums';
import { Attendance1795500000000 } from '../migrations/1795500000000-Attendance';
import { Role } from '../src/auth/roles';
import { bookOnSession, cancelSession, createAttendanceSession, seedAllowanceRate } from './factories/attendance.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

type Row = { prisonerId: string; outcome: 'ATTENDED' | 'ABSENT'; absenceReason?: string };

// Clock: Monday 2026-11-23. The rate the migration seeds (from 2023-01-01, re-seeded after truncation) is NOK 79 a day.
describe('daily allowance (e2e)', () => {
  let t: TestApp;
  let prisonId: string;
  let otherPrisonId: string;
  let a: string;
  let b: string;
  let c: string;
  let officer: SignedIn;
  let manager: SignedIn;

  /** A session at the prison on the half-day with these prisoners booked, recorded through the API. */
  async function recorded(date: string, period: DayPeriod, rows: Row[], atPrison = prisonId, by?: SignedIn): Promise<string> {
    const s = await createAttendanceSession(t.dataSource, atPrison, { date, period });
    await bookOnSession(
      t.dataSource,
      s,
      rows.map((r) => r.prisonerId),
    );
    await (by ?? officer).put(`/sessions/${s.id}/attendance`).send({ records: rows }).expect(200);
    return s.id;
  }

  const attended = (prisonerId: string): Row => ({ prisonerId, outcome: 'ATTENDED' });
  const absent = (prisonerId: string, absenceReason: string): Row => ({ prisonerId, outcome: 'ABSENT', absenceReason });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    const ds = t.dataSource;
    await seedAllowanceRate(ds);
    const { prison, unit } = await createPrisonWithUnit(ds);
    const other = await createPrisonWithUnit(ds);
    prisonId = prison.id;
    otherPrisonId = other.prison.id;
    a = (await createHeldPrisoner(ds, { prisonId, unitId: unit.id }, { lastName: 'Aas' })).id;
    b = (await createHeldPrisoner(ds, { prisonId, unitId: unit.id }, { lastName: 'Berg' })).id;
    c = (await createHeldPrisoner(ds, { prisonId, unitId: unit.id }, { lastName: 'Dahl' })).id;
    officer = await signIn(t, [Role.OFFICER], [prisonId]);
    manager = await signIn(t, [Role.MANAGER], [prisonId]);
  });

  it('pays attended days at the dated rate and nothing for refusal or absence (hand-computed November)', async () => {
    const { AM, PM } = DayPeriod;
    // A: Mon 2 attended; Tue 3 AM attended + PM refused (paid: one attended session is enough);
    //    Wed 4 refused (unpaid); Thu 5 sick (unpaid); Fri 6 attended; Mon 9 attended twice (one paid day).
    await recorded('2026-11-02', AM, [attended(a)]);
    await recorded('2026-11-03', AM, [attended(a)]);
    await recorded('2026-11-03', PM, [absent(a, 'REFUSED')]);
    await recorded('2026-11-04', AM, [absent(a, 'REFUSED')]);
    await recorded('2026-11-05', AM, [absent(a, 'SICK')]);
    await recorded('2026-11-06', AM, [attended(a)]);
    await recorded('2026-11-09', AM, [attended(a)]);
    await recorded('2026-11-09', PM, [attended(a)]);
    // B: Tue 10 and Wed 11 attended; Thu 12 in court (excused, but no allowance: only attendance pays).
    await recorded('2026-11-10', AM, [attended(b)]);
    await recorded('2026-11-11', AM, [attended(b)]);
    await recorded('2026-11-12', AM, [absent(b, 'COURT')]);
    // C: did not turn up / refused.
    await recorded('2026-11-13', AM, [absent(c, 'REFUSED')]);
    // Not counted: another month, another prison, a session cancelled after recording.
    await recorded('2026-10-30', AM, [attended(a)]);
    const elsewhere = await signIn(t, [Role.OFFICER], [otherPrisonId]);
    await recorded('2026-11-16', AM, [attended(b)], otherPrisonId, elsewhere);
    const cancelled = await recorded('2026-11-17', AM, [attended(c)]);
    await cancelSession(t.dataSource, cancelled);

    const res = await manager.get(`/prisons/${prisonId}/allowance?month=2026-11`).expect(200);
    expect(res.body).toEqual({
      prisonId,
      month: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      prisoners: [
        {
          prisonerId: a,
          prisonerNumber: expect.any(String),
          firstName: expect.any(String),
          lastName: 'Aas',
          paidDays: 4,
          unpaidDays: 2,
          rates: [{ validFrom: '2023-01-01', dailyRateNok: '79.00', paidDays: 4 }],
          amountNok: '316.00',
        },
        {
          prisonerId: b,
          prisonerNumber: expect.any(String),
          firstName: expect.any(String),
          lastName: 'Berg',
          paidDays: 2,
          unpaidDays: 1,
          rates: [{ validFrom: '2023-01-01', dailyRateNok: '79.00', paidDays: 2 }],
          amountNok: '158.00',
        },
        {
          prisonerId: c,
          prisonerNumber: expect.any(String),
          firstName: expect.any(String),
          lastName: 'Dahl',
          paidDays: 0,
          unpaidDays: 1,
          rates: [],
          amountNok: '0.00',
        },
      ],
      totals: { prisoners: 3, paidDays: 6, amountNok: '474.00' },
    });
    // Audited: the list holds personal data.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'allowance.read' AND prison_id = $1`,
      [prisonId],
    );
    expect(n).toBe(1);
  });

  it('applies the rate valid on each day when the rate changes mid-month', async () => {
    await seedAllowanceRate(t.dataSource, { validFrom: '2026-11-16', daily: 85.5, supplement: 34, support: 56 });
    await recorded('2026-11-12', DayPeriod.AM, [attended(a)]);
    await recorded('2026-11-13', DayPeriod.AM, [attended(a)]);
    await recorded('2026-11-16', DayPeriod.AM, [attended(a)]);
    const res = await officer.get(`/prisons/${prisonId}/allowance?month=2026-11`).expect(200);
    expect(res.body.prisoners[0]).toMatchObject({
      paidDays: 3,
      rates: [
        { validFrom: '2023-01-01', dailyRateNok: '79.00', paidDays: 2 },
        { validFrom: '2026-11-16', dailyRateNok: '85.50', paidDays: 1 },
      ],
      amountNok: '243.50',
    });
    expect(res.body.totals).toEqual({ prisoners: 1, paidDays: 3, amountNok: '243.50' });
  });

  it('the migration seeds the 2023 rates (79 / 32 / 53)', async () => {
    // resetDatabase empties the table, so read the statements the migration runs.
    const sql: string[] = [];
    await new Attendance1795500000000().up({ query: async (q: string) => void sql.push(q) } as never);
    expect(sql.filter((q) => q.startsWith('INSERT INTO "allowance_rate"'))).toEqual([
      `INSERT INTO "allowance_rate" ("valid_from", "daily_rate_nok", "max_supplement_nok", "support_rate_nok") VALUES ('2023-01-01', 79, 32, 53)`,
    ]);
  });

  it('answers an empty month with zero totals', async () => {
    const res = await officer.get(`/prisons/${prisonId}/allowance?month=2026-02`).expect(200);
    expect(res.body).toEqual({
      prisonId,
      month: '2026-02',
      from: '2026-02-01',
      to: '2026-02-28',
      prisoners: [],
      totals: { prisoners: 0, paidDays: 0, amountNok: '0.00' },
    });
  });

  it('refuses a bad month (400) and another prison (404); teachers are not allowed (403)', async () => {
    for (const month of ['2026-13', '2026-1', 'nov', '']) {
      await officer.get(`/prisons/${prisonId}/allowance?month=${month}`).expect(400);
    }
    await officer.get(`/prisons/${prisonId}/allowance`).expect(400);
    await officer.get(`/prisons/${otherPrisonId}/allowance?month=2026-11`).expect(404);
    await officer.get(`/prisons/00000000-0000-4000-8000-000000000000/allowance?month=2026-11`).expect(404);
    const teacher = await signIn(t, [Role.TEACHER], [prisonId]);
    await teacher.get(`/prisons/${prisonId}/allowance?month=2026-11`).expect(403);
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    await admin.get(`/prisons/${otherPrisonId}/allowance?month=2026-11`).expect(200);
  });
});
