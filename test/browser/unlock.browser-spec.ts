import { Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { createUser } from '../factories/user.factory';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, screenshotBothWidths, signInAs, startBrowserApp } from './support/browser';
import { buildOsloSizedPrison, OsloSized } from './support/oslo-sized-tasks';
import { checkWidths, FITS } from './support/widths';

// The clock is pinned to Monday 2026-11-23 10:00; the officer prepares Tuesday afternoon's unlocking.
const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const TUESDAY = '2026-11-24';

/** Printed A4 pages of the page as it is now (chromium's PDF of the print stylesheet). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describeInBrowser('the unlock list and the print view per activity, on a prison of Oslo’s size', () => {
  jest.setTimeout(300_000);
  let app: BrowserApp;
  let page: Page;
  let oslo: OsloSized;

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    oslo = await buildOsloSizedPrison(ds, WEEK);
    // Two prisoners in court on Tuesday, one with a visit in the afternoon, and one workshop's afternoon cancelled.
    await ds.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, note) VALUES ($1, 'COURT', $3, $3, ''), ($2, 'COURT', $3, $3, '')`,
      [oslo.prisonerIds[0], oslo.prisonerIds[4], TUESDAY],
    );
    await ds.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, start_time, end_time, note) VALUES ($1, 'VISIT', $2, $2, '13:00', '14:00', '')`,
      [oslo.prisonerIds[8], TUESDAY],
    );
    await ds.query(
      `UPDATE "session" SET cancelled_at = now(), cancellation_reason = 'STAFF_UNAVAILABLE' WHERE activity_id = $1 AND date = $2 AND period = 'PM'`,
      [oslo.activities[3].id, TUESDAY],
    );
    const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [oslo.prisonId] });
    page = await (await newTabletContext(app, { width: 1366, height: 768 })).newPage();
    await signInAs(page, app, officer.username);
  }, 600_000);
  afterAll(() => app?.close());

  it('opens the unlock list from the planner, goes to Tuesday afternoon, and reads who goes where per unit', async () => {
    await page.goto(`${app.baseUrl}/app/planner`);
    await page.getByRole('link', { name: 'Utlåsingsliste' }).click();
    await page.waitForURL('**/app/unlock?**');
    // Today (Monday) this morning, by default.
    await expect(page.locator('h1').textContent()).resolves.toContain('Formiddag 08:00–11:30');
    await expect(page.locator('#date').inputValue()).resolves.toBe('2026-11-23');

    const started = Date.now();
    await Promise.all([page.waitForURL(/date=2026-11-24/), page.getByRole('link', { name: 'Neste dag →' }).click()]);
    await Promise.all([
      page.waitForURL(/period=PM/),
      page.getByRole('navigation', { name: 'Halvdag' }).getByRole('link', { name: 'Ettermiddag' }).click(),
    ]);
    console.log(`[unlock] Tuesday afternoon, 4 units, 390 prisoners: ${Date.now() - started} ms for two page loads`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Ettermiddag 12:00–15:00');

    await expect(page.locator('section.unlock-unit h2').allTextContents()).resolves.toEqual([
      expect.stringContaining('Avdeling A'),
      expect.stringContaining('Avdeling B'),
      expect.stringContaining('Avdeling C'),
      expect.stringContaining('Avdeling D'),
    ]);
    const totals = page.locator('#unlock-totals');
    // 390 held; the cancelled workshop's ~9 and the 2 in court stay; the visit (13–14) does not keep anyone in.
    const held = Number(await totals.getAttribute('data-held'));
    const staying = Number(await totals.getAttribute('data-staying'));
    expect(held).toBe(390);
    const cancelledWorkshop = Number(
      (
        await app.t.dataSource.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM booking b JOIN "session" s ON s.id = b.session_id WHERE s.activity_id = $1 AND b.date = $2 AND b.period = 'PM'`,
          [oslo.activities[3].id, TUESDAY],
        )
      )[0].n,
    );
    expect(staying).toBe(cancelledWorkshop + 2);
    const court = page.locator(`tr[data-prisoner="${oslo.prisonerIds[0]}"]`);
    await expect(court.getAttribute('data-stays')).resolves.toBe('UNAVAILABLE');
    await expect(court.textContent()).resolves.toContain('Utilgjengelig: Retten');
    const visit = page.locator(`table.unlock-going tr[data-prisoner="${oslo.prisonerIds[8]}"]`);
    await expect(visit.textContent()).resolves.toContain('Merk: Besøk 13:00–14:00');
    await expect(page.locator('tr[data-stays="CANCELLED"]').count()).resolves.toBe(cancelledWorkshop);
    // Each row of the "going" tables names the workshop, its location and the start time.
    await expect(page.locator('table.unlock-going td.time').first().textContent()).resolves.toBe('12:00');
    expect(await checkWidths(page)).toEqual(FITS);
    await screenshotBothWidths(page, 'unlock-list', { fullPage: false });

    // Printed: one unit per page at least (no page holds two units).
    await page.emulateMedia({ media: 'print' });
    const breaks = await page
      .locator('section.unlock-unit')
      .evaluateAll((els) =>
        els.map(
          (e) => (globalThis as unknown as { getComputedStyle(e: unknown): { breakBefore: string } }).getComputedStyle(e).breakBefore,
        ),
      );
    expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
    // On paper the lists stay tables (the cards are for phones' screens).
    await expect(
      page
        .locator('table.unlock-going')
        .first()
        .evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display),
    ).resolves.toBe('table');
    await expect(page.locator('#unlock-totals').isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const allPages = await printedPages(page);
    console.log(`[unlock] the whole prison's unlock list prints on ${allPages} A4 pages`);
    expect(allPages).toBeGreaterThanOrEqual(4);
  });

  it('shows and prints one unit only', async () => {
    await page.goto(`${app.baseUrl}/app/unlock?prisonId=${oslo.prisonId}&date=${TUESDAY}&period=PM`);
    await page.getByLabel('Avdeling', { exact: true }).selectOption({ label: 'Avdeling B' });
    await Promise.all([page.waitForURL(/unit=/), page.locator('form:has(#unit)').getByRole('button', { name: 'Vis' }).click()]);
    await expect(page.locator('section.unlock-unit').count()).resolves.toBe(1);
    await expect(page.locator('section.unlock-unit').getAttribute('data-unit')).resolves.toBe(oslo.unitIds[1]);
    // The day links keep the unit and the half-day.
    await expect(page.getByRole('link', { name: 'Neste dag →' }).getAttribute('href')).resolves.toMatch(
      /unit=.*period=PM|period=PM.*unit=/,
    );
    expect(await checkWidths(page)).toEqual(FITS);
    const pages = await printedPages(page);
    console.log(`[unlock] one unit (Avdeling B, ~97 prisoners) prints on ${pages} A4 pages`);
    await screenshotBothWidths(page, 'unlock-list-unit', { fullPage: false });
    // In English too.
    await page.goto(`${app.baseUrl}/app/unlock?prisonId=${oslo.prisonId}&date=${TUESDAY}&period=PM&unit=${oslo.unitIds[1]}&lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Unlock list');
    await expect(page.locator('section.unlock-unit h3').first().textContent()).resolves.toContain('Going out');
  });

  it('prints one activity of the day instead of the whole prison, and the print view fits a phone', async () => {
    await page.goto(`${app.baseUrl}/app/planner/print?prisonId=${oslo.prisonId}&date=${TUESDAY}&lang=nb`);
    await expect(page.locator('section.print-roster').count()).resolves.toBe(88);
    const wholeDay = await printedPages(page);
    expect(await checkWidths(page)).toEqual(FITS);

    await page.getByLabel('Aktivitet').selectOption({ label: 'Verksted 05' });
    await Promise.all([page.waitForURL(/activity=/), page.locator('#print-filter').getByRole('button', { name: 'Vis' }).click()]);
    await expect(page.locator('section.print-roster h2').allTextContents()).resolves.toEqual([
      'Verksted 05 – Formiddag 08:00–11:30',
      'Verksted 05 – Ettermiddag 12:00–15:00',
    ]);
    await expect(page.locator('section.print-roster').first().locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(8);
    const oneActivity = await printedPages(page);
    console.log(`[print] Tuesday's rosters: whole prison ${wholeDay} A4 pages, one activity ${oneActivity}`);
    expect(oneActivity).toBeLessThanOrEqual(2);
    expect(wholeDay).toBeGreaterThan(20);
    expect(await checkWidths(page)).toEqual(FITS);
    await screenshotBothWidths(page, 'planner-print-activity');
    // Back to the whole day from the same form.
    await page.getByLabel('Aktivitet').selectOption({ value: '' });
    await Promise.all([
      page.waitForURL(/activity=&|activity=$/),
      page.locator('#print-filter').getByRole('button', { name: 'Vis' }).click(),
    ]);
    await expect(page.locator('section.print-roster').count()).resolves.toBe(88);
  });
});
