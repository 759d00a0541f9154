import { Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { recordAttendance } from '../factories/rate.factory';
import { createUser } from '../factories/user.factory';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, screenshotBothWidths, signInAs, startBrowserApp } from './support/browser';
import { buildOsloSizedPrison, OsloSized } from './support/oslo-sized-tasks';
import { checkWidths, FITS } from './support/widths';

// The clock is pinned to Monday 2026-11-23; the officer works on this week's Wednesday.
const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const WEDNESDAY = '2026-11-25';

describeInBrowser('the officer’s daily tasks on a prison of Oslo’s size', () => {
  let app: BrowserApp;
  let page: Page;
  let oslo: OsloSized;

  const bookedSessionsOf = async (prisonerId: string, date: string) =>
    (
      await app.t.dataSource.query<Array<{ session_id: string }>>(
        `SELECT session_id FROM booking WHERE prisoner_id = $1 AND date = $2 AND period = 'AM'`,
        [prisonerId, date],
      )
    ).map((r) => r.session_id);

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    oslo = await buildOsloSizedPrison(ds, WEEK);
    const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [oslo.prisonId] });
    page = await (await newTabletContext(app)).newPage();
    await signInAs(page, app, officer.username);
  }, 600_000);
  afterAll(() => app?.close());

  it('cancels a session with a reason and moves each prisoner to a free eligible session the same half-day in one click', async () => {
    await page.getByRole('link', { name: 'Økter' }).click();
    await page.waitForURL('**/app/sessions');
    await page.goto(`${app.baseUrl}/app/sessions?date=${WEDNESDAY}`);
    await expect(page.locator('ul.sessions-of-day > li').count()).resolves.toBe(88);
    expect(await checkWidths(page)).toEqual(FITS);

    await page.getByRole('link', { name: 'Åpne Verksted 01 Formiddag' }).click();
    await page.waitForURL(/\/app\/sessions\/[0-9a-f-]{36}$/);
    const sessionId = new URL(page.url()).pathname.split('/').pop() as string;
    const roster = await page.locator('ul.affected > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-prisoner') as string));
    expect(roster.length).toBeGreaterThanOrEqual(8);

    await page.getByLabel('Årsak').selectOption('STAFF_UNAVAILABLE');
    await Promise.all([page.waitForURL(/done=cancelled/), page.getByRole('button', { name: 'Avlys økten' }).click()]);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe('Økten er avlyst.');
    await expect(page.locator('#session-status').getAttribute('data-cancelled')).resolves.toBe('true');
    await expect(page.locator('#session-status').textContent()).resolves.toContain('Avlyst: Ansatt ikke tilgjengelig');
    // Every prisoner affected has up to three suggestions; each is a real session with a free place that morning.
    await expect(page.locator('ul.affected > li').count()).resolves.toBe(roster.length);
    await expect(page.locator(`ul.affected > li[data-prisoner="${roster[0]}"] .moves button`).count()).resolves.toBe(3);
    expect(await checkWidths(page)).toEqual(FITS);
    await screenshotBothWidths(page, 'sessions-cancelled');

    const first = page.locator(`ul.affected > li[data-prisoner="${roster[0]}"] .moves button`).first();
    const target = (await first.getAttribute('data-to')) as string;
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/move')), first.click()]);
    expect(response.status()).toBe(303);
    await page.waitForURL(/moved=/);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toMatch(/er flyttet til Verksted \d\d\.$/);
    expect(await bookedSessionsOf(roster[0], WEDNESDAY)).toEqual([target]);
    await expect(page.locator('ul.affected > li').count()).resolves.toBe(roster.length - 1);
    // A reload of the confirmation does not move anyone again (post/redirect/get).
    await page.reload();
    expect(await bookedSessionsOf(roster[0], WEDNESDAY)).toEqual([target]);
    await expect(
      page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className,
      ),
    ).resolves.toContain('notice');

    // Restoring needs the confirmation box; the moved prisoner stays where they went, the others are back on the roster.
    await page.getByLabel('Ja, økten skal gå likevel').check();
    await Promise.all([page.waitForURL(/done=uncancelled/), page.getByRole('button', { name: 'Gjenopprett økten' }).click()]);
    await expect(page.locator('#session-status').getAttribute('data-cancelled')).resolves.toBe('false');
    await expect(page.locator('ul.affected > li').count()).resolves.toBe(roster.length - 1);
    expect(await bookedSessionsOf(roster[0], WEDNESDAY)).toEqual([target]);
    expect(await bookedSessionsOf(roster[1], WEDNESDAY)).toEqual([sessionId]);
  });

  it('finds a prisoner, shows their week with reasons, and records and ends an unavailability', async () => {
    await page.getByRole('link', { name: 'Innsatte' }).click();
    await page.waitForURL('**/app/prisoners');
    await page.getByLabel('Navn eller fangenummer').fill('Etternavn007');
    await Promise.all([page.waitForURL(/search=/), page.getByRole('button', { name: 'Søk' }).click()]);
    await expect(page.locator('ul.prisoners > li').count()).resolves.toBe(1);
    expect(await checkWidths(page)).toEqual(FITS);
    await page.getByRole('link', { name: 'Etternavn007, Fornavn7' }).click();
    await page.waitForURL(/\/app\/prisoners\/[0-9a-f-]{36}$/);
    const prisonerId = new URL(page.url()).pathname.split('/').pop() as string;
    // This week: an activity every half-day (prisoner 7 is in "Verksted 08").
    await expect(page.locator('#this-week > li').count()).resolves.toBe(5);
    await expect(page.locator('#this-week li[data-date="2026-11-26"] .half[data-period="AM"]').textContent()).resolves.toContain(
      'Verksted 08',
    );
    await expect(page.locator('#week').inputValue()).resolves.toBe('2026-W48');
    expect(await checkWidths(page)).toEqual(FITS);

    await page.getByLabel('Hva').selectOption('COURT');
    await page.getByLabel('Første dag').fill('2026-11-26');
    await page.getByLabel('Når på dagen').selectOption('AM');
    await page.getByLabel('Merknad').fill('Oslo tingrett');
    await Promise.all([page.waitForURL(/added=COURT/), page.getByRole('button', { name: 'Registrer' }).click()]);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe('Registrert: Retten 26.11.2026–26.11.2026.');
    await expect(page.locator('#this-week li[data-date="2026-11-26"] .half[data-period="AM"]').textContent()).resolves.toContain(
      'Utilgjengelig: Retten',
    );
    const rows = await app.t.dataSource.query(`SELECT kind, period, note FROM unavailability WHERE prisoner_id = $1`, [prisonerId]);
    expect(rows).toEqual([{ kind: 'COURT', period: 'AM', note: 'Oslo tingrett' }]);
    await screenshotBothWidths(page, 'prisoner-week');

    // A last day before the first is refused at the top of the page, in Norwegian, and nothing is written.
    await page.getByLabel('Første dag').fill('2026-11-27');
    await page.getByRole('textbox', { name: 'Siste dag (valgfritt)' }).fill('2026-11-26');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/unavailability') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Registrer' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#feedback .notice.error').textContent()).resolves.toContain('Skjemaet har feil');
    await expect(app.t.dataSource.query(`SELECT count(*)::int AS n FROM unavailability`)).resolves.toEqual([{ n: 1 }]);

    await page.goto(`${app.baseUrl}/app/prisoners/${prisonerId}`);
    await Promise.all([page.waitForURL(/ended=COURT/), page.getByRole('button', { name: /^Avslutt Retten/ }).click()]);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe('Avsluttet: Retten 26.11.2026–26.11.2026.');
    await expect(app.t.dataSource.query(`SELECT count(*)::int AS n FROM unavailability`)).resolves.toEqual([{ n: 0 }]);
    expect(await checkWidths(page)).toEqual(FITS);
  });

  it('works an activity’s waiting list: refers by prisoner number, approves, declines with a reason, allocates from the list', async () => {
    const ds = app.t.dataSource;
    const course = oslo.activities[43];
    await ds.query(`UPDATE activity SET requires_referral = true WHERE id = $1`, [course.id]);
    const unit = { prisonId: oslo.prisonId, unitId: oslo.unitIds[0] };
    const nina = await createHeldPrisoner(ds, unit, { firstName: 'Nina', lastName: 'Nyankommet' });
    const odd = await createHeldPrisoner(ds, unit, { firstName: 'Odd', lastName: 'Nyankommet' });

    await page.getByRole('link', { name: 'Henvisninger' }).click();
    await page.waitForURL('**/app/referrals');
    await expect(page.locator('#activityId').inputValue()).resolves.toBe(course.id);
    for (const p of [nina, odd]) {
      await page.getByLabel('Fangenummer').fill(p.prisonerNumber);
      await Promise.all([page.waitForURL(/done=created/), page.getByRole('button', { name: 'Henvis' }).click()]);
    }
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe('Nyankommet, Odd er satt på ventelisten.');
    await expect(page.locator('ul.waiting > li').count()).resolves.toBe(2);
    expect(await checkWidths(page)).toEqual(FITS);

    await Promise.all([page.waitForURL(/done=approved/), page.getByRole('button', { name: 'Godkjenn Nyankommet, Nina' }).click()]);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe('Nyankommet, Nina er godkjent.');
    await page.locator(`li[data-referral] >> text=Nyankommet, Odd`).locator('xpath=..').locator('summary').click();
    await page.getByLabel('Hvorfor avslått').fill('Har allerede fullført kurset');
    await Promise.all([page.waitForURL(/done=declined/), page.getByRole('button', { name: 'Avslå Nyankommet, Odd' }).click()]);
    await expect(page.locator('ul.waiting > li').count()).resolves.toBe(1);

    await page.getByLabel('Hvor ofte').selectOption('AM_ONLY');
    await Promise.all([
      page.waitForURL(/done=allocated/),
      page.getByRole('button', { name: 'Tildel Nyankommet, Nina fra 23.11.2026' }).click(),
    ]);
    await expect(page.locator('#feedback .notice.ok').textContent()).resolves.toBe(`Nyankommet, Nina er tildelt ${course.name}.`);
    await expect(page.locator('ul.waiting > li').count()).resolves.toBe(0);
    const statuses = await ds.query(
      `SELECT p.first_name AS name, r.status FROM referral r JOIN prisoner p ON p.id = r.prisoner_id ORDER BY 1`,
    );
    expect(statuses).toEqual([
      { name: 'Nina', status: 'ALLOCATED' },
      { name: 'Odd', status: 'DECLINED' },
    ]);
    await expect(ds.query(`SELECT decision_note AS note FROM referral WHERE prisoner_id = $1`, [odd.id])).resolves.toEqual([
      { note: 'Har allerede fullført kurset' },
    ]);
    const [alloc] = await ds.query(`SELECT pattern, start_date::text AS start FROM allocation WHERE prisoner_id = $1`, [nina.id]);
    expect(alloc).toEqual({ pattern: 'AM_ONLY', start: '2026-11-23' });
    expect(await checkWidths(page)).toEqual(FITS);
    await screenshotBothWidths(page, 'referrals-waiting-list');
  });

  it('lists the registers still to record first, with recorded/expected counts', async () => {
    const ds = app.t.dataSource;
    const [{ id: done }] = await ds.query(`SELECT id FROM "session" WHERE activity_id = $1 AND date = $2 AND period = 'AM'`, [
      oslo.activities[2].id,
      WEDNESDAY,
    ]);
    const booked = await ds.query<Array<{ prisoner_id: string }>>(`SELECT prisoner_id FROM booking WHERE session_id = $1`, [done]);
    for (const b of booked) await recordAttendance(ds, done, b.prisoner_id);
    await page.goto(`${app.baseUrl}/app/attendance?date=${WEDNESDAY}`);
    const items = page.locator('ul.sessions-list > li');
    await expect(items.first().locator('.badge.bad').textContent()).resolves.toMatch(/^Ikke ferdig: 0 av \d+ registrert$/);
    const recorded = page.locator(`ul.sessions-list > li:has(a[href="/app/attendance/${done}"]) .badge`);
    await expect(recorded.textContent()).resolves.toBe(`Registrert: ${booked.length} av ${booked.length}`);
    // Every register before it is still open; the recorded one comes after all of them.
    const open = await items.locator('.badge').evaluateAll((els) => els.map((e) => e.classList.contains('bad')));
    const firstDone = open.indexOf(false);
    expect(open.slice(firstDone).includes(true)).toBe(false);
    expect(firstDone).toBeGreaterThan(80);
    expect(await checkWidths(page)).toEqual(FITS);
  });

  describe('the teacher', () => {
    let teacherPage: Page;
    let classSession: string;

    beforeAll(async () => {
      const ds = app.t.dataSource;
      const teacher = await createUser(ds, { roles: [Role.TEACHER], prisonIds: [oslo.prisonId] });
      await ds.query(`UPDATE "session" SET staff_member_id = $1 WHERE activity_id = $2`, [teacher.staffMemberId, oslo.activities[1].id]);
      [{ id: classSession }] = await ds.query(`SELECT id FROM "session" WHERE activity_id = $1 AND date = $2 AND period = 'AM'`, [
        oslo.activities[1].id,
        WEDNESDAY,
      ]);
      const context = await newTabletContext(app, { width: 390, height: 844 });
      teacherPage = await context.newPage();
      await signInAs(teacherPage, app, teacher.username);
    });

    it('opens next week’s timetable on a Sunday, this week’s on a weekday', async () => {
      app.t.clock.set('2026-11-29T10:00:00');
      try {
        await teacherPage.goto(`${app.baseUrl}/app/teacher`);
        await expect(teacherPage.locator('#week').inputValue()).resolves.toBe('2026-W49');
      } finally {
        app.t.clock.set('2026-11-23T10:00:00');
      }
      await teacherPage.goto(`${app.baseUrl}/app/teacher`);
      await expect(teacherPage.locator('#week').inputValue()).resolves.toBe('2026-W48');
      // Week navigation without <input type=week>: an ISO week typed as text, and previous/next links.
      await teacherPage.locator('#week').fill('2026-W51');
      await Promise.all([teacherPage.waitForURL(/week=2026-W51/), teacherPage.getByRole('button', { name: 'Vis' }).click()]);
      await expect(teacherPage.locator('#week').getAttribute('type')).resolves.toBe('text');
      await Promise.all([teacherPage.waitForURL(/week=2026-W50/), teacherPage.getByRole('link', { name: /Forrige uke/ }).click()]);
      expect(await checkWidths(teacherPage)).toEqual(FITS);
    });

    it('gets the calendar link on its own page: in view, copyable, a reload changes nothing, a new link only when confirmed', async () => {
      await teacherPage.goto(`${app.baseUrl}/app/teacher`);
      await teacherPage.getByRole('link', { name: 'Kalenderabonnement' }).click();
      await teacherPage.waitForURL('**/app/teacher/calendar');
      await Promise.all([teacherPage.waitForURL(/made=1/), teacherPage.getByRole('button', { name: 'Lag en kalenderlenke' }).click()]);
      const field = teacherPage.locator('#feed-url');
      const link = await field.inputValue();
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      const box = (await field.boundingBox()) as { y: number; height: number; x: number; width: number };
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await expect(teacherPage.getByRole('button', { name: 'Kopier lenken' }).isVisible()).resolves.toBe(true);
      expect((await teacherPage.request.get(link)).status()).toBe(200);
      expect(await checkWidths(teacherPage)).toEqual(FITS);

      // A reload is a GET: the same link, still working, nothing rotated.
      const [before] = await app.t.dataSource.query(`SELECT token_hash FROM calendar_feed`);
      await teacherPage.reload();
      await expect(field.inputValue()).resolves.toBe(link);
      await expect(app.t.dataSource.query(`SELECT token_hash FROM calendar_feed`)).resolves.toEqual([before]);
      expect((await teacherPage.request.get(link)).status()).toBe(200);

      // A new link needs the confirmation box; then the old one stops working.
      await teacherPage.getByRole('button', { name: 'Lag ny lenke' }).click();
      await expect(teacherPage.locator('#rotate-title').isVisible()).resolves.toBe(true);
      expect(new URL(teacherPage.url()).search).toBe('?made=1');
      await teacherPage.getByLabel('Jeg forstår at den gamle lenken slutter å virke').check();
      await Promise.all([teacherPage.waitForURL(/rotated=1/), teacherPage.getByRole('button', { name: 'Lag ny lenke' }).click()]);
      const newLink = await field.inputValue();
      expect(newLink).not.toBe(link);
      expect((await teacherPage.request.get(link)).status()).toBe(404);
      expect((await teacherPage.request.get(newLink)).status()).toBe(200);
      await screenshotBothWidths(teacherPage, 'teacher-calendar');
    });

    it('reads the class list and the attendance roster at 390 px', async () => {
      await teacherPage.goto(`${app.baseUrl}/app/teacher/sessions/${classSession}`);
      await expect(teacherPage.locator('#roster tbody tr').count()).resolves.toBeGreaterThanOrEqual(8);
      expect(await checkWidths(teacherPage)).toEqual(FITS);
      await teacherPage.goto(`${app.baseUrl}/app/attendance/${classSession}`);
      expect(await checkWidths(teacherPage)).toEqual(FITS);
      await teacherPage.goto(`${app.baseUrl}/app/attendance?date=${WEDNESDAY}`);
      expect(await checkWidths(teacherPage)).toEqual(FITS);
    });
  });

  it('every page of every role fits 390 and 1366 px with no serious axe findings', async () => {
    const ds = app.t.dataSource;
    const manager = await createUser(ds, { roles: [Role.MANAGER], prisonIds: [oslo.prisonId] });
    const managerPage = await (await newTabletContext(app)).newPage();
    await signInAs(managerPage, app, manager.username);
    const [{ id: session }] = await ds.query(`SELECT id FROM "session" WHERE activity_id = $1 AND date = $2 AND period = 'PM'`, [
      oslo.activities[5].id,
      WEDNESDAY,
    ]);
    const prisoner = oslo.prisonerIds[11];
    const officerPages = [
      '/app/planner',
      `/app/planner/sessions/${session}`,
      `/app/planner/print?date=${WEDNESDAY}`,
      `/app/planner/print?date=${WEDNESDAY}&activity=${oslo.activities[5].id}`,
      `/app/unlock?date=${WEDNESDAY}&period=AM`,
      `/app/sessions?date=${WEDNESDAY}`,
      `/app/sessions/${session}`,
      '/app/prisoners?search=Etternavn01',
      `/app/prisoners/${prisoner}`,
      '/app/referrals',
      `/app/attendance?date=${WEDNESDAY}`,
      `/app/attendance/${session}`,
    ];
    const managerPages = ['/app/dashboard', `/app/dashboard/prisoners/${prisoner}`];
    const failures: Array<{ url: string; result: unknown }> = [];
    for (const [p, urls] of [
      [page, officerPages],
      [managerPage, managerPages],
    ] as const) {
      for (const url of urls) {
        const res = await p.goto(`${app.baseUrl}${url}`);
        expect({ url, status: res?.status() }).toEqual({ url, status: 200 });
        const result = await checkWidths(p);
        if (JSON.stringify(result) !== JSON.stringify(FITS)) failures.push({ url, result });
      }
    }
    // Every page fits both widths with no serious axe finding (DEBUG_OVERFLOW=1 names the elements that stick out).
    expect(failures.map((f) => ({ url: f.url.replace(/[0-9a-f-]{36}/g, ':id'), result: f.result }))).toEqual([]);
  }, 600_000);
});
