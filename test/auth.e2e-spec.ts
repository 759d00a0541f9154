import { JwtService } from '@nestjs/jwt';
import { AppUser } from '../src/auth/entities/app-user.entity';
import { Role } from '../src/auth/roles';
import { createUser, TEST_PASSWORD } from './factories/user.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

function setCookie(header: unknown, name: string): string {
  const line = (Array.isArray(header) ? (header as string[]) : []).find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`No ${name} cookie was set`);
  return decodeURIComponent(line.slice(name.length + 1).split(';')[0]);
}

describe('sign-in, tokens and throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The test client connects over loopback, as a reverse proxy on the same machine would: with
    // TRUST_PROXY=loopback, X-Forwarded-For gives each request its client address.
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '6', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  it('signs in and tells the user who they are', async () => {
    const user = await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'ola.officer' });
    const res = await t.http().post('/auth/login').send({ username: 'Ola.Officer ', password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({
      userId: user.id,
      username: 'ola.officer',
      roles: ['OFFICER'],
      staffMemberId: user.staffMemberId,
      prisonIds: [],
    });
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

  const login = (username: string, password: string, address?: string) => {
    const req = t.http().post('/auth/login');
    return (address ? req.set('X-Forwarded-For', address) : req).send({ username, password });
  };

  it('locks a username after repeated failures from one address, even for the right password', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'target' });
    for (let i = 0; i < 3; i++)
      await t
        .http()
        .post('/auth/login')
        .send({ username: 'target', password: `guess${i}` })
        .expect(401);
    const locked = await t.http().post('/auth/login').send({ username: 'target', password: TEST_PASSWORD }).expect(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins; try again in \d+ minute/);
    // Other users are not affected by this username's lock.
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'bystander' });
    await t.http().post('/auth/login').send({ username: 'bystander', password: TEST_PASSWORD }).expect(200);
  });

  it('a burst of parallel wrong passwords gets no more password checks than the limit', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'burst' });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login('burst', `guess${i}`, '198.51.100.40')));
    const statuses = answers.map((r) => r.status).sort();
    // LOGIN_MAX_FAILURES_PER_USER is 3 here: three passwords checked, the other nine refused unchecked.
    expect(statuses).toEqual([...Array(3).fill(401), ...Array(9).fill(429)]);
    await login('burst', TEST_PASSWORD, '198.51.100.40').expect(429);
  });

  it('right passwords sent side by side at the edge of the limit all sign in (a double-click is not refused)', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'regular' });
    // LOGIN_MAX_FAILURES_PER_IP is 6: five failures; four right sign-ins at once then go one after the other.
    for (let i = 0; i < 5; i++) await login(`nobody${i}`, 'x', '198.51.100.41').expect(401);
    const answers = await Promise.all(Array.from({ length: 4 }, () => login('regular', TEST_PASSWORD, '198.51.100.41')));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // They counted nothing: one more failure is still answered, and it locks the address.
    await login('nobody9', 'x', '198.51.100.41').expect(401);
    await login('regular', TEST_PASSWORD, '198.51.100.41').expect(429);
  });

  it('locks a client address that fails across many usernames', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'victim' });
    for (let i = 0; i < 6; i++)
      await t
        .http()
        .post('/auth/login')
        .send({ username: `spray${i}`, password: 'x' })
        .expect(401);
    await t.http().post('/auth/login').send({ username: 'victim', password: TEST_PASSWORD }).expect(429);
  });

  it('failures from one address lock that address for the user; the owner still signs in from another', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'owner' });
    for (let i = 0; i < 3; i++) await login('owner', `guess${i}`, '198.51.100.7').expect(401);
    const locked = await login('owner', TEST_PASSWORD, '198.51.100.7').expect(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins/);
    const res = await login('owner', TEST_PASSWORD, '203.0.113.20').expect(200);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    // Still locked where the guessing came from.
    await login('owner', TEST_PASSWORD, '198.51.100.7').expect(429);
  });

  it('an address spraying many usernames is locked for every username, other addresses are not', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'neighbour' });
    for (let i = 0; i < 6; i++) await login(`spray${i}`, 'x', '198.51.100.66').expect(401);
    await login('neighbour', TEST_PASSWORD, '198.51.100.66').expect(429);
    await login(`spray-next`, 'x', '198.51.100.66').expect(429);
    await login('neighbour', TEST_PASSWORD, '203.0.113.21').expect(200);
  });

  it('many addresses guessing one username lock it for new addresses, but not where the owner signed in before', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'popular' });
    await login('popular', TEST_PASSWORD, '192.0.2.10').expect(200);
    // 10 × the per-address limit (3) = the username-wide limit (30), from 10 addresses.
    for (let a = 0; a < 10; a++) for (let i = 0; i < 3; i++) await login('popular', `guess${a}-${i}`, `198.51.100.${100 + a}`).expect(401);
    await login('popular', TEST_PASSWORD, '203.0.113.30').expect(429);
    await login('popular', 'guess-from-new', '203.0.113.31').expect(429);
    await login('popular', TEST_PASSWORD, '192.0.2.10').expect(200);
  });

  it('rotates refresh tokens: the new one works once, the old one never again', async () => {
    const s = await signIn(t, [Role.MANAGER]);
    const r1 = await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);
    const r2 = await t.http().post('/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${r2.body.accessToken}`).expect(200);
    await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('a rotated-out refresh token presented again revokes the whole session, and the reuse is audited', async () => {
    const s = await signIn(t, [Role.OFFICER]);
    const { sid } = t.app.get(JwtService).decode<{ sid: string }>(s.accessToken);
    const r2 = await t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    // R1 again: a copy of it is in someone else's hands (or the client replayed it).
    const reuse = await t
      .http()
      .post('/auth/refresh')
      .set('X-Request-Id', 'reuse-test-1')
      .send({ refreshToken: s.refreshToken })
      .expect(401);
    expect(reuse.body.message).toMatch(/Sign in again/);
    await t.http().post('/auth/refresh').send({ refreshToken: r2.body.refreshToken }).expect(401);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${r2.body.accessToken}`).expect(401);
    await s.get('/auth/me').expect(401);
    const [session] = await t.dataSource.query(`SELECT revoked_at IS NOT NULL AS revoked FROM auth_session WHERE id = $1`, [sid]);
    expect(session).toEqual({ revoked: true });
    const events = await t.dataSource.query(
      `SELECT user_id, username, action, method, path, subject_type, subject_id, request_id, outcome, status_code FROM audit_event WHERE action = 'auth.refresh_reuse'`,
    );
    expect(events).toEqual([
      {
        user_id: s.userId,
        username: s.username,
        action: 'auth.refresh_reuse',
        method: 'POST',
        path: '/auth/refresh',
        subject_type: 'auth_session',
        subject_id: sid,
        request_id: 'reuse-test-1',
        outcome: 'DENIED',
        status_code: 401,
      },
    ]);
    // Other sessions of the same user are not affected.
    const other = await t.http().post('/auth/login').send({ username: s.username, password: TEST_PASSWORD }).expect(200);
    await t.http().post('/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
  });

  it('simultaneous refreshes with one token: exactly one succeeds, and the duplicates revoke the session', async () => {
    const s = await signIn(t, [Role.OFFICER]);
    const results = await Promise.all([1, 2, 3, 4].map(() => t.http().post('/auth/refresh').send({ refreshToken: s.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
    const winner = results.find((r) => r.status === 200);
    await t.http().post('/auth/refresh').send({ refreshToken: winner?.body.refreshToken }).expect(401);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reuse' AND user_id = $1`,
      [s.userId],
    );
    expect(n).toBe(3);
  });

  it('the web session cookie is the same credential: swapping it through /auth/refresh and presenting the old cookie revokes the session', async () => {
    const user = await createUser(t.dataSource, { roles: [Role.OFFICER] });
    const cookie = await webSignIn(user.username);
    const page = (c: string) =>
      t
        .http()
        .get('/app')
        .set('Cookie', `ka_session=${encodeURIComponent(c)}`)
        .expect(302);
    expect((await page(cookie)).headers.location).toBe('/app/planner');
    // Someone with a copy of the cookie rotates it through the API ...
    const stolen = await t.http().post('/auth/refresh').send({ refreshToken: cookie }).expect(200);
    // ... and the owner's browser presents the old cookie: the whole session ends.
    expect((await page(cookie)).headers.location).toMatch(/^\/app\/login/);
    await t.http().post('/auth/refresh').send({ refreshToken: stolen.body.refreshToken }).expect(401);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${stolen.body.accessToken}`).expect(401);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reuse' AND user_id = $1 AND path = '/app'`,
      [user.id],
    );
    expect(n).toBe(1);
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

  /** Signs in through the web sign-in form (double-submit CSRF cookie) and returns the session cookie's value. */
  async function webSignIn(username: string): Promise<string> {
    const form = await t.http().get('/app/login').expect(200);
    const csrf = setCookie(form.headers['set-cookie'], 'ka_login_csrf');
    const res = await t
      .http()
      .post('/app/login')
      .set('Cookie', `ka_login_csrf=${csrf}`)
      .type('form')
      .send({ username, password: TEST_PASSWORD, _csrf: csrf })
      .expect(303);
    return setCookie(res.headers['set-cookie'], 'ka_session');
  }

  describe('hostile tokens are refused with 401', () => {
    const cases: Array<[string, (t: TestApp, sid: string, sub: string) => string]> = [
      ['no scheme', () => 'abc'],
      ['garbage bearer', () => 'Bearer abc'],
      ['three garbage parts', () => 'Bearer a.b.c'],
      [
        'alg none',
        (_t, sid, sub) =>
          `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, sid })).toString('base64url')}.`,
      ],
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
      const res = await t
        .http()
        .get('/users')
        .set('Authorization', make(t, sid, s.userId));
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/Sign in/);
      expect(await countRows(t.dataSource, ['app_user', 'auth_session'])).toEqual(before);
      expect(await t.dataSource.getRepository(AppUser).count()).toBeGreaterThan(0);
    });
  });

  it('user administration validates input and refuses duplicates', async () => {
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const created = await admin
      .post('/users')
      .send({ username: 'New.User', password: 'long-enough-password', roles: ['TEACHER'] })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'new.user', roles: ['TEACHER'], active: true, staffMemberId: null });
    expect(created.body).not.toHaveProperty('passwordHash');
    await admin
      .post('/users')
      .send({ username: 'new.user', password: 'long-enough-password', roles: ['TEACHER'] })
      .expect(409);
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

