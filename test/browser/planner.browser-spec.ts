import { Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { createActivity } from '../factories/activity.factory';
import { insertSessions } from '../factories/allocation.factory';
import { createNonAssociation } from '../factories/availability.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { createUser } from '../factories/user.factory';
import { resetDatabase } from '../support/test-app';
import {
  BrowserApp,
  describeInBrowser,
  newTabletContext,
  screenshot,
  screenshotBothWidths,
  seriousA11yViolations,
  signInAs,
  startBrowserApp,
} from './support/browser';

// The clock is pinned to Monday 2026-11-23; the planner opens on next week, 2026-W49.
const NEXT_WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const WEDNESDAY = '2026-12-02';

describeInBrowser('officer week planner in the browser', () => {
  let app: BrowserApp;
  let page: Page;
  let data: { officer: string; activityName: string; wedPm: string; ola: { name: string }; kari: { name: string; number: string } };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Testvik fengsel' });
    const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [prison.id] });
    const activity = await createActivity(ds, prison.id, { name: 'Snekkerverkstedet', capacity: 8 });
    const sessions = await insertSessions(ds, activity, NEXT_WEEK, { capacity: 8 });
    const wedPm = sessions.find((s) => s.date === WEDNESDAY && s.period === 'PM')!.id;
    const ola = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Ola', lastName: 'Aas' });
    const kari = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Kari', lastName: 'Berg' });
    await createNonAssociation(ds, ola.id, kari.id, { reason: 'Konflikt på avdelingen' });
    data = {
      officer: officer.username,
      activityName: activity.name,
      wedPm,
      ola: { name: 'Aas, Ola' },
      kari: { name: 'Berg, Kari', number: kari.prisonerNumber },
    };
    page = await (await newTabletContext(app)).newPage();
    await signInAs(page, app, data.officer);
  });
  afterAll(() => app?.close());

  it('lands an officer on next week’s planner grid', async () => {
    expect(new URL(page.url()).pathname).toBe('/app/planner');
    await expect(page.locator('h1').textContent()).resolves.toBe('Ukeplan');
    await expect(page.locator('#week').inputValue()).resolves.toBe('2026-W49');
    const cell = page.locator(`td[data-session="${data.wedPm}"] a.count .n`);
    await expect(cell.textContent()).resolves.toBe('0 av 8');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('plans a prisoner into a free afternoon slot and sees the count change', async () => {
    await page.locator(`td[data-session="${data.wedPm}"] a.count`).click();
    await page.waitForURL(`**/app/planner/sessions/${data.wedPm}`);
    await expect(page.locator('#session-count').getAttribute('data-allocated')).resolves.toBe('0');
    await page.getByLabel(data.ola.name).check();
    await page.getByLabel('Hver uke på denne halvdagen').check();
    await page.getByRole('button', { name: 'Sjekk egnethet' }).click();
    await expect(page.locator('#checks .notice.ok').textContent()).resolves.toBe('Alle sjekker er bestått.');
    await expect(page.locator('#checks ul.all-checks li').count()).resolves.toBe(9);
    await page.getByLabel('Bare denne økten').check();
    await Promise.all([page.waitForURL(/added=/), page.getByRole('button', { name: 'Legg til', exact: true }).click()]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain(`${data.ola.name} er lagt til`);
    await expect(page.locator('#session-count').getAttribute('data-allocated')).resolves.toBe('1');
    await expect(page.locator('table.roster tbody tr').count()).resolves.toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`${app.baseUrl}/app/planner?mode=names`);
    await expect(page.locator(`td[data-session="${data.wedPm}"] a.count .n`).textContent()).resolves.toBe('1 av 8');
    await expect(page.locator(`td[data-session="${data.wedPm}"] ul.names`).textContent()).resolves.toContain(data.ola.name);
    await screenshot(page, 'planner-week');
  });

  it('refuses a non-associated prisoner and shows why', async () => {
    await page.goto(`${app.baseUrl}/app/planner/sessions/${data.wedPm}`);
    await page.getByLabel(data.kari.number).check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/allocations')),
      page.getByRole('button', { name: 'Legg til', exact: true }).click(),
    ]);
    expect(response.status()).toBe(422);
    const refused = page.locator('.failed-checks li[data-code="NON_ASSOCIATION"]');
    await expect(refused.textContent()).resolves.toContain('Skal holdes adskilt');
    await expect(refused.textContent()).resolves.toContain(`Skal holdes adskilt fra ${data.ola.name}`);
    await expect(page.locator('#session-count').getAttribute('data-allocated')).resolves.toBe('1');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'planner-session-refused');
  });

  it('prints the day’s rosters', async () => {
    await page.goto(`${app.baseUrl}/app/planner/print?date=${WEDNESDAY}`);
    await expect(page.locator('.print-roster').count()).resolves.toBe(2);
    await expect(page.locator('.print-roster').nth(1).textContent()).resolves.toContain(data.ola.name);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await screenshot(page, 'planner-print');
    await page.emulateMedia({ media: 'screen' });
  });
  it('runs the automatic planner, shows the diff and the predicted rate, and applies it', async () => {
    // Ola's allocation is locked first: the planner keeps it.
    await page.goto(`${app.baseUrl}/app/planner/sessions/${data.wedPm}`);
    await page.getByRole('button', { name: `Lås ${data.ola.name}` }).click();
    await expect(page.locator('table.roster [data-locked]').count()).resolves.toBe(1);
    const [{ locked }] = await app.t.dataSource.query(`SELECT bool_and(locked) AS locked FROM allocation`);
    expect(locked).toBe(true);
    await page.goto(`${app.baseUrl}/app/planner`);
    await Promise.all([
      page.waitForURL(/\/app\/planner\/drafts\//),
      page.getByRole('button', { name: 'Kjør automatisk planlegging' }).click(),
    ]);
    const before = await page.locator('#rate-before .value').textContent();
    const after = await page.locator('#rate-after .value').textContent();
    expect(before).toBe('10,0 %');
    // Kari every day; Ola only on his locked Wednesday afternoon.
    expect(after).toBe('60,0 %');
    await expect(page.locator('#draft-diff tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#draft-diff tbody tr th').textContent()).resolves.toBe(data.kari.name);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'planner-draft');
    // The diff filters by prisoner (name or number), sorted by name.
    await page.getByLabel('Søk på navn eller fangenummer').fill(data.ola.name);
    await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Bruk filter' }).click()]);
    await expect(page.locator('#draft-diff tbody tr').count()).resolves.toBe(0);
    await expect(page.locator('#diff-count').textContent()).resolves.toBe('Viser 0 av 1 innsatte med endringer, sortert på navn.');
    // Apply asks first, with the counts.
    await Promise.all([page.waitForURL(/confirm=1/), page.getByRole('button', { name: 'Ta i bruk forslaget' }).click()]);
    await expect(page.locator('#confirm-counts').textContent()).resolves.toMatch(
      /^1 innsatte får endringer: 5 nye økter, 0 flyttet og 0 fjernet\./,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/applied=1/), page.getByRole('button', { name: 'Ja, ta i bruk forslaget' }).click()]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Forslaget er tatt i bruk.');
    await page.goto(`${app.baseUrl}/app/planner`);
    await expect(page.locator('#totals').textContent()).resolves.toContain('6 tildelt av 80 plasser');
  });
  it('removes a prisoner from a session and the later ones', async () => {
    const wedAm = await app.t.dataSource.query(
      `SELECT s.id FROM "session" s JOIN booking b ON b.session_id = s.id JOIN prisoner p ON p.id = b.prisoner_id WHERE s.date = $1 AND p.last_name = 'Berg'`,
      [WEDNESDAY],
    );
    expect(wedAm).toHaveLength(1);
    // On a phone: the roster's rows are cards, so Lock and Remove are in view without scrolling the table sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/app/planner/sessions/${wedAm[0].id}`);
    const fits = await page.locator('.table-wrap', { has: page.locator('table.roster') }).evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth <= box.clientWidth;
    });
    expect(fits).toBe(true);
    for (const control of [page.locator('details.remove summary').first(), page.getByRole('button', { name: `Lås ${data.kari.name}` })]) {
      const box = await control.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await page.locator('details.remove summary').first().click();
    await Promise.all([
      page.waitForURL(/removed=/),
      page.getByRole('button', { name: `Fjern ${data.kari.name} fra og med denne dagen` }).click(),
    ]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe(`${data.kari.name} er fjernet fra og med 02.12.2026.`);
    await expect(page.locator('#session-count').getAttribute('data-allocated')).resolves.toBe('0');
    const [{ n }] = await app.t.dataSource.query(
      `SELECT count(*)::int AS n FROM booking b JOIN prisoner p ON p.id = b.prisoner_id WHERE p.last_name = 'Berg' AND b.date >= $1`,
      [WEDNESDAY],
    );
    expect(n).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
