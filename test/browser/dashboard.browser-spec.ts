import { Page } from 'playwright-core';
import { DayPeriod } from '../../src/activities/activity.enums';
import { AbsenceReason } from '../../src/attendance/attendance.enums';
import { Role } from '../../src/auth/roles';
import { CancellationReason } from '../../src/sessions/session.enums';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { attend, book, cancelSession, createRateActivity } from '../factories/rate.factory';
import { createUser } from '../factories/user.factory';
import { signIn } from '../support/auth';
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

// Last week (the clock says Monday 2026-11-23): Mon–Fri 16–20 November.
const LAST_WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

describeInBrowser('manager dashboard in the browser', () => {
  let app: BrowserApp;
  let page: Page;
  let data: { manager: string; admin: string; prisonName: string; idle: { id: string; name: string }; busy: { id: string } };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Dalheim fengsel' });
    const other = await createPrisonWithUnit(ds, { name: 'Åsen fengsel' });
    const manager = await createUser(ds, { roles: [Role.MANAGER], prisonIds: [prison.id] });
    const admin = await createUser(ds, { roles: [Role.NATIONAL_ADMIN] });
    const held = { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' };
    const busy = await createHeldPrisoner(ds, held, { firstName: 'Per', lastName: 'Flittig' });
    const idle = await createHeldPrisoner(ds, held, { firstName: 'Ivar', lastName: 'Ledig' });
    const elsewhere = await createHeldPrisoner(ds, { prisonId: other.prison.id, unitId: other.unit.id, fromDate: '2026-11-02' });
    const workshop = await createRateActivity(ds, prison.id);
    const otherWorkshop = await createRateActivity(ds, other.prison.id);
    for (const date of LAST_WEEK) {
      await attend(ds, busy.id, workshop, date, DayPeriod.AM, date === '2026-11-18' ? AbsenceReason.SICK : null);
      await attend(ds, elsewhere.id, otherWorkshop, date);
    }
    // Ivar is booked on Tuesday afternoon, and that session is cancelled: staff unavailable.
    const cancelled = await book(ds, idle.id, workshop, '2026-11-17', DayPeriod.PM);
    await cancelSession(ds, cancelled, CancellationReason.STAFF_UNAVAILABLE);
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    await api.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    data = {
      manager: manager.username,
      admin: admin.username,
      prisonName: prison.name,
      idle: { id: idle.id, name: 'Ledig, Ivar' },
      busy: { id: busy.id },
    };
    page = await (await newTabletContext(app)).newPage();
    await signInAs(page, app, data.manager);
  });
  afterAll(() => app?.close());

  it("lands a manager on their prison's dashboard with the rate chart drawn", async () => {
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
    await expect(page.locator('h1').textContent()).resolves.toContain(data.prisonName);
    const drawn = await page.evaluate(() => {
      const g = globalThis as unknown as {
        Chart: { getChart(el: unknown): { data: { datasets: Array<{ label: string }> } } | undefined };
        document: { getElementById(id: string): unknown };
      };
      const chart = g.Chart.getChart(g.document.getElementById('trend-chart'));
      return chart ? chart.data.datasets.map((d) => d.label) : null;
    });
    expect(drawn).toEqual([`Gjennomført – ${data.prisonName}`, `Planlagt – ${data.prisonName}`, 'Nasjonalt (gjennomført)', 'Mål 90,0 %']);
    // Least active first: Ivar (no active day) before Per.
    await expect(page.locator('#least-active tbody tr').first().getAttribute('data-prisoner')).resolves.toBe(data.idle.id);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-prison');
  });

  it("drills down to a prisoner's day whose reason matches the API", async () => {
    await page.locator('#least-active tbody tr').first().locator('th').getByRole('link').click();
    await page.waitForURL(`**/app/dashboard/prisoners/${data.idle.id}**`);
    const url = new URL(page.url());
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    const res = await api
      .get(`/prisoners/${data.idle.id}/days?from=${url.searchParams.get('from')}&to=${url.searchParams.get('to')}`)
      .expect(200);
    const tuesday = (res.body.days as Array<{ date: string; reason: string; cancellationReason: string | null }>).find(
      (d) => d.date === '2026-11-17',
    )!;
    expect(tuesday).toMatchObject({ reason: 'SESSION_CANCELLED', cancellationReason: 'STAFF_UNAVAILABLE' });
    const row = page.locator('#prisoner-days tr[data-date="2026-11-17"]');
    await expect(row.getAttribute('data-reason')).resolves.toBe(tuesday.reason);
    await expect(row.locator('td.reason').textContent()).resolves.toBe('Avlyst: Ansatt ikke tilgjengelig');
    // Every day on the page carries the API's reason.
    const pageReasons = await page
      .locator('#prisoner-days tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-date'), r.getAttribute('data-reason') || null]));
    const apiReasons = (res.body.days as Array<{ date: string; reason: string | null }>).map((d) => [d.date, d.reason]).reverse();
    expect(pageReasons).toEqual(apiReasons);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-prisoner-days');
  });

  it('shows national administrators the country, regions and a ranked table of prisons', async () => {
    const admin = await (await newTabletContext(app)).newPage();
    await signInAs(admin, app, data.admin);
    expect(new URL(admin.url()).pathname).toBe('/app/dashboard');
    await expect(admin.locator('h1').textContent()).resolves.toContain('Nasjonalt');
    const ranking = await admin.locator('#prison-ranking tbody th').allTextContents();
    // Åsen (every day active) ranks above Dalheim.
    expect(ranking).toEqual(['Åsen fengsel', 'Dalheim fengsel']);
    await expect(admin.locator('#by-region tbody tr').count()).resolves.toBe(2);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await screenshot(admin, 'dashboard-national');
  });
});
