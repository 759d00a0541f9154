import { DEMO_USERS } from '../seeds/demo/demo-users';
import { Role } from '../src/auth/roles';
import { createUser } from './factories/user.factory';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The demo users' password is in the README: a production database holding one must not be served.
describe('production start-up and the demo users', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters', SEED_DEMO_DATA_ON_EMPTY: '' };
  let dev: TestApp;

  beforeAll(async () => {
    dev = await createTestApp();
    await resetDatabase(dev.dataSource);
  });
  afterAll(async () => {
    await dev.close();
    process.env.NODE_ENV = 'test';
  });

  it('refuses to start while a demo user exists, naming it', async () => {
    await createUser(dev.dataSource, { roles: [Role.NATIONAL_ADMIN], username: 'national.admin' });
    await expect(createTestApp({ env: production })).rejects.toThrow(
      /Refusing to start: this production database has demo users \(national\.admin\)/,
    );
  });

  it('starts once the demo users are gone, and loads no demo data into an empty database', async () => {
    await resetDatabase(dev.dataSource);
    await createUser(dev.dataSource, { roles: [Role.NATIONAL_ADMIN], username: 'real.admin' });
    const prod = await createTestApp({ env: production });
    try {
      await prod.http().get('/health').expect(200);
      const [{ prisons }] = await prod.dataSource.query<Array<{ prisons: number }>>('SELECT count(*)::int AS prisons FROM prison');
      expect(prisons).toBe(0);
      const users = await prod.dataSource.query<Array<{ username: string }>>('SELECT username FROM app_user WHERE username = ANY($1)', [
        DEMO_USERS.map((u) => u.username),
      ]);
      expect(users).toEqual([]);
      // The API's map is not published in production unless asked for.
      await prod.http().get('/api/docs').expect(404);
      await prod.http().get('/api/docs/openapi.json').expect(404);
    } finally {
      await prod.close();
    }
    const withDocs = await createTestApp({ env: { ...production, API_DOCS: 'true' } });
    try {
      await withDocs.http().get('/api/docs/openapi.json').expect(200);
    } finally {
      await withDocs.close();
    }
  });
});
