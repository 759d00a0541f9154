import { QueryFailedError } from 'typeorm';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

interface AuditRow {
  action: string;
  username: string | null;
  role: string | null;
  prisonId: string | null;
  prisonerId: string | null;
  outcome: string;
  statusCode: number;
  requestId: string | null;
}

describe('audit trail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  const events = async (action: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, username, role, prison_id AS "prisonId", prisoner_id AS "prisonerId", outcome, status_code AS "statusCode", request_id AS "requestId"
         FROM audit_event WHERE action = $1 ORDER BY occurred_at`,
      [action],
    );

  it('records personal-data reads and writes with the user, role, prison, prisoner and request id', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);

    await officer.get(`/prisons/${prison.id}/prisoners`).set('x-request-id', 'req-list-1').expect(200);
    expect(await events('prisoner.list')).toEqual([
      {
        action: 'prisoner.list',
        username: officer.username,
        role: 'OFFICER',
        prisonId: prison.id,
        prisonerId: null,
        outcome: 'SUCCESS',
        statusCode: 200,
        requestId: 'req-list-1',
      },
    ]);

    await officer.get(`/prisoners/${p.id}`).expect(200);
    expect(await events('prisoner.read')).toMatchObject([
      { username: officer.username, prisonId: prison.id, prisonerId: p.id, outcome: 'SUCCESS' },
    ]);

    await officer.post(`/prisoners/${p.id}/consents`).send({ given: true, effectiveDate: '2026-11-20' }).expect(201);
    expect(await events('consent.record')).toMatchObject([
      { username: officer.username, prisonerId: p.id, outcome: 'SUCCESS', statusCode: 201 },
    ]);

    // Organisation data is not personal: not recorded.
    await officer.get('/prisons').expect(200);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE path LIKE '/prisons?%' OR path = '/prisons'`,
    );
    expect(n).toBe(0);
  });

  it('records denied attempts: a wrong role, and another prison’s prisoner', async () => {
    const a = await createPrisonWithUnit(t.dataSource);
    const b = await createPrisonWithUnit(t.dataSource);
    const pb = await createHeldPrisoner(t.dataSource, { prisonId: b.prison.id, unitId: b.unit.id });
    const teacher = await signIn(t, [Role.TEACHER], [a.prison.id]);
    await teacher.get('/prisoners').expect(403);
    expect(await events('access.denied')).toMatchObject([{ username: teacher.username, outcome: 'DENIED', statusCode: 403 }]);
    const officer = await signIn(t, [Role.OFFICER], [a.prison.id]);
    await officer.get(`/prisoners/${pb.id}`).expect(404);
    expect(await events('prisoner.read')).toMatchObject([
      { username: officer.username, prisonerId: pb.id, outcome: 'DENIED', statusCode: 404 },
    ]);
  });

  it('concurrent requests share INSERTs (group commit), and each answers only once its event is stored', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const ids = Array.from({ length: 40 }, (_, i) => `group-${i}`);
    const storedOnAnswer = await Promise.all(
      ids.map(async (id) => {
        await officer.get(`/prisoners/${p.id}`).set('x-request-id', id).expect(200);
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1`, [id]);
        return n;
      }),
    );
    expect(storedOnAnswer).toEqual(ids.map(() => 1));
    const rows = await t.dataSource.query<Array<{ tx: string; prisonId: string; prisonerId: string }>>(
      `SELECT xmin::text AS tx, prison_id AS "prisonId", prisoner_id AS "prisonerId" FROM audit_event WHERE request_id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.prisonId === prison.id && r.prisonerId === p.id)).toBe(true);
    // Fewer transactions than events: concurrent events were committed together.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(ids.length);
  });

  it('GET /audit: managers see their own prison, filter by prisoner and user; rows cannot be changed', async () => {
    const a = await createPrisonWithUnit(t.dataSource);
    const b = await createPrisonWithUnit(t.dataSource);
    const pa = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id });
    const pb = await createHeldPrisoner(t.dataSource, { prisonId: b.prison.id, unitId: b.unit.id });
    const officerA = await signIn(t, [Role.OFFICER], [a.prison.id]);
    const officerB = await signIn(t, [Role.OFFICER], [b.prison.id]);
    await officerA.get(`/prisoners/${pa.id}`).expect(200);
    await officerB.get(`/prisoners/${pb.id}`).expect(200);

    const managerA = await signIn(t, [Role.MANAGER], [a.prison.id]);
    const mine = await managerA.get('/audit').expect(200);
    expect(mine.body.items.every((e: { prisonId: string }) => e.prisonId === a.prison.id)).toBe(true);
    expect(mine.body.items.map((e: { prisonerId: string }) => e.prisonerId)).toContain(pa.id);
    expect(mine.body.items.map((e: { prisonerId: string }) => e.prisonerId)).not.toContain(pb.id);
    await managerA.get(`/audit?prisonId=${b.prison.id}`).expect(404);

    const byPrisoner = await managerA.get(`/audit?prisonerId=${pa.id}&from=2020-01-01&to=2100-01-01`).expect(200);
    expect(byPrisoner.body.items).toHaveLength(1);
    expect(byPrisoner.body.items[0]).toMatchObject({ action: 'prisoner.read', username: officerA.username });
    const byUser = await managerA.get(`/audit?userId=${officerA.userId}`).expect(200);
    expect(byUser.body.total).toBe(1);

    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    expect((await admin.get(`/audit?prisonerId=${pb.id}`).expect(200)).body.total).toBe(1);

    // No route changes the trail, and the database refuses it too.
    const err = await t.dataSource.query(`UPDATE audit_event SET outcome = 'SUCCESS'`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect(String((err as Error).message)).toMatch(/cannot be changed or deleted/);
    const del = await t.dataSource.query(`DELETE FROM audit_event`).catch((e: unknown) => e);
    expect(del).toBeInstanceOf(QueryFailedError);
    await admin.delete('/audit').expect(404);
    await admin.patch('/audit').expect(404);
  });

  it('records reading the trail itself: who searched, in which prison, about which prisoner; a refused search too', async () => {
    const a = await createPrisonWithUnit(t.dataSource);
    const b = await createPrisonWithUnit(t.dataSource);
    const pa = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id });
    const managerA = await signIn(t, [Role.MANAGER], [a.prison.id]);
    await managerA.get(`/audit?prisonerId=${pa.id}`).expect(200);
    await managerA.get(`/audit?prisonId=${b.prison.id}`).expect(404);
    expect(await events('audit.read')).toEqual([
      expect.objectContaining({
        username: managerA.username,
        prisonId: a.prison.id,
        prisonerId: pa.id,
        outcome: 'SUCCESS',
        statusCode: 200,
      }),
      expect.objectContaining({ username: managerA.username, prisonerId: null, outcome: 'DENIED', statusCode: 404 }),
    ]);
  });
});
