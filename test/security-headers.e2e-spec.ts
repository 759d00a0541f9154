import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Record<string, string[]> {
  expect(header).toEqual(expect.any(String));
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

describe('Content-Security-Policy: strict everywhere, relaxed for Swagger UI only', () => {
  let t: TestApp;
  let staff: SignedIn;
  let ids: { prison: string; prisoner: string; session: string };

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const [session] = await insertSessions(t.dataSource, await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted' }), [
      '2026-11-30',
    ]);
    staff = await signIn(t, [Role.OFFICER, Role.MANAGER], [prison.id]);
    ids = { prison: prison.id, prisoner: prisoner.id, session: session.id };
  });
  afterAll(() => t.close());

  const STRICT = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };

  it.each(['/app/login', '/app/assets/app.js', '/health', '/prisons', '/api/docsx', '/nope'])(
    'GET %s: scripts and styles from this origin only, nothing inline',
    async (url) => {
      const res = await t.http().get(url);
      expect(directives(res.headers['content-security-policy'])).toMatchObject(STRICT);
      expect(res.headers['content-security-policy']).not.toContain('unsafe');
    },
  );

  it('answers with personal data are never stored by a browser or proxy (Cache-Control: no-store); static assets are cached', async () => {
    for (const url of ['/prisons', `/prisoners/${ids.prisoner}`, `/prisons/${ids.prison}/weeks/2026-W49/plan`, '/health']) {
      const res = await staff.get(url).expect(200);
      expect([url, res.headers['cache-control']]).toEqual([url, expect.stringMatching(/\bno-store\b/)]);
    }
    const page = await t.http().get('/app/login').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const refused = await t.http().get('/prisons').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect((await t.http().get('/app/assets/app.js').expect(200)).headers['cache-control']).toMatch(/max-age=3600/);
    // The week plan's ETag still saves the work: a client sending it back gets 304.
    const plan = await staff.get(`/prisons/${ids.prison}/weeks/2026-W49/plan`).expect(200);
    await staff.get(`/prisons/${ids.prison}/weeks/2026-W49/plan`).set('If-None-Match', String(plan.headers.etag)).expect(304);
  });

  it.each(['/api/docs', '/api/docs/', '/api/docs/swagger-ui-init.js', '/api/docs/openapi.json'])(
    'GET %s: inline styles allowed for Swagger UI, scripts still from this origin only',
    async (url) => {
      const res = await t.http().get(url).expect(200);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp).toMatchObject({ ...STRICT, 'style-src': ["'self'", "'unsafe-inline'"] });
      expect(csp['script-src']).toEqual(["'self'"]);
    },
  );

  it('Swagger UI’s page needs no inline script: every <script> has a src', async () => {
    const res = await t.http().get('/api/docs/').expect(200);
    expect(res.text).toContain('swagger-ui-init.js');
    expect(res.text.match(/<script\b[^>]*>/g)?.filter((tag) => !/\bsrc=/.test(tag))).toEqual([]);
  });

  // The pages stay within the strict policy: no inline script (JSON data blocks are not run), no on* handler
  // attributes, no style attributes or <style> elements. The browser suite checks the same in Chromium.
  it.each([
    ['/app/login', 200],
    ['/app/planner?prisonId=:prison&week=2026-W49', 200],
    ['/app/planner/sessions/:session', 200],
    ['/app/planner/print?prisonId=:prison&date=2026-11-30', 200],
    ['/app/attendance?prisonId=:prison&date=2026-11-30', 200],
    ['/app/attendance/:session', 200],
    ['/app/teacher?week=2026-W49', 200],
    ['/app/dashboard?prisonId=:prison', 200],
    ['/app/dashboard/prisoners/:prisoner', 200],
    ['/app/planner?week=9999-W52', 400],
    ['/app/planner/sessions/00000000-0000-0000-0000-000000000000', 404],
  ])('%s (%d) has no inline script, handler or style', async (url, status) => {
    const res = await staff.get(url.replace(':prisoner', ids.prisoner).replace(':prison', ids.prison).replace(':session', ids.session));
    expect(res.status).toBe(status);
    expect(res.type).toBe('text/html');
    expect(directives(res.headers['content-security-policy'])).toMatchObject(STRICT);
    const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.filter((tag) => !/\bsrc="\/app\/assets\//.test(tag) && !/type="application\/json"/.test(tag))).toEqual([]);
    expect(res.text.match(/<[^>]+\son[a-z]+\s*=/gi)).toBeNull();
    expect(res.text.match(/<[^>]+\sstyle\s*=|<style\b/gi)).toBeNull();
  });
});
