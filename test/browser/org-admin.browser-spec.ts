import { Locator, Page } from 'playwright-core';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { ensureAdminCliBuilt, runAdminCli } from '../support/admin-cli';
import { countRows, resetDatabase, testDatabaseUrl } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, seriousA11yViolations, signInAs, startBrowserApp } from './support/browser';

// Issue 15, "Done when", by page: from an empty database, the first administrator by command, then a
// region, a prison, units, a staff member and their user through the pages under /app/admin. No SQL.
// The page's globals, typed by hand (no DOM types in this tsconfig).
type Styled = { parentElement: Styled | null };
type InPage = {
  getComputedStyle(el: Styled): { color: string; backgroundColor: string };
  document: { activeElement: { id: string } | null };
};
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

  it('deactivate buttons are visible; a refused deactivation is shown at the top of the page, focused', async () => {
    // Avdeling A holds a prisoner (admitted elsewhere: the pages have no admission form).
    const [{ id: unitId, prison_id: prisonId }] = await app.t.dataSource.query(`SELECT id, prison_id FROM unit WHERE name = 'Avdeling A'`);
    await createHeldPrisoner(app.t.dataSource, { prisonId, unitId });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto(`${app.baseUrl}/app/admin/prisons/${prisonId}?lang=nb`);
      // The header's sign-out button stays white on the dark header; the page's buttons are readable on white (WCAG AA: ≥ 4.5).
      const deactivate = page.getByRole('button', { name: 'Deaktiver: Avdeling A' });
      expect(await contrastOnBackground(deactivate)).toBeGreaterThanOrEqual(4.5);
      expect(await contrastOnBackground(page.getByRole('button', { name: 'Logg ut' }))).toBeGreaterThanOrEqual(4.5);
      await expect(
        page
          .getByRole('button', { name: 'Logg ut' })
          .evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el as Styled).color),
      ).resolves.toBe('rgb(255, 255, 255)');
      // On a phone too the units table fits the page (its rows become cards): no sideways scrolling to reach the button.
      const wrap = page.locator('.table-wrap', { has: deactivate });
      const fits = await wrap.evaluate((el) => {
        const box = el as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth <= box.clientWidth;
      });
      expect(fits).toBe(true);
      const button = await deactivate.boundingBox();
      expect(button && button.x >= 0 && button.x + button.width <= width).toBe(true);
      await deactivate.scrollIntoViewIfNeeded();
      expect((await submit('Deaktiver: Avdeling A', page.locator('form', { has: deactivate }))).status()).toBe(422);
      const refusal = page.locator('#error');
      await expect(refusal.textContent()).resolves.toContain('Endringen av Avdeling A ble ikke gjort:');
      await expect(refusal.textContent()).resolves.toContain('Det sitter 1 innsatte i avdelingen. Flytt dem først.');
      // Where the eye is: focused, and in view without scrolling (the table of units is below it).
      await expect(page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)).resolves.toBe('error');
      // (Scrolled to the top by its focus: with rem paddings its top may sit a fraction of a pixel above 0.)
      const box = await refusal.boundingBox();
      expect(box && box.y >= -1 && box.y + box.height <= (page.viewportSize()?.height ?? 0)).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.baseUrl}/app/admin`);
    expect(await contrastOnBackground(page.getByRole('button', { name: 'Deaktiver: Region øst' }))).toBeGreaterThanOrEqual(4.5);
    expect((await countRows(app.t.dataSource, ['unit'])).unit).toBe(2);
    expect((await app.t.dataSource.query(`SELECT active FROM unit WHERE id = $1`, [unitId]))[0].active).toBe(true);
  });

  /** WCAG contrast of an element's text colour against the first opaque background behind it. */
  async function contrastOnBackground(locator: Locator): Promise<number> {
    return locator.evaluate((el) => {
      const g = globalThis as unknown as InPage;
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      let bg: number[] = [255, 255, 255];
      for (let n: Styled | null = el as Styled; n; n = n.parentElement) {
        const c = rgb(g.getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
          bg = c.slice(0, 3);
          break;
        }
      }
      const lum = ([r, g, b]: number[]) =>
        [r, g, b]
          .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
          .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const [a, b] = [lum(rgb(g.getComputedStyle(el as Styled).color).slice(0, 3)), lum(bg)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  }

  async function adminToken(): Promise<string> {
    return (await app.t.http().post('/auth/login').send({ username: 'forste.admin', password: ADMIN_PASSWORD })).body.accessToken;
  }
});
