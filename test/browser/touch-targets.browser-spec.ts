import { Page } from 'playwright-core';
import { DayPeriod } from '../../src/activities/activity.enums';
import { Role } from '../../src/auth/roles';
import { createActivity } from '../factories/activity.factory';
import { insertSessions } from '../factories/allocation.factory';
import { bookOnSession } from '../factories/attendance.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { createReferral } from '../factories/referral.factory';
import { createUser } from '../factories/user.factory';
import { signIn } from '../support/auth';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, signInAs, startBrowserApp } from './support/browser';

// Touch targets on a phone (390×844): the controls that are neither buttons nor fields — disclosures
// (<summary>), sub-menu tabs, the language switch, a "Cancel" link beside a form's buttons — are at least
// 44 px high. The clock is pinned to Monday 2026-11-23; the planner opens on next week, 2026-W49.

const NEXT_WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const PHONE = { width: 390, height: 844 };

describeInBrowser('touch targets at 390 px', () => {
  let app: BrowserApp;
  let users: Record<'officer' | 'manager' | 'admin', string>;
  let referralActivity: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Testvik' }, { name: 'Vest' });
    const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [prison.id] });
    const manager = await createUser(ds, { roles: [Role.MANAGER], prisonIds: [prison.id] });
    const admin = await createUser(ds, { roles: [Role.NATIONAL_ADMIN] });
    const held = { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' };
    const ola = await createHeldPrisoner(ds, held, { firstName: 'Ola', lastName: 'Aas' });
    const kari = await createHeldPrisoner(ds, held, { firstName: 'Kari', lastName: 'Berg' });
    await createHeldPrisoner(ds, held, { firstName: 'Nils', lastName: 'Dahl' });
    // Seven workshops every half-day next week: a free prisoner can join more than the six shown ("1 more").
    for (let i = 1; i <= 7; i++) {
      const workshop = await createActivity(ds, prison.id, { name: `Verksted ${i}`, capacity: 8 });
      const sessions = await insertSessions(ds, workshop, NEXT_WEEK, { capacity: 8 });
      if (i === 1) {
        const wedAm = sessions.find((s) => s.date === '2026-12-02' && s.period === DayPeriod.AM)!;
        await bookOnSession(ds, { ...wedAm, activityId: workshop.id, prisonId: prison.id }, [ola.id]);
      }
    }
    const programme = await createActivity(ds, prison.id, { name: 'Sinnemestring', requiresReferral: true, capacity: 8 });
    await createReferral(ds, { prisonerId: kari.id, activityId: programme.id });
    referralActivity = programme.id;
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    await api.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    users = { officer: officer.username, manager: manager.username, admin: admin.username };
  });
  afterAll(() => app?.close());

  /** The height of each element the selector finds that is visible (none found fails). */
  async function heights(page: Page, selector: string): Promise<number[]> {
    const found = await page
      .locator(selector)
      .evaluateAll((els) =>
        els
          .map((el) => (el as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height)
          .filter((h) => h > 0),
      );
    expect({ selector, found: found.length > 0 }).toEqual({ selector, found: true });
    return found.map((h) => Math.round(h));
  }

  async function phone(user: string): Promise<Page> {
    const context = await newTabletContext(app, PHONE);
    const page = await context.newPage();
    await signInAs(page, app, user);
    return page;
  }

  it('every summary, tab, language switch and cancel link is at least 44 px high on a phone', async () => {
    const base = app.baseUrl;
    const small: string[] = [];
    const measure = async (page: Page, where: string, selector: string) => {
      for (const h of await heights(page, selector)) if (h < 44) small.push(`${where} ${selector}: ${h} px`);
    };

    const officer = await phone(users.officer);
    await officer.goto(`${base}/app/planner?scope=all`);
    await measure(officer, 'week plan', '.site-header .user > a[hreflang]');
    await measure(officer, 'week plan', 'details.no-activity > summary');
    await officer.goto(`${base}/app/planner/half-day?date=2026-12-02&period=AM`);
    await measure(officer, 'who is free', 'main details > summary');
    await officer.goto(`${base}/app/referrals?activityId=${referralActivity}`);
    await measure(officer, 'referrals', 'details.decline > summary');
    await officer.goto(`${base}/app/planner`);
    await Promise.all([
      officer.waitForURL(/\/app\/planner\/drafts\//),
      officer.getByRole('button', { name: 'Kjør automatisk planlegging' }).click(),
    ]);
    await officer.goto(`${officer.url()}&confirm=1`);
    await measure(officer, 'draft confirmation', '#confirm .actions > a');
    await officer.context().close();

    const manager = await phone(users.manager);
    await manager.goto(`${base}/app/dashboard`);
    await measure(manager, 'dashboard', 'main details > summary');
    await manager.context().close();

    const admin = await phone(users.admin);
    await admin.goto(`${base}/app/admin`);
    await measure(admin, 'organisation', 'ul.tabs a');
    await admin.context().close();

    expect(small).toEqual([]);
  });
});
