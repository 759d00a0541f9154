import request from 'supertest';
import { ensureAdminCliBuilt, runAdminCli } from './support/admin-cli';
import { countRows, createTestApp, resetDatabase, TestApp, testDatabaseUrl } from './support/test-app';

// Issue 15, "Done when" for the first admin and the organisation: from an empty database with demo data
// off, the first administrator comes from the command, and everything else from the API. No SQL.
const ADMIN_PASSWORD = 'Første-admin-passord-2026';
const USER_PASSWORD = 'et-passord-som-er-langt-nok';

describe('going live from an empty database: first admin by command, organisation by API', () => {
  let t: TestApp;

  beforeAll(async () => {
    ensureAdminCliBuilt();
    t = await createTestApp({ env: { SEED_DEMO_DATA_ON_EMPTY: 'false' } });
    await resetDatabase(t.dataSource);
  }, 600000);
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => t.http().post(url).set('Authorization', `Bearer ${token}`),
  });
  const login = async (username: string, password: string) =>
    (await t.http().post('/auth/login').send({ username, password }).expect(200)).body.accessToken as string;

  it('admin, two regions, two prisons with units, staff and their users; each user then sees their own prison', async () => {
    expect(await countRows(t.dataSource, ['app_user', 'region', 'prison', 'unit', 'staff_member'])).toEqual({
      app_user: 0,
      region: 0,
      prison: 0,
      unit: 0,
      staff_member: 0,
    });
    const cli = await runAdminCli(['--username', 'forste.admin'], { DATABASE_URL: testDatabaseUrl(), ADMIN_PASSWORD });
    expect(cli.code).toBe(0);
    const admin = as(await login('forste.admin', ADMIN_PASSWORD));

    const ost = (await admin.post('/regions').send({ code: 'OST', name: 'Region øst' }).expect(201)).body;
    const vest = (await admin.post('/regions').send({ code: 'VEST', name: 'Region vest' }).expect(201)).body;
    const oslo = (
      await admin
        .post('/prisons')
        .send({ code: 'OSL', name: 'Oslo fengsel', regionId: ost.id, securityLevel: 'HIGH', capacity: 240 })
        .expect(201)
    ).body;
    const bergen = (
      await admin
        .post('/prisons')
        .send({
          code: 'BRG',
          name: 'Bergen fengsel',
          regionId: vest.id,
          securityLevel: 'LOW',
          capacity: 80,
          dayRegime: { amStart: '08:15', amEnd: '11:30', pmStart: '12:15', pmEnd: '15:00' },
        })
        .expect(201)
    ).body;
    for (const [prison, names] of [
      [oslo, ['Avdeling A', 'Avdeling B']],
      [bergen, ['Avdeling 1']],
    ] as const)
      for (const name of names)
        await admin.post(`/prisons/${prison.id}/units`).send({ name, securityLevel: prison.securityLevel, capacity: 20 }).expect(201);

    const staff = async (firstName: string, roles: string[], employer: string, prisonIds: string[]) =>
      (await admin.post('/staff').send({ firstName, lastName: 'Testesen', roles, employer, prisonIds }).expect(201)).body.id as string;
    const osloOfficer = await staff('Ola', ['WORK_PROGRAMME_OFFICER'], 'CORRECTIONAL_SERVICE', [oslo.id]);
    const osloManager = await staff('Mona', ['PRISON_MANAGER'], 'CORRECTIONAL_SERVICE', [oslo.id]);
    const teacher = await staff('Lise', ['TEACHER'], 'COUNTY_AUTHORITY', [oslo.id, bergen.id]);
    const bergenOfficer = await staff('Per', ['WORK_PROGRAMME_OFFICER'], 'MUNICIPALITY', [bergen.id]);
    const user = (username: string, roles: string[], staffMemberId: string) =>
      admin.post('/users').send({ username, password: USER_PASSWORD, roles, staffMemberId }).expect(201);
    await user('ola', ['OFFICER'], osloOfficer);
    await user('mona', ['MANAGER'], osloManager);
    await user('lise', ['TEACHER'], teacher);
    await user('per', ['OFFICER'], bergenOfficer);

    expect(await countRows(t.dataSource, ['app_user', 'region', 'prison', 'unit', 'staff_member', 'staff_member_prison'])).toEqual({
      app_user: 5,
      region: 2,
      prison: 2,
      unit: 3,
      staff_member: 4,
      staff_member_prison: 5,
    });
    // Scoping follows the staff member's prisons.
    const ola = as(await login('ola', USER_PASSWORD));
    const olaSees = (await ola.get('/staff').expect(200)).body.items.map((s: { firstName: string }) => s.firstName).sort();
    expect(olaSees).toEqual(['Lise', 'Mona', 'Ola']);
    await ola.get(`/prisons/${bergen.id}/prisoners`).expect(404);
    const mona = as(await login('mona', USER_PASSWORD));
    await mona.post('/regions').send({ code: 'NORD', name: 'Region nord' }).expect(403);
    const per = as(await login('per', USER_PASSWORD));
    expect((await per.get('/staff').expect(200)).body.items.map((s: { firstName: string }) => s.firstName).sort()).toEqual(['Lise', 'Per']);
    expect((await per.get(`/prisons/${bergen.id}`).expect(200)).body.dayRegime).toEqual({
      amStart: '08:15',
      amEnd: '11:30',
      pmStart: '12:15',
      pmEnd: '15:00',
    });
    const lise = as(await login('lise', USER_PASSWORD));
    await (lise.get('/auth/me') as request.Test).expect(200);
  });
});
