import { DEMO_PASSWORD, DEMO_USERS } from '../seeds/demo/demo-users';
import { loadDemoData } from '../seeds/demo/load-demo-data';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The one test file that uses the demo data: it checks the loader and what a newcomer sees first.
describe('national demo data', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-23T09:00:00' });
    await resetDatabase(t.dataSource);
    // Without the plan (allocations, referrals…): nothing here reads it, and demo-history loads it all.
    const summary = await loadDemoData(t.dataSource, { today: '2026-11-23', plan: false });
    expect(summary).toMatchObject({ skipped: false, regions: 5, prisons: 45, users: DEMO_USERS.length });
    const login = await t.http().post('/auth/login').send({ username: 'national.admin', password: DEMO_PASSWORD }).expect(200);
    token = login.body.accessToken;
  }, 120_000);
  afterAll(() => t.close());

  it('is loaded once: a second load is skipped', async () => {
    expect((await loadDemoData(t.dataSource)).skipped).toBe(true);
  });

  it('has 45 prisons in 5 regions with about 4,000 places', async () => {
    const res = await t.http().get('/prisons?pageSize=100').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.total).toBe(45);
    const places = res.body.items.reduce((n: number, p: { capacity: number }) => n + p.capacity, 0);
    expect(places).toBeGreaterThanOrEqual(3900);
    expect(places).toBeLessThanOrEqual(4100);
    const byName = Object.fromEntries(res.body.items.map((p: { name: string; capacity: number }) => [p.name, p.capacity]));
    expect(byName['Oslo fengsel']).toBe(392);
    expect(byName['Sandefjord fengsel']).toBe(13);
    expect((await t.http().get('/regions').set('Authorization', `Bearer ${token}`).expect(200)).body).toHaveLength(5);
  });

  it('holds ~370–392 prisoners at Oslo, paged', async () => {
    const prisons = await t.http().get('/prisons?pageSize=100').set('Authorization', `Bearer ${token}`).expect(200);
    const oslo = prisons.body.items.find((p: { code: string }) => p.code === 'OSL');
    const page = await t
      .http()
      .get(`/prisons/${oslo.id}/prisoners?pageSize=200&page=2`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(page.body.total).toBeGreaterThanOrEqual(370);
    expect(page.body.total).toBeLessThanOrEqual(392);
    expect(page.body.items).toHaveLength(page.body.total - 200);
  });

  it.each(DEMO_USERS.map((u) => [u.username, u.role]))('demo user %s signs in as %s', async (username, role) => {
    const login = await t.http().post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.roles).toEqual([role]);
    expect(me.body.prisonIds).toHaveLength(role === 'NATIONAL_ADMIN' ? 0 : 1);
  });

  it('an Oslo officer sees Oslo’s prisoners and not Bergen’s', async () => {
    const login = await t.http().post('/auth/login').send({ username: 'oslo.officer', password: DEMO_PASSWORD }).expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    const prisons = await t.http().get('/prisons?pageSize=100').set('Authorization', auth).expect(200);
    const bergen = prisons.body.items.find((p: { code: string }) => p.code === 'BGO');
    await t.http().get(`/prisons/${bergen.id}/prisoners`).set('Authorization', auth).expect(404);
    const mine = await t.http().get('/prisoners?pageSize=1').set('Authorization', auth).expect(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(370);
  });
});
