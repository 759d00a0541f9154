import { DataSource, QueryRunner } from 'typeorm';
import request from 'supertest';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// Ending custody at the same moment as other writes for the same prisoners, with the interleaving forced: a
// second transaction of the test holds the locks an allocation (or a roster write) under way holds, the
// release is sent, and only once it is answered or waiting on a lock does that transaction commit.
// Clock: Monday 2026-11-23 10:00 (Oslo); the releases are dated today.
//
// Needs two transactions at once: not on the embedded database, which serves one connection.
const onServer = process.env.TEST_DB_KIND === 'server';
const RELEASE_DAY = '2026-11-23';

(onServer ? describe : describe.skip)('ending custody beside allocations and other releases', () => {
  let t: TestApp;
  let ds: DataSource;
  let prison: { id: string };
  let unit: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(async () => {
    // No integration client left behind: the migration test, if it runs next in this worker, reverts the
    // INTEGRATION role, which fails while a user has it.
    await resetDatabase(ds);
    await t.close();
  });
  beforeEach(async () => {
    await resetDatabase(ds);
    ({ prison, unit } = await createPrisonWithUnit(ds, { code: 'RAC' }, { name: 'R1' }));
  });

  /** An allocation with a booking on every session of the activity from its start on, written in `on` (default: committed at once). */
  async function allocate(
    prisonerId: string,
    activity: { id: string; prisonId: string },
    startDate: string,
    on: { query: DataSource['query'] } = ds,
  ): Promise<string> {
    const [{ id }] = await on.query(
      `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern) VALUES ($1, $2, $3, $4, 'ALL') RETURNING id`,
      [prisonerId, activity.id, activity.prisonId, startDate],
    );
    await on.query(
      `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
       SELECT id, $2, $3, date, period FROM "session" WHERE activity_id = $1 AND date >= $4`,
      [activity.id, prisonerId, id, startDate],
    );
    return id as string;
  }

  /** Sessions whose counter disagrees with their bookings (none, if the triggers counted right). */
  const miscounted = () =>
    ds.query(`SELECT s.id, s.booked, (SELECT count(*)::int FROM booking b WHERE b.session_id = s.id) AS n FROM "session" s
               WHERE s.booked <> (SELECT count(*) FROM booking b WHERE b.session_id = s.id)`);

  /**
   * Waits until every pending request has been answered or `waiters` backends of this database wait on a
   * lock. Not a timing assertion: it bounds how long the test waits for one of the two to happen.
   */
  async function answeredOrWaiting(pending: Array<{ settled: boolean }>, waiters: number): Promise<'answered' | 'waiting'> {
    for (let i = 0; i < 600; i++) {
      if (pending.every((p) => p.settled)) return 'answered';
      const [{ n }] = await ds.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (n >= waiters) return 'waiting';
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`after 15 s the requests were neither answered nor waiting on a lock`);
  }

  function started(req: request.Test): { settled: boolean; response: Promise<request.Response> } {
    const out = { settled: false, response: undefined as unknown as Promise<request.Response> };
    out.response = req.then((r) => {
      out.settled = true;
      return r;
    });
    return out;
  }

  async function inTransaction(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await work(runner);
      if (runner.isTransactionActive) await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /**
   * Every path that ends a custody period, made ready (signed in) and returned unsent: each is sent while an
   * allocation of the prisoner is under way. (Not returned as the request itself: awaiting it would send it.)
   */
  const releases: Array<[string, (p: { id: string; prisonerNumber: string }, others: string[]) => Promise<() => request.Test>]> = [
    [
      'POST /prisoners/{id}/moves',
      async (p) => {
        const manager = await signIn(t, [Role.MANAGER], [prison.id]);
        return () => manager.post(`/prisoners/${p.id}/moves`).send({ kind: 'RELEASE', date: RELEASE_DAY });
      },
    ],
    [
      'a RELEASED custody event',
      async (p) => {
        const admin = await signInAdmin(t);
        const { token } = (await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201)).body;
        return () =>
          t
            .http()
            .post('/integration/custody-events')
            .set('Authorization', `Bearer ${token}`)
            .send({ eventId: 'rel-1', type: 'RELEASED', occurredAt: `${RELEASE_DAY}T09:00:00+01:00`, prisonerNumber: p.prisonerNumber });
      },
    ],
    [
      'a population file applied with the release confirmed',
      async (p, others) => {
        const manager = await signIn(t, [Role.MANAGER], [prison.id]);
        const header = 'prisonerNumber;firstName;lastName;dateOfBirth;legalStatus;nationality;unit;arrivalDate';
        const stored = await ds.query<Array<{ line: string }>>(
          `SELECT concat_ws(';', prisoner_number, first_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD'), legal_status, nationality) AS line
             FROM prisoner WHERE prisoner_number = ANY($1::text[]) ORDER BY prisoner_number`,
          [others],
        );
        const content = [header, ...stored.map((s) => `${s.line};${unit.name};2026-01-05`)].join('\n');
        return () =>
          manager
            .post(`/prisons/${prison.id}/population-import/apply`)
            .send({ format: 'CSV', content, confirmReleases: [p.prisonerNumber], releaseDate: RELEASE_DAY });
      },
    ],
  ];

  // The allocation's rows written before the release arrives, or after (while the release waits, if it does):
  // either way the allocation has locked the prisoner first and read custody as it was.
  const cases = releases.flatMap(([path, release]) => [
    [path, 'written before', release] as const,
    [path, 'written after', release] as const,
  ]);

  it.each(cases)(
    '%s while an allocation of the prisoner is under way (%s it arrives): the allocation commits first and is ended, no booking left',
    async (_path, order, release) => {
      const workshop = await createActivity(ds, prison.id);
      await insertSessions(ds, workshop, WEEK_OF_23_NOV);
      const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
      const neighbour = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
      const send = await release(p, [neighbour.prisonerNumber]);

      let allocationId = '';
      let pending: ReturnType<typeof started> | undefined;
      await inTransaction(async (allocating) => {
        // As POST /allocations does it: the prisoner's row locked first, then the allocation and its bookings.
        await allocating.query(`SELECT id FROM prisoner WHERE id = $1 FOR UPDATE`, [p.id]);
        if (order === 'written before') allocationId = await allocate(p.id, workshop, '2026-11-16', allocating);
        pending = started(send());
        expect(await answeredOrWaiting([pending], 1)).toBe('waiting');
        if (order === 'written after') allocationId = await allocate(p.id, workshop, '2026-11-16', allocating);
      });
      const answer = await pending!.response;
      expect(answer.status).toBeLessThan(300);

      const [allocation] = await ds.query(
        `SELECT to_char(end_date, 'YYYY-MM-DD') AS "endDate", ended_reason AS "endedReason" FROM allocation WHERE id = $1`,
        [allocationId],
      );
      expect(allocation).toEqual({ endDate: '2026-11-22', endedReason: 'RELEASED' });
      expect(await ds.query(`SELECT date::text, period FROM booking WHERE prisoner_id = $1`, [p.id])).toEqual([]);
      expect(
        await ds.query(
          `SELECT to_char(to_date, 'YYYY-MM-DD') AS "toDate", end_reason AS "endReason" FROM custody_period WHERE prisoner_id = $1`,
          [p.id],
        ),
      ).toEqual([{ toDate: RELEASE_DAY, endReason: 'RELEASED' }]);
      expect(await miscounted()).toEqual([]);
    },
  );

  it('a path that ends custody without locking the prisoner first is held by the trigger until the allocation under way commits', async () => {
    const workshop = await createActivity(ds, prison.id);
    await insertSessions(ds, workshop, WEEK_OF_23_NOV);
    const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
    let allocationId = '';
    let ended: Promise<unknown> | undefined;
    const state = { settled: false };
    await inTransaction(async (allocating) => {
      await allocating.query(`SELECT id FROM prisoner WHERE id = $1 FOR UPDATE`, [p.id]);
      allocationId = await allocate(p.id, workshop, '2026-11-16', allocating);
      ended = ds
        .query(`UPDATE custody_period SET to_date = $2, end_reason = 'RELEASED' WHERE prisoner_id = $1`, [p.id, RELEASE_DAY])
        .finally(() => (state.settled = true));
      expect(await answeredOrWaiting([state], 1)).toBe('waiting');
    });
    await ended;
    const [allocation] = await ds.query(`SELECT to_char(end_date, 'YYYY-MM-DD') AS "endDate" FROM allocation WHERE id = $1`, [
      allocationId,
    ]);
    expect(allocation).toEqual({ endDate: '2026-11-22' });
    expect(await ds.query(`SELECT 1 FROM booking WHERE prisoner_id = $1`, [p.id])).toEqual([]);
    expect(await miscounted()).toEqual([]);
  });

  it('a custody event is decided on the custody a move under way leaves (released from where the transfer took them)', async () => {
    const { prison: other, unit: otherUnit } = await createPrisonWithUnit(ds, { code: 'OTH' }, { name: 'O1' });
    const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
    const admin = await signInAdmin(t);
    const { token } = (await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201)).body;
    const event = started(
      t
        .http()
        .post('/integration/custody-events')
        .set('Authorization', `Bearer ${token}`)
        .send({ eventId: 'rel-late', type: 'RELEASED', occurredAt: `${RELEASE_DAY}T09:00:00+01:00`, prisonerNumber: p.prisonerNumber }),
    );
    let state: 'answered' | 'waiting' | undefined;
    await inTransaction(async (moving) => {
      // A transfer to the other prison under way, as POST /prisoners/{id}/moves makes it (the prisoner's row first).
      await moving.query(`SELECT id FROM prisoner WHERE id = $1 FOR UPDATE`, [p.id]);
      await moving.query(`UPDATE custody_period SET to_date = $2, end_reason = 'TRANSFERRED' WHERE prisoner_id = $1 AND to_date IS NULL`, [
        p.id,
        '2026-11-20',
      ]);
      await moving.query(`INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date) VALUES ($1, $2, $3, $4)`, [
        p.id,
        other.id,
        otherUnit.id,
        '2026-11-20',
      ]);
      event.response.catch(() => undefined);
      state = await answeredOrWaiting([event], 1);
    });
    expect(state).toBe('waiting');
    // Decided on the transfer's result: released from the other prison. (Decided before it, the event tried to
    // close the stay the transfer had closed, overlapped the new one and was refused, 409; the prisoner stayed held.)
    expect((await event.response).body).toMatchObject({ eventId: 'rel-late', status: 'APPLIED' });
    const stays = await ds.query(
      `SELECT p.code, to_char(cp.to_date, 'YYYY-MM-DD') AS "toDate", cp.end_reason AS "endReason"
         FROM custody_period cp JOIN prison p ON p.id = cp.prison_id WHERE cp.prisoner_id = $1 ORDER BY cp.from_date`,
      [p.id],
    );
    expect(stays).toEqual([
      { code: 'RAC', toDate: '2026-11-20', endReason: 'TRANSFERRED' },
      { code: 'OTH', toDate: RELEASE_DAY, endReason: 'RELEASED' },
    ]);
  });

  describe('parallel releases of prisoners booked on the same sessions', () => {
    const WEEKS = [...WEEK_OF_23_NOV, '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

    async function twoBookedPrisoners() {
      const workshop = await createActivity(ds, prison.id);
      const sessions = await insertSessions(ds, workshop, WEEKS);
      const ps = [];
      for (let i = 0; i < 3; i++) ps.push(await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' }));
      for (const p of ps) await allocate(p.id, workshop, '2026-11-16');
      const ids = sessions.map((s) => s.id).sort();
      return { released: ps.slice(0, 2), stays: ps[2], lowest: ids[0], others: ids.slice(1) };
    }

    async function managerAndToken(): Promise<{ manager: SignedIn; token: string }> {
      const manager = await signIn(t, [Role.MANAGER], [prison.id]);
      const admin = await signInAdmin(t);
      const { token } = (await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201)).body;
      return { manager, token };
    }

    it.each([['POST /prisoners/{id}/moves'], ['RELEASED custody events']])(
      '%s: each release locks the sessions in id order (waiting for the first, it holds none of the rest), so none deadlocks',
      async (path) => {
        const { released, stays, lowest, others } = await twoBookedPrisoners();
        const { manager, token } = await managerAndToken();
        const send = (p: { id: string; prisonerNumber: string }) =>
          path.startsWith('POST')
            ? manager.post(`/prisoners/${p.id}/moves`).send({ kind: 'RELEASE', date: RELEASE_DAY })
            : t
                .http()
                .post('/integration/custody-events')
                .set('Authorization', `Bearer ${token}`)
                .send({
                  eventId: `rel-${p.prisonerNumber}`,
                  type: 'RELEASED',
                  occurredAt: `${RELEASE_DAY}T09:00:00+01:00`,
                  prisonerNumber: p.prisonerNumber,
                });

        let pending: Array<ReturnType<typeof started>> = [];
        await inTransaction(async (roster) => {
          // Another writer of the rosters holds the session with the lowest id.
          await roster.query(`SELECT id FROM "session" WHERE id = $1 FOR UPDATE`, [lowest]);
          pending = released.map((p) => started(send(p)));
          expect(await answeredOrWaiting(pending, 2)).toBe('waiting');
          // Both releases wait for that session: had either locked another one first, it would be taken here.
          const free: Array<{ id: string }> = await roster.query(
            `SELECT id FROM "session" WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED`,
            [others],
          );
          expect(free.map((s) => s.id).sort()).toEqual(others);
        });
        const answers = await Promise.all(pending.map((p) => p.response));
        expect(answers.map((a) => [a.status, a.body?.message])).toEqual(
          path.startsWith('POST')
            ? [
                [204, undefined],
                [204, undefined],
              ]
            : [
                [200, undefined],
                [200, undefined],
              ],
        );
        const [{ left }] = await ds.query(`SELECT count(*)::int AS left FROM booking WHERE prisoner_id = ANY($1::uuid[])`, [
          released.map((p) => p.id),
        ]);
        expect(left).toBe(0);
        // The one who stays keeps every booking, and every counter matches its bookings (1 on each session).
        const [{ kept }] = await ds.query(`SELECT count(*)::int AS kept FROM booking WHERE prisoner_id = $1`, [stays.id]);
        expect(kept).toBe(WEEKS.length * 2);
        expect(await ds.query(`SELECT DISTINCT booked FROM "session"`)).toEqual([{ booked: 1 }]);
        expect(await miscounted()).toEqual([]);
      },
    );
  });
});
