import { Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createUser } from '../factories/user.factory';
import { resetDatabase } from '../support/test-app';
import {
  BrowserApp,
  describeInBrowser,
  newTabletContext,
  screenshot,
  seriousA11yViolations,
  signInAs,
  startBrowserApp,
} from './support/browser';

describeInBrowser('sign-in, session cookie, CSRF and language in the browser', () => {
  let app: BrowserApp;
  let page: Page;
  let officer: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    await resetDatabase(app.t.dataSource);
    const { prison } = await createPrisonWithUnit(app.t.dataSource);
    officer = (await createUser(app.t.dataSource, { roles: [Role.OFFICER], prisonIds: [prison.id] })).username;
    page = await (await newTabletContext(app, { width: 834, height: 1112 })).newPage();
  });
  afterAll(() => app?.close());

  it('sends anonymous visitors to the sign-in page and back where they were going', async () => {
    const res = await page.goto(`${app.baseUrl}/app/attendance?date=2026-11-23`);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/app/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/app/attendance?date=2026-11-23');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('refuses a wrong password with one generic message', async () => {
    await page.getByLabel('Brukernavn').fill(officer);
    await page.getByLabel('Passord').fill('wrong-password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Logg inn' }).click(),
    ]);
    expect(response.status()).toBe(401);
    await expect(page.locator('.notice.error').textContent()).resolves.toBe('Feil brukernavn eller passord.');
    await expect(page.getByLabel('Brukernavn').inputValue()).resolves.toBe(officer);
  });

  it('signs in with an HTTP-only SameSite=Strict session cookie and returns to the page asked for', async () => {
    await page.getByLabel('Passord').fill('correct-horse-battery-staple');
    await Promise.all([page.waitForURL('**/app/attendance?date=2026-11-23'), page.getByRole('button', { name: 'Logg inn' }).click()]);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ka_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/app' });
    // Plain http on 127.0.0.1 only; anywhere else the cookie is Secure (see docs/web.md).
    expect(cookie?.secure).toBe(false);
  });

  it('rejects a form post without the CSRF token, and the cookie does not work on the API', async () => {
    const post = await page.request.post(`${app.baseUrl}/app/logout`, { form: {}, maxRedirects: 0 });
    expect(post.status()).toBe(403);
    const api = await page.request.get(`${app.baseUrl}/auth/me`);
    expect(api.status()).toBe(401);
  });

  it('switches to English and remembers it', async () => {
    await page.getByRole('link', { name: 'Change language to English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.goto(`${app.baseUrl}/app/planner`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Week plan');
    await page.getByRole('link', { name: 'Bytt språk til norsk' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Ukeplan');
  });

  it('signs out: the session is revoked and pages ask for sign-in again', async () => {
    await Promise.all([page.waitForURL('**/app/login?out=1'), page.getByRole('button', { name: 'Logg ut' }).click()]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Du er logget ut.');
    const [{ revoked }] = await app.t.dataSource.query(`SELECT count(*)::int AS revoked FROM auth_session WHERE revoked_at IS NOT NULL`);
    expect(revoked).toBe(1);
    await page.goto(`${app.baseUrl}/app/planner`);
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await signInAs(page, app, officer);
    expect(new URL(page.url()).pathname).toBe('/app/planner');
  });
});
