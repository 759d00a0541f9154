import { BrowserContext, Page } from 'playwright-core';
import { DayPeriod } from '../../src/activities/activity.enums';
import { Role } from '../../src/auth/roles';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { attend, book, createRateActivity } from '../factories/rate.factory';
import { createUser } from '../factories/user.factory';
import { signIn } from '../support/auth';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, signInAs, startBrowserApp } from './support/browser';

type Collected = { violations: string[] };

/**
 * Every page under the strict Content-Security-Policy (script-src 'self', style-src 'self'): Chromium reports any
 * inline script, on* handler, <style> or style attribute it refused, as a securitypolicyviolation event (recorded
 * by an init script, which the page's CSP does not govern) and as a console message.
 */
describeInBrowser('Content-Security-Policy in Chromium: no page needs anything inline', () => {
  let app: BrowserApp;
  let context: BrowserContext;
  let page: Page;
  const seen: Collected = { violations: [] };
  let ids: { username: string; prison: string; prisoner: string; session: string; pastSession: string };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Strengvik fengsel' });
    const user = await createUser(ds, { roles: [Role.OFFICER, Role.MANAGER], prisonIds: [prison.id] });
    const prisoner = await createHeldPrisoner(
      ds,
      { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' },
      { firstName: 'Ola', lastName: 'Aas' },
    );
    const workshop = await createRateActivity(ds, prison.id);
    let pastSession = '';
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'])
      pastSession = await attend(ds, prisoner.id, workshop, date);
    const session = await book(ds, prisoner.id, workshop, '2026-11-30', DayPeriod.AM);
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    await api.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    ids = { username: user.username, prison: prison.id, prisoner: prisoner.id, session, pastSession };

    context = await newTabletContext(app);
    await context.addInitScript(() => {
      const g = globalThis as unknown as {
        __csp: string[];
        document: { addEventListener(type: string, fn: (e: Record<string, unknown>) => void): void };
      };
      g.__csp = [];
      g.document.addEventListener('securitypolicyviolation', (e) =>
        g.__csp.push(`${String(e.effectiveDirective)} blocked ${String(e.blockedURI)} at ${String(e.sourceFile)}:${String(e.lineNumber)}`),
      );
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.violations.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => seen.violations.push(`error: ${e.message}`));
  });
  afterAll(() => app?.close());

  /** The violations the page reported since it loaded, plus console ones since the last call. */
  async function violations(): Promise<string[]> {
    const inPage = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
    const all = [...inPage, ...seen.violations];
    seen.violations = [];
    return all;
  }

  async function visit(path: string): Promise<number> {
    const res = await page.goto(`${app.baseUrl}${path}`, { waitUntil: 'load' });
    return res?.status() ?? 0;
  }

  it('the sign-in page and signing in', async () => {
    expect(await visit('/app/login')).toBe(200);
    expect(await violations()).toEqual([]);
    await signInAs(page, app, ids.username);
    expect(await violations()).toEqual([]);
  });

  it('the dashboard draws its chart.js charts', async () => {
    expect(await visit(`/app/dashboard?prisonId=${ids.prison}`)).toBe(200);
    const drawn = await page.evaluate(() => {
      const g = globalThis as unknown as { Chart?: { getChart(el: unknown): unknown }; document: { getElementById(id: string): unknown } };
      return Boolean(g.Chart?.getChart(g.document.getElementById('trend-chart')));
    });
    expect(drawn).toBe(true);
    expect(await violations()).toEqual([]);
  });

  it.each([
    ['the planner grid', '/app/planner?prisonId=:prison&week=2026-W49', 200],
    ['a session in the planner', '/app/planner/sessions/:session', 200],
    ['the print view', '/app/planner/print?prisonId=:prison&date=2026-11-30', 200],
    ['attendance of a day', '/app/attendance?prisonId=:prison&date=2026-11-20', 200],
    ['a prisoner’s days', '/app/dashboard/prisoners/:prisoner', 200],
    ['the timetable', '/app/teacher?week=2026-W49', 200],
    ['an error page', '/app/planner?week=9999-W52', 400],
    ['a not-found page', '/app/planner/sessions/00000000-0000-0000-0000-000000000000', 404],
  ])('%s (%s)', async (_name, path, status) => {
    expect(await visit(path.replace(':prisoner', ids.prisoner).replace(':prison', ids.prison).replace(':session', ids.session))).toBe(
      status,
    );
    expect(await violations()).toEqual([]);
  });

  it('the attendance form’s script (absence fields, mark all) runs under the policy', async () => {
    expect(await visit(`/app/attendance/${ids.pastSession}`)).toBe(200);
    const absence = page.locator('[data-row] .absence').first();
    await page.locator('input[type=radio][value=ABSENT]').first().check();
    await expect(absence.isHidden()).resolves.toBe(false);
    await page.locator('[data-mark-all]').first().click();
    await expect(page.locator('input[type=radio][value=ATTENDED]').first().isChecked()).resolves.toBe(true);
    await expect(absence.isHidden()).resolves.toBe(true);
    expect(await violations()).toEqual([]);
  });

  it('refuses what an injected inline script or style attribute would do (the policy is really strict)', async () => {
    expect(await visit('/app/login')).toBe(200);
    const ran = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        __ran?: boolean;
        document: {
          createElement(t: string): { textContent: string };
          head: { append(e: unknown): void };
          body: { setAttribute(n: string, v: string): void };
        };
      };
      const s = g.document.createElement('script');
      s.textContent = 'globalThis.__ran = true';
      g.document.head.append(s);
      g.document.body.setAttribute('style', 'background: red');
      await new Promise((r) => setTimeout(r, 100));
      return g.__ran === true;
    });
    expect(ran).toBe(false);
    const found = await violations();
    expect(found.filter((v) => v.startsWith('script-src'))).toHaveLength(1);
    expect(found.filter((v) => v.startsWith('style-src'))).toHaveLength(1);
  });

  it('Swagger UI renders under its own, relaxed policy', async () => {
    expect(await visit('/api/docs')).toBe(200);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain('Activity and work-programme scheduler');
    expect(await violations()).toEqual([]);
  });
});
