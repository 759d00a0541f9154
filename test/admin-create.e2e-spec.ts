import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_CLI, CliResult, ensureAdminCliBuilt, runAdminCli } from './support/admin-cli';
import { countRows, createTestApp, resetDatabase, TestApp, testDatabaseUrl } from './support/test-app';

// `npm run admin:create -- --username NAME` (src/users/create-admin-cli.ts), run as built: the first
// national administrator of an installation, without SQL.
const PASSWORD = 'Første-admin-passord-2026';

/** The command in a pseudo-terminal (script(1)), typing the password at the prompts as a person would. */
function runInTerminal(args: string[], env: Record<string, string>, typed: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const command = ['node', ADMIN_CLI, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let answered = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Answer a prompt only once it is shown: by then the terminal is in no-echo mode.
      const prompts = (stdout.match(/Password( again)?[^:]*: /g) ?? []).length;
      while (answered < prompts && answered < typed.length) child.stdin.write(`${typed[answered++]}\r`);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
  });
}

describe('admin:create (the first national administrator)', () => {
  let t: TestApp;
  const serverDb = () => ({ DATABASE_URL: testDatabaseUrl() });
  const isServer = process.env.TEST_DB_KIND === 'server';

  beforeAll(async () => {
    ensureAdminCliBuilt();
    t = await createTestApp({ env: { SEED_DEMO_DATA_ON_EMPTY: 'false' } });
  }, 600000);
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  it('creates a national administrator who can sign in; prints neither the password nor any demo data', async () => {
    const res = await runAdminCli(['--username', 'Kari.Admin'], { ...serverDb(), ADMIN_PASSWORD: PASSWORD });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Created national administrator kari\.admin \([0-9a-f-]{36}\)/);
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);

    const login = await t.http().post('/auth/login').send({ username: 'kari.admin', password: PASSWORD }).expect(200);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username: 'kari.admin', roles: ['NATIONAL_ADMIN'] });
    expect(await countRows(t.dataSource, ['app_user', 'prison', 'region', 'staff_member'])).toEqual({
      app_user: 1,
      prison: 0,
      region: 0,
      staff_member: 0,
    });
  });

  it.each([
    ['too short', 'kort-passord'.slice(0, 11), /password must be longer than or equal to 12 characters/],
    ['too long', 'x'.repeat(201), /password must be shorter than or equal to 200 characters/],
  ])('refuses a weak password (%s) with the rule of POST /users, writing nothing', async (_label, password, rule) => {
    const res = await runAdminCli(['--username', 'kari.admin'], { ...serverDb(), ADMIN_PASSWORD: password });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(rule);
    expect(res.stdout + res.stderr).not.toContain(password);
    expect(await countRows(t.dataSource, ['app_user'])).toEqual({ app_user: 0 });
    // The same password is refused by the API too: one rule.
    const admin = await runAdminCli(['--username', 'api.admin'], { ...serverDb(), ADMIN_PASSWORD: PASSWORD });
    expect(admin.code).toBe(0);
    const login = await t.http().post('/auth/login').send({ username: 'api.admin', password: PASSWORD }).expect(200);
    await t
      .http()
      .post('/users')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ username: 'other.admin', password, roles: ['NATIONAL_ADMIN'] })
      .expect(400);
  });

  it('refuses a bad or taken username and a missing --username', async () => {
    expect((await runAdminCli(['--username', 'kari.admin'], { ...serverDb(), ADMIN_PASSWORD: PASSWORD })).code).toBe(0);
    const taken = await runAdminCli(['--username', 'kari.admin'], { ...serverDb(), ADMIN_PASSWORD: PASSWORD });
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/kari\.admin is taken; nothing was created/) });
    const bad = await runAdminCli(['--username', 'ab'], { ...serverDb(), ADMIN_PASSWORD: PASSWORD });
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/username must be 3–60/) });
    const none = await runAdminCli([], { ...serverDb(), ADMIN_PASSWORD: PASSWORD });
    expect(none).toMatchObject({ code: 2, stderr: expect.stringMatching(/Usage: npm run admin:create -- --username NAME/) });
    expect(await countRows(t.dataSource, ['app_user'])).toEqual({ app_user: 1 });
  });

  it('without ADMIN_PASSWORD and without a terminal, asks for ADMIN_PASSWORD instead of hanging', async () => {
    const res = await runAdminCli(['--username', 'kari.admin'], serverDb(), 'typed-on-a-pipe-123\n');
    expect(res).toMatchObject({ code: 2, stderr: expect.stringMatching(/set ADMIN_PASSWORD/) });
    expect(await countRows(t.dataSource, ['app_user'])).toEqual({ app_user: 0 });
  });

  it('reads the password at a terminal prompt without echoing it', async () => {
    const res = await runInTerminal(['--username', 'tty.admin'], serverDb(), [PASSWORD, PASSWORD]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Password (at least 12 characters): ');
    expect(res.stdout).toContain('Created national administrator tty.admin');
    expect(res.stdout).not.toContain(PASSWORD);
    await t.http().post('/auth/login').send({ username: 'tty.admin', password: PASSWORD }).expect(200);

    const differ = await runInTerminal(['--username', 'tty.other'], serverDb(), [PASSWORD, `${PASSWORD}x`]);
    expect(differ.code).toBe(1);
    expect(differ.stdout).toContain('The passwords differ; nothing was created.');
    expect(await countRows(t.dataSource, ['app_user'])).toEqual({ app_user: 1 });
  });

  (isServer ? it : it.skip)('on an empty server database: migrates first, then creates the admin (no demo data)', async () => {
    const name = `admin_cli_${Date.now()}_${process.pid}`;
    const serverUrl = process.env.TEST_DATABASE_URL || (process.env.DATABASE_URL as string);
    const url = Object.assign(new URL(testDatabaseUrl()), { pathname: `/${name}` }).toString();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const res = await runAdminCli(['--username', 'first.admin'], { DATABASE_URL: url, ADMIN_PASSWORD: PASSWORD });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Applied \d+ migration\(s\) first/);
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        const { rows } = await db.query(
          `SELECT (SELECT count(*)::int FROM prison) AS prisons, (SELECT array_agg(username) FROM app_user) AS users,
                  (SELECT roles::text FROM app_user LIMIT 1) AS roles`,
        );
        expect(rows[0]).toEqual({ prisons: 0, users: ['first.admin'], roles: '{NATIONAL_ADMIN}' });
      } finally {
        await db.end();
      }
      // Run again: nothing to migrate, and the name is taken.
      const again = await runAdminCli(['--username', 'first.admin'], { DATABASE_URL: url, ADMIN_PASSWORD: PASSWORD });
      expect(again.code).toBe(1);
      expect(again.stdout).not.toMatch(/Applied/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('on the embedded database (a new data directory): migrates it and creates the admin there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-cli-'));
    try {
      const res = await runAdminCli(['--username', 'first.admin'], { PGLITE_DATA_DIR: dir, ADMIN_PASSWORD: PASSWORD });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Applied \d+ migration\(s\) first/);
      expect(res.stdout).toContain('Created national administrator first.admin');
      // The admin is stored in that directory: a second run finds the name taken and nothing to migrate.
      const again = await runAdminCli(['--username', 'first.admin'], { PGLITE_DATA_DIR: dir, ADMIN_PASSWORD: PASSWORD });
      expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/first\.admin is taken/) });
      expect(again.stdout).not.toMatch(/Applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300000);
});
