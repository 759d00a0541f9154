import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Organisation administration API (issue 15 item 2): validated, audited, scoped, deactivate-not-delete.
const ORG_TABLES = ['region', 'prison', 'unit', 'staff_member', 'staff_member_prison', 'app_user'];

describe('organisation administration API', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    admin = await signInAdmin(t);
  });

  const newRegion = async (code = 'OST', name = 'Region øst') => (await admin.post('/regions').send({ code, name }).expect(201)).body;
  const newPrison = async (regionId: string, extra: Record<string, unknown> = {}) =>
    (
      await admin
        .post('/prisons')
        .send({ code: 'OSL', name: 'Oslo fengsel', regionId, securityLevel: 'HIGH', capacity: 250, ...extra })
        .expect(201)
    ).body;

  it('creates a region, a prison with its day regime, units and a staff member serving it, as stored and read back', async () => {
    const region = await newRegion(' ost ', ' Region øst ');
    expect(region).toEqual({ id: expect.any(String), code: 'OST', name: 'Region øst', active: true });
    const prison = await newPrison(region.id, { dayRegime: { amStart: '07:45', amEnd: '11:15', pmStart: '12:00', pmEnd: '14:30' } });
    expect(prison).toMatchObject({
      code: 'OSL',
      name: 'Oslo fengsel',
      regionId: region.id,
      securityLevel: 'HIGH',
      capacity: 250,
      timeZone: 'Europe/Oslo',
      dayRegime: { amStart: '07:45', amEnd: '11:15', pmStart: '12:00', pmEnd: '14:30' },
      active: true,
    });
    const unitA = (
      await admin.post(`/prisons/${prison.id}/units`).send({ name: 'Avdeling A', securityLevel: 'HIGH', capacity: 40 }).expect(201)
    ).body;
    await admin.post(`/prisons/${prison.id}/units`).send({ name: 'Avdeling B', securityLevel: 'LOW', capacity: 20 }).expect(201);
    expect((await admin.get(`/prisons/${prison.id}/units`).expect(200)).body.map((u: { name: string }) => u.name)).toEqual([
      'Avdeling A',
      'Avdeling B',
    ]);
    const staff = (
      await admin
        .post('/staff')
        .send({
          firstName: 'Lærer',
          lastName: 'Larsen',
          roles: ['TEACHER'],
          employer: 'COUNTY_AUTHORITY',
          employerName: 'Oslo fylkeskommune',
          prisonIds: [prison.id],
        })
        .expect(201)
    ).body;
    expect(staff).toMatchObject({ roles: ['TEACHER'], employer: 'COUNTY_AUTHORITY', prisonIds: [prison.id], active: true });
    expect((await admin.get(`/staff/${staff.id}`).expect(200)).body).toMatchObject({
      employerName: 'Oslo fylkeskommune',
      prisonIds: [prison.id],
    });
    const patched = (await admin.patch(`/units/${unitA.id}`).send({ capacity: 44, name: 'Avdeling A1' }).expect(200)).body;
    expect(patched).toMatchObject({ capacity: 44, name: 'Avdeling A1', active: true });

    // Every write is in the audit trail with the administrator.
    const actions = await t.dataSource.query<Array<{ action: string; username: string; outcome: string }>>(
      `SELECT action, username, outcome FROM audit_event WHERE method <> 'GET' AND action NOT LIKE '%/auth/%' ORDER BY occurred_at, action`,
    );
    expect(actions.map((a) => a.action).sort()).toEqual(
      ['PATCH /units/:id', 'POST /prisons', 'POST /prisons/:id/units', 'POST /prisons/:id/units', 'POST /regions', 'POST /staff'].sort(),
    );
    expect(new Set(actions.map((a) => `${a.username} ${a.outcome}`))).toEqual(new Set([`${admin.username} SUCCESS`]));
  });

  it('refuses bad input with 400 and taken codes or names with 409, writing nothing', async () => {
    const region = await newRegion();
    await newPrison(region.id);
    const before = await countRows(t.dataSource, ORG_TABLES);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['/regions', { code: 'ø', name: 'X' }],
      ['/regions', { code: 'VEST', name: 'Region vest', extra: 1 }],
      ['/prisons', { code: 'BRG', name: 'Bergen fengsel', regionId: region.id, securityLevel: 'MEDIUM', capacity: 10 }],
      ['/prisons', { code: 'BRG', name: 'Bergen fengsel', regionId: region.id, securityLevel: 'LOW', capacity: 0 }],
      ['/prisons', { code: 'BRG', name: 'Bergen fengsel', regionId: 'x', securityLevel: 'LOW', capacity: 10 }],
      [
        '/prisons',
        {
          code: 'BRG',
          name: 'Bergen',
          regionId: region.id,
          securityLevel: 'LOW',
          capacity: 10,
          dayRegime: { amStart: '8', amEnd: '11:00', pmStart: '12:00', pmEnd: '15:00' },
        },
      ],
      ['/staff', { firstName: 'A', lastName: 'B', roles: [], employer: 'MUNICIPALITY', prisonIds: [] }],
      ['/staff', { firstName: 'A', lastName: 'B', roles: ['TEACHER'], employer: 'SCHOOL', prisonIds: [] }],
    ];
    for (const [url, body] of bad)
      expect({ url, body, status: (await admin.post(url).send(body)).status }).toEqual({ url, body, status: 400 });
    const order = await admin
      .post('/prisons')
      .send({
        code: 'BRG',
        name: 'Bergen',
        regionId: region.id,
        securityLevel: 'LOW',
        capacity: 10,
        dayRegime: { amStart: '12:00', amEnd: '11:00', pmStart: '12:00', pmEnd: '15:00' },
      })
      .expect(400);
    expect(order.body.details).toEqual({ code: 'DAY_REGIME_ORDER' });
    expect((await admin.post('/regions').send({ code: 'OST', name: 'Annen' }).expect(409)).body.details).toMatchObject({
      code: 'REGION_TAKEN',
    });
    expect((await admin.post('/regions').send({ code: 'NY', name: 'region ØST' }).expect(409)).body.details).toMatchObject({
      code: 'REGION_TAKEN',
    });
    expect(
      (
        await admin
          .post('/prisons')
          .send({ code: 'osl', name: 'Annet', regionId: region.id, securityLevel: 'LOW', capacity: 5 })
          .expect(409)
      ).body.details,
    ).toMatchObject({ code: 'PRISON_TAKEN' });
    await admin
      .post('/prisons')
      .send({ code: 'NYX', name: 'Nytt', regionId: '00000000-0000-4000-8000-000000000000', securityLevel: 'LOW', capacity: 5 })
      .expect(404);
    await admin
      .post('/staff')
      .send({
        firstName: 'A',
        lastName: 'B',
        roles: ['TEACHER'],
        employer: 'MUNICIPALITY',
        prisonIds: ['00000000-0000-4000-8000-000000000000'],
      })
      .expect(404);
    expect(await countRows(t.dataSource, ORG_TABLES)).toEqual(before);
  });

  it('deactivates instead of deleting, and refuses while the row is still in use', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const held = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    expect((await admin.patch(`/units/${unit.id}`).send({ active: false }).expect(422)).body.details).toEqual({
      code: 'UNIT_HAS_PRISONERS',
      held: 1,
    });
    expect((await admin.patch(`/prisons/${prison.id}`).send({ active: false }).expect(422)).body.details).toEqual({
      code: 'PRISON_HAS_PRISONERS',
      held: 1,
    });
    expect((await admin.patch(`/regions/${prison.regionId}`).send({ active: false }).expect(422)).body.details).toEqual({
      code: 'REGION_HAS_ACTIVE_PRISONS',
    });
    // Released yesterday (custody ended): the prison and unit can go, history stays.
    await t.dataSource.query(`UPDATE custody_period SET to_date = '2026-11-22', end_reason = 'RELEASED' WHERE prisoner_id = $1`, [held.id]);
    expect((await admin.patch(`/units/${unit.id}`).send({ active: false }).expect(200)).body.active).toBe(false);
    expect((await admin.patch(`/prisons/${prison.id}`).send({ active: false }).expect(200)).body.active).toBe(false);
    const [row] = await t.dataSource.query(`SELECT active, deactivated_at FROM prison WHERE id = $1`, [prison.id]);
    expect(row.active).toBe(false);
    expect(row.deactivated_at).toBeInstanceOf(Date);
    // A deactivated prison takes no new units or staff; reactivation clears the date.
    expect(
      (await admin.post(`/prisons/${prison.id}/units`).send({ name: 'Ny', securityLevel: 'LOW', capacity: 3 }).expect(422)).body.details,
    ).toMatchObject({
      code: 'PRISON_INACTIVE',
    });
    await admin
      .post('/staff')
      .send({ firstName: 'A', lastName: 'B', roles: ['TEACHER'], employer: 'MUNICIPALITY', prisonIds: [prison.id] })
      .expect(422);
    expect((await admin.patch(`/prisons/${prison.id}`).send({ active: true }).expect(200)).body.active).toBe(true);
    expect((await t.dataSource.query(`SELECT deactivated_at FROM prison WHERE id = $1`, [prison.id]))[0].deactivated_at).toBeNull();
    // There is no delete.
    await admin.delete(`/prisons/${prison.id}`).expect(404);
  });

  it('a staff member with an active user is not deactivated until the user is', async () => {
    const { prison } = await createPrisonWithUnit(t.dataSource);
    const staff = (
      await admin
        .post('/staff')
        .send({
          firstName: 'Ola',
          lastName: 'Betjent',
          roles: ['WORK_PROGRAMME_OFFICER'],
          employer: 'CORRECTIONAL_SERVICE',
          prisonIds: [prison.id],
        })
        .expect(201)
    ).body;
    const user = (
      await admin
        .post('/users')
        .send({ username: 'ola.betjent', password: 'a-long-enough-password', roles: ['OFFICER'], staffMemberId: staff.id })
        .expect(201)
    ).body;
    expect((await admin.patch(`/staff/${staff.id}`).send({ active: false }).expect(422)).body.details).toEqual({
      code: 'STAFF_HAS_ACTIVE_USER',
    });
    await admin.patch(`/users/${user.id}`).send({ active: false }).expect(200);
    expect((await admin.patch(`/staff/${staff.id}`).send({ active: false }).expect(200)).body.active).toBe(false);
  });

  it('only national administrators write; a manager reads only what the read routes allow', async () => {
    const a = await createPrisonWithUnit(t.dataSource);
    const b = await createPrisonWithUnit(t.dataSource);
    const manager = await signIn(t, [Role.MANAGER], [a.prison.id]);
    const before = await countRows(t.dataSource, ORG_TABLES);
    await manager.post('/regions').send({ code: 'NY', name: 'Ny region' }).expect(403);
    await manager.patch(`/prisons/${a.prison.id}`).send({ capacity: 5 }).expect(403);
    await manager.post(`/prisons/${a.prison.id}/units`).send({ name: 'X', securityLevel: 'LOW', capacity: 3 }).expect(403);
    await manager
      .post('/staff')
      .send({ firstName: 'A', lastName: 'B', roles: ['TEACHER'], employer: 'MUNICIPALITY', prisonIds: [a.prison.id] })
      .expect(403);
    expect(await countRows(t.dataSource, ORG_TABLES)).toEqual(before);
    const staffB = (
      await admin
        .post('/staff')
        .send({ firstName: 'B', lastName: 'B', roles: ['TEACHER'], employer: 'MUNICIPALITY', prisonIds: [b.prison.id] })
        .expect(201)
    ).body;
    await manager.get(`/staff/${staffB.id}`).expect(404);
    expect((await manager.get(`/staff?prisonId=${a.prison.id}`).expect(200)).body.items.map((s: { id: string }) => s.id)).not.toContain(
      staffB.id,
    );
  });
});
