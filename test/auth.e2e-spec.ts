import { JwtService } from '@nestjs/jwt';
import { AppUser } from '../src/auth/entities/app-user.entity';
import { Role } from '../src/auth/roles';
import { createUser, TEST_PASSWORD } from './factories/user.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('sign-in, tokens and throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '6' } });
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  it('signs in and tells the user who they are', async () => {
    const user = await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'ola.officer' });
    const res = await t.http().post('/auth/login').send({ username: 'Ola.Officer ', password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({ userId: user.id, username: 'ola.officer', roles: ['OFFICER'], staffMemberId: user.staffMemberId, prisonIds: [] });
  });

  it('gives one generic message for an unknown user and a wrong password', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'kari' });
    const wrong = await t.http().post('/auth/login').send({ username: 'kari', password: 'nope' }).expect(401);
    const unknown = await t.http().post('/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password' });
  });

  it('refuses an inactive user with the same message', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'gone', active: false });
    const res = await t.http().post('/auth/login').send({ username: 'gone', password: TEST_PASSWORD }).expect(401);
    expect(res.body.message).toBe('Wrong username or password');
  });

  it('locks a username after repeated failures, even for the right password', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'target' });
    for (let i = 0; i < 3; i++) await t.http().post('/auth/login').send({ username: 'target', password: `guess${i}` }).expect(401);
    const locked = await t.http().post('/auth/login').send({ username: 'target', password: TEST_PASSWORD }).expect(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins; try again in \d+ minute/);
    // Other users are not affected by this username's lock.
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'bystander' });
    await t.http().post('/auth/login').send({ username: 'bystander', password: TEST_PASSWORD }).expect(200);
  });

  it('locks a client address that fails across many usernames', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'victim' });
    for (let i = 0; i < 6; i++) await t.http().post('/auth/login').send({ username: `spray${i}`, password: 'x' }).expect(401);
    await t.http().post('/auth/login').send({ username: 'victim', password: TEST_PASSWORD }).expect(429);
  });

  it('rotates refresh tokens: the new one works once, the old one never again', async () => {
    const s = await signIn(t, [Role.MANAGER]);
    const r1 = await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);
    await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await t.http().post('/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
  });

  it('sign-out revokes the session: its access and refresh tokens stop working at once', async () => {
    const s = await signIn(t, [Role.OFFICER]);
    await s.get('/auth/me').expect(200);
    await s.post('/auth/logout').expect(204);
    const after = await s.get('/auth/me').expect(401);
    expect(after.body.message).toMatch(/expired or revoked/);
    await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('deactivating a user or changing their password signs them out everywhere', async () => {
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const s = await signIn(t, [Role.OFFICER]);
    await admin.patch(`/users/${s.userId}`).send({ active: false }).expect(200);
    await s.get('/auth/me').expect(401);
    const s2 = await signIn(t, [Role.OFFICER]);
    await admin.patch(`/users/${s2.userId}`).send({ password: 'a-brand-new-long-password' }).expect(200);
    await s2.get('/auth/me').expect(401);
  });

  describe('hostile tokens are refused with 401', () => {
    const cases: Array<[string, (t: TestApp, sid: string, sub: string) => string]> = [
      ['no scheme', () => 'abc'],
      ['garbage bearer', () => 'Bearer abc'],
      ['three garbage parts', () => 'Bearer a.b.c'],
      ['alg none', (_t, sid, sub) => `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, sid })).toString('base64url')}.`],
      ['another secret', (_t, sid, sub) => `Bearer ${new JwtService({ secret: 'x'.repeat(40) }).sign({ sub, sid })}`],
      ['expired', (t, sid, sub) => `Bearer ${t.app.get(JwtService).sign({ sub, sid }, { expiresIn: -10 })}`],
      ['unknown session', (t, _sid, sub) => `Bearer ${t.app.get(JwtService).sign({ sub, sid: '5f0e2c55-7b0e-4c57-9d0f-2d1c8d8a9e01' })}`],
      ['claims of the wrong type', (t) => `Bearer ${t.app.get(JwtService).sign({ sub: 42, sid: ['x'] })}`],
      ['SQL in the claims', (t) => `Bearer ${t.app.get(JwtService).sign({ sub: "' OR 1=1 --", sid: "'; DROP TABLE app_user; --" })}`],
      ['a huge header', () => `Bearer ${'a'.repeat(6000)}.${'b'.repeat(6000)}.${'c'.repeat(100)}`],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const s = await signIn(t, [Role.NATIONAL_ADMIN]);
      const { sid } = t.app.get(JwtService).decode<{ sid: string }>(s.accessToken);
      const before = await countRows(t.dataSource, ['app_user', 'auth_session']);
      const res = await t.http().get('/users').set('Authorization', make(t, sid, s.userId));
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/Sign in/);
      expect(await countRows(t.dataSource, ['app_user', 'auth_session'])).toEqual(before);
      expect(await t.dataSource.getRepository(AppUser).count()).toBeGreaterThan(0);
    });
  });

  it('user administration validates input and refuses duplicates', async () => {
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const created = await admin.post('/users').send({ username: 'New.User', password: 'long-enough-password', roles: ['TEACHER'] }).expect(201);
    expect(created.body).toMatchObject({ username: 'new.user', roles: ['TEACHER'], active: true, staffMemberId: null });
    expect(created.body).not.toHaveProperty('passwordHash');
    await admin.post('/users').send({ username: 'new.user', password: 'long-enough-password', roles: ['TEACHER'] }).expect(409);
    const before = await countRows(t.dataSource, ['app_user']);
    for (const body of [
      { username: 'x', password: 'long-enough-password', roles: ['TEACHER'] },
      { username: 'ok.name', password: 'short', roles: ['TEACHER'] },
      { username: 'ok.name', password: 'long-enough-password', roles: [] },
      { username: 'ok.name', password: 'long-enough-password', roles: ['ROOT'] },
      { username: 'ok.name', password: 'long-enough-password', roles: ['TEACHER'], isSuperuser: true },
    ]) {
      await admin.post('/users').send(body).expect(400);
    }
    expect(await countRows(t.dataSource, ['app_user'])).toEqual(before);
    await t.http().post('/auth/login').send({ username: 'new.user', password: 'long-enough-password' }).expect(200);
  });
});
