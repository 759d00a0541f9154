import { Page } from 'playwright-core';
import { ensureAdminCliBuilt, runAdminCli } from '../support/admin-cli';
import { countRows, resetDatabase, testDatabaseUrl } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, seriousA11yViolations, signInAs, startBrowserApp } from './support/browser';

// Issue 15, "Done when", by page: from an empty database, the first administrator by command, then a
// region, a prison, units, a staff member and their user through the pages under /app/admin. No SQL.
const ADMIN_PASSWORD = 'Første-admin-passord-2026';
const USER_PASSWORD = 'et-passord-som-er-langt-nok';

describeInBrowser('organisation administration pages, from an empty database', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    ensureAdminCliBuilt();
    app = await startBrowserApp();
    await resetDatabase(app.t.dataSource);
    const cli = await runAdminCli(['--username', 'forste.admin'], { DATABASE_URL: testDatabaseUrl(), ADMIN_PASSWORD });
    expect(cli.code).toBe(0);
    page = await (await newTabletContext(app, { width: 1366, height: 900 })).newPage();
  }, 600000);
  afterAll(() => app?.close());

  const submit = async (button: string, form = page.locator('form', { has: page.getByRole('button', { name: button }) }).last()) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState();
    return response;
  };

  it('the first admin signs in and finds the organisation pages in the menu', async () => {
    await signInAs(page, app, 'forste.admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjon' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Organisasjon');
    await expect(page.getByText('Ingen ennå.').isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('creates a region; a taken code comes back with the reason and the values kept', async () => {
    await page.getByLabel('Kode').fill('OST');
    await page.getByLabel('Navn').fill('Region øst');
    expect((await submit('Legg til')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Region øst er opprettet.');
    await expect(page.getByRole('row', { name: /Region øst/ }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Kode').fill('ost');
    await page.getByLabel('Navn').fill('Annen region');
    expect((await submit('Legg til')).status()).toBe(409);
    await expect(page.locator('.notice.error').textContent()).resolves.toContain(
      'En region med den koden eller det navnet finnes allerede.',
    );
    await expect(page.getByLabel('Navn').inputValue()).resolves.toBe('Annen region');
  });

  it('creates a prison with its day regime and two units', async () => {
    await page.getByRole('link', { name: 'Fengsler' }).click();
    await page.getByLabel('Kode').fill('OSL');
    await page.getByLabel('Navn').fill('Oslo fengsel');
    await page.getByLabel('Region').selectOption({ label: 'Region øst' });
    await page.getByLabel('Sikkerhetsnivå').selectOption('HIGH');
    await page.getByLabel('Plasser').fill('240');
    await page.getByLabel('Formiddag fra').fill('07:45');
    expect((await submit('Legg til')).status()).toBe(303);
    await expect(page.locator('h1').textContent()).resolves.toBe('Oslo fengsel (OSL)');
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Oslo fengsel er opprettet.');
    for (const [name, places] of [
      ['Avdeling A', '40'],
      ['Avdeling B', '24'],
    ]) {
      const form = page.locator('form', { has: page.locator('#unit-name') });
      await form.getByLabel('Navn').fill(name);
      await form.getByLabel('Plasser').fill(places);
      expect((await submit('Legg til', form)).status()).toBe(303);
    }
    await expect(page.getByRole('row', { name: /Avdeling B/ }).isVisible()).resolves.toBe(true);
    // A day regime out of order is refused with the rule, nothing written.
    const edit = page.locator('form', { has: page.locator('#edit-code') });
    await edit.getByLabel('Formiddag til').fill('07:00');
    expect((await submit('Lagre', edit)).status()).toBe(400);
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('Dagsrytmen må gå i rekkefølge');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const prison = (
      await app.t
        .http()
        .get('/prisons')
        .set('Authorization', `Bearer ${await adminToken()}`)
    ).body.items[0];
    expect(prison).toMatchObject({
      code: 'OSL',
      capacity: 240,
      dayRegime: { amStart: '07:45', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' },
    });
  });

  it('creates a staff member serving the prison, then their user, who can sign in', async () => {
    await page.getByRole('link', { name: 'Ansatte' }).click();
    await page.getByLabel('Fornavn').fill('Ola');
    await page.getByLabel('Etternavn').fill('Nordmann');
    await page.getByLabel('Arbeidsdriftsbetjent').check();
    await page.getByLabel('Arbeidsgiver', { exact: true }).selectOption('CORRECTIONAL_SERVICE');
    await page.getByLabel('Oslo fengsel').check();
    expect((await submit('Legg til')).status()).toBe(303);
    await expect(page.getByRole('row', { name: /Nordmann, Ola/ }).textContent()).resolves.toContain('Oslo fengsel');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Brukere' }).click();
    await page.getByLabel('Brukernavn').fill('ola.nordmann');
    await page.getByLabel('Passord (minst 12 tegn)').fill('kort');
    await page.getByLabel('Ansatt').selectOption({ label: 'Nordmann, Ola' });
    await page.getByLabel('Arbeidsdriftsbetjent').check();
    // The browser's own minlength check is bypassed to see the server's answer.
    await page.locator('#user-password').evaluate((el) => el.removeAttribute('minlength'));
    expect((await submit('Legg til')).status()).toBe(400);
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('password must be longer than or equal to 12 characters');
    await expect(page.getByLabel('Brukernavn').inputValue()).resolves.toBe('ola.nordmann');
    await expect(page.getByLabel('Passord (minst 12 tegn)').inputValue()).resolves.toBe('');
    await page.getByLabel('Passord (minst 12 tegn)').fill(USER_PASSWORD);
    expect((await submit('Legg til')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('ola.nordmann er opprettet.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await countRows(app.t.dataSource, ['app_user', 'region', 'prison', 'unit', 'staff_member', 'staff_member_prison'])).toEqual({
      app_user: 2,
      region: 1,
      prison: 1,
      unit: 2,
      staff_member: 1,
      staff_member_prison: 1,
    });

    const officer = await (await newTabletContext(app, { width: 390, height: 844 })).newPage();
    await signInAs(officer, app, 'ola.nordmann', USER_PASSWORD);
    await officer.goto(`${app.baseUrl}/app/admin`);
    await expect(officer.locator('h1').textContent()).resolves.not.toBe('Organisasjon');
    await expect(officer.getByRole('link', { name: 'Organisasjon' }).count()).resolves.toBe(0);
  });

  it('works at phone width and in English', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/app/admin/staff?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Staff');
    await expect(page.getByRole('row', { name: /Nordmann, Ola/ }).textContent()).resolves.toContain('Work programme officer');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  async function adminToken(): Promise<string> {
    return (await app.t.http().post('/auth/login').send({ username: 'forste.admin', password: ADMIN_PASSWORD })).body.accessToken;
  }
});
