import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../src/database/migration-runner';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { CustodyEndReason } from '../src/prisoners/prisoner.enums';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createCustody, createPrisoner } from './factories/prisoner.factory';
import { resetDatabase, testDatabaseUrl } from './support/test-app';

// The rule the database enforces with the custody_end_allocations trigger (migration WeeklyPlanning):
// when a custody period ends (release or transfer, whichever path sets to_date), the prisoner's
// allocations at that prison end the day before with the matching reason, the ones not started by then
// are removed, and the bookings from that day on go. Every effect, and what it must leave alone.

interface AllocationState {
  id: string;
  startDate: string;
  endDate: string | null;
  endedReason: string | null;
  bookings: string[];
}

describe('custody_end_allocations (trigger): ending custody ends allocations', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(buildDataSourceOptions(testDatabaseUrl(), 2));
    await ds.initialize();
    await runMigrationsLocked(ds);
  });

  // The worker's database is shared with the files before this one: start from empty tables.
  beforeEach(() => resetDatabase(ds));

  afterAll(async () => {
    await ds.destroy();
  });

  async function allocate(
    values: { prisonerId: string; activity: { id: string; prisonId: string }; startDate: string; endDate?: string | null; reason?: string },
    sessions: Array<{ id: string; date: string }>,
  ): Promise<string> {
    const [{ id }] = await ds.query<Array<{ id: string }>>(
      `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, ended_reason, pattern)
       VALUES ($1, $2, $3, $4, $5, $6, 'ALL') RETURNING id`,
      [values.prisonerId, values.activity.id, values.activity.prisonId, values.startDate, values.endDate ?? null, values.reason ?? null],
    );
    for (const s of sessions) {
      await ds.query(
        `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) SELECT id, $2, $3, date, period FROM "session" WHERE id = $1`,
        [s.id, values.prisonerId, id],
      );
    }
    return id;
  }

  async function state(id: string): Promise<AllocationState | undefined> {
    const [row] = await ds.query<AllocationState[]>(
      `SELECT a.id, to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate",
              a.ended_reason AS "endedReason",
              coalesce((SELECT array_agg(to_char(b.date, 'YYYY-MM-DD') || ' ' || b.period ORDER BY b.date, b.period)
                          FROM booking b WHERE b.allocation_id = a.id), '{}') AS bookings
         FROM allocation a WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  async function bookingsOfAllocation(id: string): Promise<number> {
    const [{ n }] = await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM booking WHERE allocation_id = $1`, [id]);
    return n;
  }

  /** A prisoner held at prison A, with every kind of allocation the rule tells apart, and neighbours it must not touch. */
  async function scenario() {
    const a = await createPrisonWithUnit(ds);
    const b = await createPrisonWithUnit(ds);
    const workshop = await createActivity(ds, a.prison.id, {}, []);
    const school = await createActivity(ds, a.prison.id, {}, []);
    const course = await createActivity(ds, a.prison.id, {}, []);
    const evening = await createActivity(ds, a.prison.id, {}, []);
    const elsewhere = await createActivity(ds, b.prison.id, {}, []);
    const week = await insertSessions(ds, workshop, WEEK_OF_23_NOV);
    const schoolWeek = await insertSessions(ds, school, WEEK_OF_23_NOV);
    const courseWeek = await insertSessions(ds, course, WEEK_OF_23_NOV);
    const eveningWeek = await insertSessions(ds, evening, WEEK_OF_23_NOV);
    // The week after, at the other prison (the prisoner's half-days at A are all taken in the week of 23 Nov).
    const elsewhereWeek = await insertSessions(ds, elsewhere, ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    const prisoner = await createPrisoner(ds);
    const custody = await createCustody(ds, { prisonerId: prisoner.id, prisonId: a.prison.id, unitId: a.unit.id, fromDate: '2026-01-05' });
    const neighbour = await createPrisoner(ds);
    await createCustody(ds, { prisonerId: neighbour.id, prisonId: a.prison.id, unitId: a.unit.id, fromDate: '2026-01-05' });

    const am = (rows: Array<{ id: string; date: string; period: string }>) => rows.filter((s) => s.period === 'AM');
    const pm = (rows: Array<{ id: string; date: string; period: string }>) => rows.filter((s) => s.period === 'PM');
    const ids = {
      // Started before the last day, open-ended: ends the day before, bookings from the day on go.
      current: await allocate({ prisonerId: prisoner.id, activity: workshop, startDate: '2026-11-02' }, am(week)),
      // Started, planned to end after the day: ends the day before too.
      endsLater: await allocate(
        { prisonerId: prisoner.id, activity: school, startDate: '2026-11-02', endDate: '2026-12-31' },
        pm(schoolWeek).slice(0, 2),
      ),
      // Starts on the day of release (not started): removed with its bookings.
      startsOnTheDay: await allocate(
        { prisonerId: prisoner.id, activity: course, startDate: '2026-11-25', endDate: '2026-11-25' },
        pm(courseWeek).filter((s) => s.date === '2026-11-25'),
      ),
      // Starts after the day: removed with its bookings.
      startsLater: await allocate({ prisonerId: prisoner.id, activity: evening, startDate: '2026-11-26' }, pm(eveningWeek).slice(3)),
      // Ended before the day by an officer: left as it was.
      endedBefore: await allocate(
        { prisonerId: prisoner.id, activity: workshop, startDate: '2026-10-01', endDate: '2026-10-30', reason: 'OTHER' },
        [],
      ),
      // At another prison (the ended custody is A's): left alone.
      otherPrison: await allocate({ prisonerId: prisoner.id, activity: elsewhere, startDate: '2026-11-02' }, am(elsewhereWeek)),
      // Someone else at the same prison: left alone.
      neighbour: await allocate({ prisonerId: neighbour.id, activity: workshop, startDate: '2026-11-02' }, pm(week)),
    };
    return { prisoner, custody, ids };
  }

  async function endCustody(custodyId: string, toDate: string, reason: CustodyEndReason): Promise<void> {
    await ds.query(`UPDATE custody_period SET to_date = $2, end_reason = $3 WHERE id = $1`, [custodyId, toDate, reason]);
  }

  it.each([
    [CustodyEndReason.RELEASED, 'RELEASED'],
    [CustodyEndReason.TRANSFERRED, 'TRANSFERRED'],
  ])(
    '%s on 25 Nov: allocations at the prison end on 24 Nov as %s, not-started ones go, bookings from the 25th go',
    async (reason, ended) => {
      const { custody, ids } = await scenario();
      const before = {
        endedBefore: await state(ids.endedBefore),
        otherPrison: await state(ids.otherPrison),
        neighbour: await state(ids.neighbour),
      };
      const startsOnTheDayBookings = await bookingsOfAllocation(ids.startsOnTheDay);
      const startsLaterBookings = await bookingsOfAllocation(ids.startsLater);
      expect([startsOnTheDayBookings, startsLaterBookings]).toEqual([1, 2]);

      await endCustody(custody.id, '2026-11-25', reason);

      expect(await state(ids.current)).toEqual({
        id: ids.current,
        startDate: '2026-11-02',
        endDate: '2026-11-24',
        endedReason: ended,
        bookings: ['2026-11-23 AM', '2026-11-24 AM'],
      });
      expect(await state(ids.endsLater)).toEqual({
        id: ids.endsLater,
        startDate: '2026-11-02',
        endDate: '2026-11-24',
        endedReason: ended,
        bookings: ['2026-11-23 PM', '2026-11-24 PM'],
      });
      expect(await state(ids.startsOnTheDay)).toBeUndefined();
      expect(await state(ids.startsLater)).toBeUndefined();
      expect(await bookingsOfAllocation(ids.startsOnTheDay)).toBe(0);
      expect(await bookingsOfAllocation(ids.startsLater)).toBe(0);
      // Untouched: the earlier ending, the other prison, the other prisoner.
      expect(await state(ids.endedBefore)).toEqual(before.endedBefore);
      expect(before.endedBefore).toMatchObject({ endDate: '2026-10-30', endedReason: 'OTHER' });
      expect(await state(ids.otherPrison)).toEqual(before.otherPrison);
      expect(before.otherPrison?.bookings).toHaveLength(5);
      expect(await state(ids.neighbour)).toEqual(before.neighbour);
      expect(before.neighbour?.bookings).toHaveLength(5);
    },
  );

  it('a later correction to an earlier day ends them again from that day; a later day or an unrelated change does nothing', async () => {
    const { custody, ids } = await scenario();
    await endCustody(custody.id, '2026-11-26', CustodyEndReason.RELEASED);
    expect(await state(ids.current)).toMatchObject({ endDate: '2026-11-25', endedReason: 'RELEASED' });
    expect(await state(ids.startsOnTheDay)).toMatchObject({ startDate: '2026-11-25' });

    // Moved later: the trigger does not fire (nothing is given back).
    await endCustody(custody.id, '2026-11-27', CustodyEndReason.RELEASED);
    expect(await state(ids.current)).toMatchObject({
      endDate: '2026-11-25',
      bookings: ['2026-11-23 AM', '2026-11-24 AM', '2026-11-25 AM'],
    });

    // Moved earlier (a correction, now as a transfer): ends again the day before the new date.
    await endCustody(custody.id, '2026-11-24', CustodyEndReason.TRANSFERRED);
    expect(await state(ids.current)).toMatchObject({ endDate: '2026-11-23', endedReason: 'TRANSFERRED', bookings: ['2026-11-23 AM'] });
    expect(await state(ids.endsLater)).toMatchObject({ endDate: '2026-11-23', endedReason: 'TRANSFERRED', bookings: ['2026-11-23 PM'] });
    expect(await state(ids.startsOnTheDay)).toBeUndefined();

    // A change that leaves to_date alone fires nothing.
    const current = await state(ids.current);
    await ds.query(`UPDATE custody_period SET end_reason = 'RELEASED' WHERE id = $1`, [custody.id]);
    expect(await state(ids.current)).toEqual(current);
  });
});
