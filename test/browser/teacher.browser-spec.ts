import { Page } from 'playwright-core';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { Role } from '../../src/auth/roles';
import { EducationLevel, EducationRight } from '../../src/prisoners/prisoner.enums';
import { bookOnSession, createAttendanceSession } from '../factories/attendance.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
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

const TODAY = '2026-11-23';

describeInBrowser('teacher timetable, class list and attendance in the browser', () => {
  let app: BrowserApp;
  let page: Page;
  let data: {
    teacher: string;
    sessionId: string;
    otherSessionId: string;
    anna: { id: string; number: string; dateOfBirth: string };
    bjorn: { id: string; number: string };
  };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds);
    const teacher = await createUser(ds, { roles: [Role.TEACHER], prisonIds: [prison.id] });
    const otherTeacher = await createUser(ds, { roles: [Role.TEACHER], prisonIds: [prison.id] });
    const session = await createAttendanceSession(ds, prison.id, {
      date: TODAY,
      period: DayPeriod.AM,
      staffMemberId: teacher.staffMemberId,
      kind: ActivityKind.EDUCATION,
    });
    const other = await createAttendanceSession(ds, prison.id, {
      date: TODAY,
      period: DayPeriod.PM,
      staffMemberId: otherTeacher.staffMemberId,
      kind: ActivityKind.EDUCATION,
    });
    const anna = await createHeldPrisoner(
      ds,
      { prisonId: prison.id, unitId: unit.id },
      {
        firstName: 'Anna',
        lastName: 'Aspelund',
        dateOfBirth: '1987-03-14',
        educationRight: EducationRight.ADULT,
        educationLevel: EducationLevel.LOWER_SECONDARY,
      },
    );
    const bjorn = await createHeldPrisoner(
      ds,
      { prisonId: prison.id, unitId: unit.id },
      { firstName: 'Bjørn', lastName: 'Bakke', dateOfBirth: '2003-06-01', educationRight: EducationRight.YOUTH },
    );
    await bookOnSession(ds, session, [anna.id, bjorn.id]);
    await bookOnSession(ds, other, [anna.id]);
    data = {
      teacher: teacher.username,
      sessionId: session.id,
      otherSessionId: other.id,
      anna: { id: anna.id, number: anna.prisonerNumber, dateOfBirth: anna.dateOfBirth },
      bjorn: { id: bjorn.id, number: bjorn.prisonerNumber },
    };
    page = await (await newTabletContext(app, { width: 1024, height: 768 })).newPage();
    await signInAs(page, app, data.teacher);
  });
  afterAll(() => app?.close());

  it("lands a teacher on this week's timetable with only their own sessions", async () => {
    expect(new URL(page.url()).pathname).toBe('/app/teacher');
    await expect(page.locator(`li[data-session="${data.sessionId}"]`).count()).resolves.toBe(1);
    await expect(page.locator(`li[data-session="${data.otherSessionId}"]`).count()).resolves.toBe(0);
    await expect(page.locator(`li[data-session="${data.sessionId}"]`).textContent()).resolves.toContain('2 påmeldt');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'teacher-timetable');
  });

  it('shows a class list with teacher-safe fields only', async () => {
    await page.locator(`li[data-session="${data.sessionId}"] a.open`).click();
    await page.waitForURL(`**/app/teacher/sessions/${data.sessionId}`);
    const headers = await page.locator('#roster thead th').allTextContents();
    expect(headers).toEqual(['Navn', 'Fangenummer', 'Avdeling', 'Opplæringsrett', 'Utdanningsnivå']);
    const rows = await page.locator('#roster tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Aspelund, Anna');
    expect(rows[0]).toContain(data.anna.number);
    expect(rows[0]).toContain('Voksenrett');
    // Nothing a teacher must not see: date of birth, legal status, ids of allocations.
    const content = await page.content();
    for (const forbidden of [data.anna.dateOfBirth, '14.03.1987', 'CONVICTED', 'Domfelt', 'legalStatus', 'dateOfBirth', 'allocation'])
      expect(content).not.toContain(forbidden);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'teacher-roster');

    const csv = await page.request.get(`${app.baseUrl}/app/teacher/sessions/${data.sessionId}/roster.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Aspelund');
    expect(text).not.toContain(data.anna.dateOfBirth);
  });

  it("cannot open another teacher's class or the planner", async () => {
    const other = await page.goto(`${app.baseUrl}/app/teacher/sessions/${data.otherSessionId}`);
    expect(other?.status()).toBe(404);
    const planner = await page.goto(`${app.baseUrl}/app/planner`);
    expect(planner?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ingen tilgang');
  });

  it('shows row errors and records nothing when an absence has no reason', async () => {
    await page.goto(`${app.baseUrl}/app/attendance/${data.sessionId}`);
    const bjorn = page.locator(`[data-prisoner="${data.bjorn.id}"]`);
    await bjorn.getByLabel('Fravær', { exact: true }).check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Lagre oppmøte' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.locator('.notice.error').isVisible()).resolves.toBe(true);
    await expect(page.locator(`[data-prisoner="${data.bjorn.id}"] .row-error`).count()).resolves.toBeGreaterThan(0);
    const [{ n }] = await app.t.dataSource.query(`SELECT count(*)::int AS n FROM attendance`);
    expect(n).toBe(0);
  });

  it('records attendance for the roster in one batch', async () => {
    await page.goto(`${app.baseUrl}/app/attendance/${data.sessionId}`);
    await expect(page.locator('#counts').getAttribute('data-not-recorded')).resolves.toBe('2');
    await page.getByRole('button', { name: 'Marker alle som møtt' }).click();
    const bjorn = page.locator(`[data-prisoner="${data.bjorn.id}"]`);
    await bjorn.getByLabel('Fravær', { exact: true }).check();
    // A teacher chooses from the teachers' vocabulary only (docs/teachers.md).
    await expect(
      bjorn
        .getByLabel('Fraværsårsak')
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
    ).resolves.toEqual(['', 'ABSENT_EXCUSED', 'ABSENT_REFUSED']);
    await bjorn.getByLabel('Fraværsårsak').selectOption('ABSENT_EXCUSED');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attendance-roster');
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Lagre oppmøte' }).click()]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Oppmøtet er lagret: 2 nye');
    await expect(page.locator('#counts').getAttribute('data-attended')).resolves.toBe('1');
    await expect(page.locator('#counts').getAttribute('data-absent')).resolves.toBe('1');
    const rows = await app.t.dataSource.query(
      `SELECT prisoner_id AS "prisonerId", outcome, absence_reason AS reason FROM attendance WHERE session_id = $1 ORDER BY outcome`,
      [data.sessionId],
    );
    expect(rows).toEqual([
      { prisonerId: data.anna.id, outcome: 'ATTENDED', reason: null },
      // "Excused" with no known unavailability is stored as NOT_REQUIRED.
      { prisonerId: data.bjorn.id, outcome: 'ABSENT', reason: 'NOT_REQUIRED' },
    ]);
  });

  it("lists today's sessions on the attendance page", async () => {
    await page.goto(`${app.baseUrl}/app/attendance`);
    await expect(page.locator('.sessions-list li').count()).resolves.toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attendance-today');
  });
});
