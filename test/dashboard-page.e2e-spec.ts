import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { PrisonerDaysService } from '../src/activity-rate/prisoner-days.service';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { attend, book, createRateActivity } from './factories/rate.factory';
import { signIn, signInAdmin } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The dashboard page's wording and links (src/web/dashboard): the week named once, each table's first
// column named after its rows, the attendance registers of the period's last day with sessions.
describe('dashboard page', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
    // Monday 23 November 2026: yesterday, the default end of the period, is a Sunday.
    t.clock.set('2026-11-23T10:00:00');
  });

  async function prisonWithFigures() {
    const { prison, unit } = await createPrisonWithUnit(ds);
    await createRateActivity(ds, prison.id, ActivityKind.WORK);
    await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' });
    await t.app.get(PrisonerDaysService).refreshDays({ from: '2026-11-02', to: '2026-11-22' });
    return { prison, unit };
  }

  /** The first column's header of a table, by id. */
  const firstHeader = (page: string, id: string) => page.split(`id="${id}"`)[1]?.match(/<th scope="col">([^<]*)<\/th>/)?.[1];

  it('names the week once ("uke 49 2026", not "uke uke"), in both languages', async () => {
    await prisonWithFigures();
    const admin = await signInAdmin(t);
    const nb = (await admin.get('/app/dashboard').expect(200)).text;
    expect(nb).toMatch(/Fengsler med for lite tilbud – uke \d+ 2026/);
    const en = (await admin.get('/app/dashboard?lang=en').expect(200)).text;
    expect(en).toMatch(/Prisons short of offer – week \d+ 2026/);
    for (const page of [nb, en]) expect(page).not.toMatch(/uke uke|week week/i);
  });

  it('names the first column of each table after its rows (region, prison, unit, activity kind), not "Group by"', async () => {
    const { prison } = await prisonWithFigures();
    const admin = await signInAdmin(t);
    const national = (await admin.get('/app/dashboard?lang=en').expect(200)).text;
    expect(firstHeader(national, 'by-region')).toBe('Region');
    expect(firstHeader(national, 'by-kind')).toBe('Activity kind');
    expect(national).toMatch(/id="prison-ranking"[\s\S]*?<th scope="col">Prison<\/th>/);
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    const own = (await manager.get('/app/dashboard').expect(200)).text;
    expect(firstHeader(own, 'by-unit')).toBe('Avdeling');
    expect(firstHeader(own, 'by-kind')).toBe('Aktivitetstype');
    expect(firstHeader(own, 'split-table')).toBe('Plan');
    for (const page of [national, own]) expect(page).not.toMatch(/<th scope="col">(Group by|Gruppering)<\/th>/);
  });

  it('offers "National" in the scope list only to those it shows the nation to (a manager choosing it got their prison)', async () => {
    const { prison } = await prisonWithFigures();
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    const own = (await manager.get('/app/dashboard').expect(200)).text;
    expect(own).not.toMatch(/<option value=""[^>]*>Nasjonalt<\/option>/);
    expect(own).toMatch(new RegExp(`<option value="${prison.id}" selected>`));
    const admin = await signInAdmin(t);
    expect((await admin.get('/app/dashboard').expect(200)).text).toMatch(/<option value="" selected>Nasjonalt<\/option>/);
  });

  it('"attendance registers" opens the last weekday of the period with sessions, not an empty Sunday', async () => {
    const { prison } = await prisonWithFigures();
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    const page = (await manager.get('/app/dashboard').expect(200)).text;
    const links = (reason: string) =>
      page.match(new RegExp(`data-reason="${reason}"[\\s\\S]*?href="(/app/attendance\\?[^"]*)"`))?.[1].replace(/&amp;/g, '&');
    // The period ends yesterday, Sunday 22 November: Friday the 20th had the last sessions.
    expect(links('NOT_RECORDED')).toBe(`/app/attendance?prisonId=${prison.id}&date=2026-11-20`);
    expect(links('ABSENT')).toBe(`/app/attendance?prisonId=${prison.id}&date=2026-11-20`);
    // A period ending on a public holiday (Christmas Day, a Friday) opens the Thursday before; one that ends on a weekday, that day.
    t.clock.set('2027-01-04T10:00:00');
    const christmas = (await manager.get('/app/dashboard?from=2026-12-01&to=2026-12-25').expect(200)).text;
    expect(christmas).toContain(`/app/attendance?prisonId=${prison.id}&amp;date=2026-12-24`);
    const weekday = (await manager.get('/app/dashboard?from=2026-12-01&to=2026-12-16').expect(200)).text;
    expect(weekday).toContain(`/app/attendance?prisonId=${prison.id}&amp;date=2026-12-16`);
  });

  it('"attendance registers" opens, for each reason, the latest day the prison lost days to it', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const activity = await createRateActivity(ds, prison.id, ActivityKind.WORK);
    const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' });
    await attend(ds, p.id, activity, '2026-11-17', DayPeriod.AM, AbsenceReason.SICK); // absent on Tuesday
    await book(ds, p.id, activity, '2026-11-18', DayPeriod.AM); // Wednesday's register never recorded
    await attend(ds, p.id, activity, '2026-11-19', DayPeriod.AM); // attended on Thursday
    await t.app.get(PrisonerDaysService).refreshDays({ from: '2026-11-02', to: '2026-11-22' });
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    const page = (await manager.get('/app/dashboard').expect(200)).text;
    const link = (reason: string) => page.match(new RegExp(`data-reason="${reason}"[\\s\\S]*?href="(/app/attendance\\?[^"]*)"`))?.[1];
    expect(link('ABSENT')).toBe(`/app/attendance?prisonId=${prison.id}&amp;date=2026-11-17`);
    expect(link('NOT_RECORDED')).toBe(`/app/attendance?prisonId=${prison.id}&amp;date=2026-11-18`);
  });
});
