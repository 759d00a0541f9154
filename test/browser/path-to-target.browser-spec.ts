import { Page } from 'playwright-core';
import { DayPeriod } from '../../src/activities/activity.enums';
import { Role } from '../../src/auth/roles';
import { createActivity } from '../factories/activity.factory';
import { insertSessions } from '../factories/allocation.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { allocateWithBookings, WEEK_49_DAYS } from '../factories/planning.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { attend, createRateActivity } from '../factories/rate.factory';
import { createStaffMember } from '../factories/staff.factory';
import { createUser } from '../factories/user.factory';
import { signIn } from '../support/auth';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, seriousA11yViolations, signInAs, startBrowserApp } from './support/browser';

// The clock says Monday 2026-11-23: last week 16–20 November is history, week 49 (30 Nov – 4 Dec) the coming week.
const LAST_WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

/**
 * 10 prisoners; the only workshop runs mornings with 6 places (3 booked next week): 50 prisoner-days,
 * ceiling 30 (60 %), target 45. Opening the workshop in the afternoons (15 places) lifts it to 90 %.
 */
describeInBrowser('the path to the target on the dashboards', () => {
  let app: BrowserApp;
  let page: Page;
  let data: { admin: string; prisonId: string; workshopId: string };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Målfengsel' });
    const manager = await createUser(ds, { roles: [Role.MANAGER], prisonIds: [prison.id] });
    const admin = await createUser(ds, { roles: [Role.NATIONAL_ADMIN] });
    const staff = await createStaffMember(ds, { prisonIds: [prison.id] });
    const am = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, period: DayPeriod.AM, staffMemberId: staff.id }));
    const workshop = await createActivity(ds, prison.id, { name: 'Snekkerverkstedet', capacity: 6 }, am);
    const sessions = await insertSessions(ds, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 6, staffMemberId: staff.id });
    const held = [];
    for (let i = 0; i < 10; i++) held.push(await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' }));
    for (const p of held.slice(0, 3))
      await allocateWithBookings(ds, {
        prisonerId: p.id,
        activityId: workshop.id,
        prisonId: prison.id,
        startDate: '2026-11-30',
        sessionIds: sessions.map((s) => s.id),
      });
    // Last week: 8 of the 10 worked every day (80 %, more than 5 points short of 90 %).
    const old = await createRateActivity(ds, prison.id);
    for (const p of held.slice(0, 8)) for (const date of LAST_WEEK) await attend(ds, p.id, old, date);
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    await api.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    data = { admin: admin.username, prisonId: prison.id, workshopId: workshop.id };
    page = await (await newTabletContext(app, { width: 1366, height: 900 })).newPage();
    await signInAs(page, app, manager.username);
  });
  afterAll(() => app?.close());

  it("shows a manager the gap in days, coloured by distance, next to the rates, and the coming weeks' planned rate", async () => {
    await page.goto(`${app.baseUrl}/app/dashboard?from=2026-11-16&to=2026-11-20`);
    const gap = page.locator('#kpi-gap');
    // 50 prisoner-days, 40 active: ⌈45⌉ − 40 = 5 days short; 80 % is FAR.
    await expect(gap.locator('.value').textContent()).resolves.toBe('5');
    await expect(gap.getAttribute('class')).resolves.toContain('band-far');
    await expect(gap.locator('.label').textContent()).resolves.toContain('Mer enn 5 poeng fra målet');
    const weeks = page.locator('#coming-weeks-table tbody tr');
    await expect(weeks.count()).resolves.toBe(6);
    await expect(weeks.first().getAttribute('data-week')).resolves.toBe('2026-W49');
    // 3 booked of 10 all week: 30,0 % planned, 30 days short of 45.
    await expect(weeks.first().locator('td').first().textContent()).resolves.toContain('30,0 %');
    await expect(weeks.first().locator('td.gap').textContent()).resolves.toBe('30');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("splits next week's gap in three and proposes the missing offer with predicted and confirmed ceilings", async () => {
    await expect(page.locator('#ceiling-text').textContent()).resolves.toContain('60,0 %');
    const part = (name: string) => page.locator(`#split-table tr[data-part="${name}"] td`).first().textContent();
    await expect(part('current')).resolves.toBe('15');
    await expect(part('planner')).resolves.toBe('30');
    await expect(part('ceiling')).resolves.toBe('30');
    await expect(part('target')).resolves.toBe('45');
    await expect(part('better-planning')).resolves.toBe('+15');
    await expect(part('unreachable')).resolves.toBe('15');
    await expect(page.locator('#kpi-predicted .value').textContent()).resolves.toBe('90,0 %');
    await expect(page.locator('#kpi-confirmed .value').textContent()).resolves.toBe('90,0 %');
    const rows = page.locator('#proposals tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(new Set(kinds)).toEqual(new Set(['OPEN_SLOT']));
    await expect(rows.first().locator('th').textContent()).resolves.toMatch(/^Åpne Snekkerverkstedet \S+ em$/);
    // A proposal leads to the week in the planner, where the slot is added.
    const href = await rows.first().locator('a').getAttribute('href');
    expect(href).toBe(`/app/planner?prisonId=${data.prisonId}&week=2026-W49`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('links each lost-day reason and each least-active prisoner to the page that fixes it', async () => {
    const noOffer = page.locator('#lost-days tr[data-reason="NO_OFFER"] a');
    await expect(noOffer.getAttribute('href')).resolves.toBe(`/app/planner?prisonId=${data.prisonId}&week=2026-W49`);
    await expect(page.locator('#lost-days tr[data-reason="NOT_RECORDED"] a').getAttribute('href')).resolves.toContain('/app/attendance?');
    await expect(page.locator('#least-active tbody tr').first().locator('a', { hasText: 'Planlegg' }).count()).resolves.toBe(1);
    await noOffer.click();
    await page.waitForURL('**/app/planner?**');
    expect(new URL(page.url()).searchParams.get('week')).toBe('2026-W49');
  });

  it('fits a 390 px phone screen without serious accessibility problems', async () => {
    const phone = await (await newTabletContext(app, { width: 390, height: 844 })).newPage();
    await signInAs(phone, app, data.admin);
    await phone.goto(`${app.baseUrl}/app/dashboard?prisonId=${data.prisonId}&from=2026-11-16&to=2026-11-20`);
    await expect(phone.locator('#proposals').count()).resolves.toBe(1);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });

  it('shows national administrators the coming weeks by region and, on request, the prisons short of offer', async () => {
    const admin = await (await newTabletContext(app, { width: 1366, height: 900 })).newPage();
    await signInAs(admin, app, data.admin);
    await expect(admin.locator('#coming-weeks-groups tbody tr').count()).resolves.toBe(1);
    await expect(admin.locator('#offer-prisons').count()).resolves.toBe(0);
    await admin.locator('#offer-compute').click();
    await admin.waitForSelector('#offer-prisons');
    const row = admin.locator(`#offer-prisons tr[data-prison="${data.prisonId}"]`);
    await expect(row.locator('th').textContent()).resolves.toContain('Målfengsel');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('+15');
    await expect(admin.locator('#offer-regions tbody tr').count()).resolves.toBe(1);
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });
});
