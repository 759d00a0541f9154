import { Role } from '../src/auth/roles';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// The organisation pages (/app/admin) over HTTP: post/redirect/get, refusals shown on the form with the
// API's status, national administrators only. The browser test (test/browser/org-admin.browser-spec.ts)
// drives the same pages in Chromium.
const ORG_TABLES = ['region', 'prison', 'unit', 'staff_member', 'staff_member_prison', 'app_user'];

describe('organisation administration pages', () => {
  let t: TestApp;
  let admin: SignedIn;
  const form = (url: string, body: Record<string, string | string[]>) => admin.post(url).type('form').send(body);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    admin = await signInAdmin(t);
  });

  it('region → prison → units → staff → user, each a 303 to a page that shows it', async () => {
    const r = await form('/app/admin/regions', { code: 'OST', name: 'Region øst' }).expect(303);
    expect(r.headers.location).toBe('/app/admin?done=created%3ARegion%20%C3%B8st');
    const [{ id: regionId }] = await t.dataSource.query(`SELECT id FROM region`);
    expect((await admin.get(r.headers.location).expect(200)).text).toContain('Region øst er opprettet.');
    const p = await form('/app/admin/prisons', {
      code: 'osl',
      name: 'Oslo fengsel',
      regionId,
      securityLevel: 'HIGH',
      capacity: '240',
      amStart: '07:45',
      amEnd: '11:30',
      pmStart: '12:00',
      pmEnd: '15:00',
    }).expect(303);
    const prisonUrl = p.headers.location.split('?')[0];
    const prisonPage = (await admin.get(prisonUrl).expect(200)).text;
    expect(prisonPage).toContain('<h1>Oslo fengsel (OSL)</h1>');
    const prisonId = prisonUrl.split('/').pop() as string;
    await form(`/app/admin/prisons/${prisonId}/units`, { name: 'Avdeling A', securityLevel: 'HIGH', capacity: '40' }).expect(303);
    await form('/app/admin/staff', {
      firstName: 'Ola',
      lastName: 'Nordmann',
      roles: ['WORK_PROGRAMME_OFFICER', 'TEACHER'],
      employer: 'CORRECTIONAL_SERVICE',
      employerName: '',
      email: '',
      prisonIds: prisonId,
    }).expect(303);
    const [{ id: staffId }] = await t.dataSource.query(`SELECT id FROM staff_member WHERE last_name = 'Nordmann'`);
    await form('/app/admin/users', {
      username: 'ola',
      password: 'et-passord-som-er-langt-nok',
      staffMemberId: staffId,
      roles: 'OFFICER',
    }).expect(303);
    const login = await t.http().post('/auth/login').send({ username: 'ola', password: 'et-passord-som-er-langt-nok' }).expect(200);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ roles: ['OFFICER'], prisonIds: [prisonId] });
    const prison = (await admin.get(`/prisons/${prisonId}`).expect(200)).body;
    expect(prison).toMatchObject({
      code: 'OSL',
      capacity: 240,
      dayRegime: { amStart: '07:45', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' },
    });
    expect((await admin.get('/app/admin/staff?lang=en').expect(200)).text).toContain('Work programme officer, Teacher');
  });

  it('a refused form comes back with the reason, the values and the status; nothing is written', async () => {
    await form('/app/admin/regions', { code: 'OST', name: 'Region øst' }).expect(303);
    const before = await countRows(t.dataSource, ORG_TABLES);
    const taken = await form('/app/admin/regions', { code: 'OST', name: 'Annen' }).expect(409);
    expect(taken.text).toContain('En region med den koden eller det navnet finnes allerede.');
    expect(taken.text).toContain('value="Annen"');
    const [{ id: regionId }] = await t.dataSource.query(`SELECT id FROM region`);
    const order = await form('/app/admin/prisons', {
      code: 'OSL',
      name: 'Oslo',
      regionId,
      securityLevel: 'HIGH',
      capacity: '10',
      amStart: '12:00',
      amEnd: '11:30',
      pmStart: '12:00',
      pmEnd: '15:00',
    }).expect(400);
    expect(order.text).toContain('Dagsrytmen må gå i rekkefølge');
    const bad = await form('/app/admin/prisons', { code: 'OSL', name: 'Oslo', regionId, securityLevel: 'HIGH', capacity: 'mange' }).expect(
      400,
    );
    expect(bad.text).toContain('Skjemaet har feil');
    const weak = await form('/app/admin/users', { username: 'kari', password: 'kort', roles: 'NATIONAL_ADMIN' }).expect(400);
    expect(weak.text).toContain('password must be longer than or equal to 12 characters');
    expect(weak.text).not.toContain('kort"');
    expect(await countRows(t.dataSource, ORG_TABLES)).toEqual(before);
  });

  it('deactivate and reactivate by button; other roles get 403', async () => {
    await form('/app/admin/regions', { code: 'OST', name: 'Region øst' }).expect(303);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM region`);
    expect((await form(`/app/admin/regions/${id}/active`, { active: 'false' }).expect(303)).headers.location).toContain('deactivated');
    expect((await t.dataSource.query(`SELECT active FROM region`))[0].active).toBe(false);
    await form(`/app/admin/regions/${id}/active`, { active: 'true' }).expect(303);
    expect((await t.dataSource.query(`SELECT active FROM region`))[0].active).toBe(true);
    const manager = await signIn(t, [Role.MANAGER], []);
    await manager.get('/app/admin').expect(403);
    await manager.post('/app/admin/regions').type('form').send({ code: 'NY', name: 'Ny' }).expect(403);
  });
});