describe('sign-in throttling without TRUST_PROXY', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_IP: '6', TRUST_PROXY: 'false' } });
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  it('ignores X-Forwarded-For: a guesser cannot dodge the per-address lock by inventing addresses', async () => {
    await createUser(t.dataSource, { roles: [Role.OFFICER], username: 'careful' });
    for (let i = 0; i < 3; i++)
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ username: 'careful', password: `guess${i}` })
        .expect(401);
    await t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', '203.0.113.99')
      .send({ username: 'careful', password: TEST_PASSWORD })
      .expect(429);
    const [session] = await t.dataSource.query(`SELECT count(*)::int AS n FROM auth_session`);
    expect(session).toEqual({ n: 0 });
  });
});

describe('the signing key made from JWT_SECRET', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters-long';
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET: secret } });
  });
  afterAll(() => t.close());

  // The app hands jsonwebtoken a key object made once from JWT_SECRET's bytes (auth.module.ts), not the
  // string: a token another replica signed with the plain string must still be accepted, and only that.
  it('accepts a token signed with the same secret as a plain string, and refuses one a character off', async () => {
    await resetDatabase(t.dataSource);
    const s = await signIn(t, [Role.NATIONAL_ADMIN]);
    const { sid } = t.app.get(JwtService).decode<{ sid: string }>(s.accessToken);
    const signedWith = (key: string) => `Bearer ${new JwtService({ secret: key }).sign({ sub: s.userId, sid }, { expiresIn: 60 })}`;
    await t.http().get('/auth/me').set('Authorization', signedWith(secret)).expect(200);
    await t
      .http()
      .get('/auth/me')
      .set('Authorization', signedWith(`${secret.slice(0, -1)}x`))
      .expect(401);
  });
});
