import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { LegalStatus } from '../src/prisoners/prisoner.enums';
import { StaffRole } from '../src/staff/staff.enums';
import { createActivity } from './factories/activity.factory';
import { createPrison, createPrisonWithUnit, createRegion, createUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createStaffMember } from './factories/staff.factory';
import { signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('read API', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-23T10:00:00' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    admin = await signInAdmin(t);
  });

  it('lists regions and prisons by name, pages and filters by region', async () => {
    const east = await createRegion(t.dataSource, { code: 'OST', name: 'Region øst' });
    const west = await createRegion(t.dataSource, { code: 'VEST', name: 'Region vest' });
    await createPrison(t.dataSource, { name: 'Bergen fengsel', regionId: west.id, capacity: 138 });
    await createPrison(t.dataSource, { name: 'Oslo fengsel', regionId: east.id, capacity: 392 });
    await createPrison(t.dataSource, { name: 'Halden fengsel', regionId: east.id, capacity: 251 });

    const regions = await admin.get('/regions').expect(200);
    expect(regions.body.map((r: { name: string }) => r.name)).toEqual(['Region vest', 'Region øst']);

    const page1 = await admin.get('/prisons?pageSize=2').expect(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page1.body.items.map((p: { name: string }) => p.name)).toEqual(['Bergen fengsel', 'Halden fengsel']);
    const page2 = await admin.get('/prisons?pageSize=2&page=2').expect(200);
    expect(page2.body.items.map((p: { name: string }) => p.name)).toEqual(['Oslo fengsel']);

    const inEast = await admin.get(`/prisons?regionId=${east.id}`).expect(200);
    expect(inEast.body.total).toBe(2);
    expect(inEast.body.items[1]).toMatchObject({
      name: 'Oslo fengsel',
      capacity: 392,
      timeZone: 'Europe/Oslo',
      dayRegime: { amStart: '08:00', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' },
    });
  });

  it('answers 404 with the standard body for a missing id and 400 for a malformed one', async () => {
    const missing = '5f0e2c55-7b0e-4c57-9d0f-2d1c8d8a9e01';
    const res = await admin.get(`/prisons/${missing}`).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `Prison ${missing} not found` });
    for (const path of ['/regions', '/prisoners', '/staff', '/activities']) {
      await admin.get(`${path}/${missing}`).expect(404);
    }
    const bad = await admin.get('/prisons/not-a-uuid').expect(400);
    expect(bad.body.message).toBe('The id in the path must be a UUID');
  });

  it('lists the units of a prison', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource, {}, { name: 'A-avdelingen' });
    await createUnit(t.dataSource, prison.id, { name: 'B-avdelingen', securityLevel: 'LOW' as never });
    const res = await admin.get(`/prisons/${prison.id}/units`).expect(200);
    expect(res.body.map((u: { name: string; securityLevel: string }) => [u.name, u.securityLevel])).toEqual([
      ['A-avdelingen', 'HIGH'],
      ['B-avdelingen', 'LOW'],
    ]);
    expect(res.body[0].id).toBe(unit.id);
  });

  it('lists prisoners held at a prison on a date, filters, searches and pages', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const unitB = await createUnit(t.dataSource, prison.id);
    const other = await createPrisonWithUnit(t.dataSource);
    await createHeldPrisoner(
      t.dataSource,
      { prisonId: prison.id, unitId: unit.id },
      { firstName: 'Per', lastName: 'Aas', legalStatus: LegalStatus.REMAND },
    );
    await createHeldPrisoner(
      t.dataSource,
      { prisonId: prison.id, unitId: unitB.id },
      { firstName: 'Jonas', lastName: 'Berg', prisonerNumber: 'OSL-77' },
    );
    // Released last week, arriving next week, and held elsewhere: none are held here today.
    await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-01', toDate: '2026-11-16' });
    await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-30' });
    await createHeldPrisoner(t.dataSource, { prisonId: other.prison.id, unitId: other.unit.id });

    const all = await admin.get(`/prisons/${prison.id}/prisoners`).expect(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Aas', 'Berg']);
    expect(all.body.items[0].custody).toMatchObject({ prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05', toDate: null });

    expect((await admin.get(`/prisons/${prison.id}/prisoners?legalStatus=REMAND`).expect(200)).body.total).toBe(1);
    expect((await admin.get(`/prisons/${prison.id}/prisoners?unitId=${unitB.id}`).expect(200)).body.items[0].lastName).toBe('Berg');
    expect((await admin.get(`/prisons/${prison.id}/prisoners?search=osl-7`).expect(200)).body.items[0].lastName).toBe('Berg');
    expect((await admin.get(`/prisons/${prison.id}/prisoners?search=per%20aa`).expect(200)).body.items[0].lastName).toBe('Aas');
    // A LIKE wildcard is matched literally.
    expect((await admin.get(`/prisons/${prison.id}/prisoners?search=%25`).expect(200)).body.total).toBe(0);
    expect((await admin.get(`/prisons/${prison.id}/prisoners?onDate=2026-11-10`).expect(200)).body.total).toBe(3);
    expect((await admin.get(`/prisons/${prison.id}/prisoners?onDate=2026-12-01&pageSize=1&page=2`).expect(200)).body).toMatchObject({
      total: 3,
      items: [{ lastName: 'Berg' }],
    });
    expect((await admin.get(`/prisoners?prisonId=${other.prison.id}`).expect(200)).body.total).toBe(1);
  });

  it('shows a prisoner with the custody on today and their history', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource, { name: 'Ila fengsel' });
    const p = await createHeldPrisoner(
      t.dataSource,
      { prisonId: prison.id, unitId: unit.id, fromDate: '2025-03-03' },
      { nationality: 'PL' },
    );
    const res = await admin.get(`/prisoners/${p.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: p.id,
      nationality: 'PL',
      dateOfBirth: '1990-01-15',
      custody: { prisonName: 'Ila fengsel', fromDate: '2025-03-03' },
    });
    const history = await admin.get(`/prisoners/${p.id}/custody-periods`).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('lists staff by prison and role, with their employer (the import model)', async () => {
    const { prison } = await createPrisonWithUnit(t.dataSource);
    const other = await createPrison(t.dataSource);
    const teacher = await createStaffMember(t.dataSource, {
      prisonIds: [prison.id, other.id],
      roles: [StaffRole.TEACHER],
      employer: 'COUNTY_AUTHORITY' as never,
      employerName: 'Oslo fylkeskommune',
      lastName: 'Lærer',
    });
    await createStaffMember(t.dataSource, { prisonIds: [prison.id], lastName: 'Verksbetjent' });
    await createStaffMember(t.dataSource, { prisonIds: [other.id] });

    const atPrison = await admin.get(`/staff?prisonId=${prison.id}`).expect(200);
    expect(atPrison.body.total).toBe(2);
    const teachers = await admin.get(`/staff?prisonId=${prison.id}&role=TEACHER`).expect(200);
    expect(teachers.body.items).toEqual([
      {
        id: teacher.id,
        firstName: teacher.firstName,
        lastName: 'Lærer',
        roles: ['TEACHER'],
        employer: 'COUNTY_AUTHORITY',
        employerName: 'Oslo fylkeskommune',
        prisonIds: [prison.id, other.id].sort(),
      },
    ]);
    expect((await admin.get(`/staff/${teacher.id}`).expect(200)).body.prisonIds).toEqual([prison.id, other.id].sort());
    expect((await admin.get(`/staff?role=TEACHER&prisonId=${other.id}&page=2`).expect(200)).body).toMatchObject({ total: 1, items: [] });
  });

  it('lists activities by prison and kind, and shows one with its slots', async () => {
    const { prison } = await createPrisonWithUnit(t.dataSource);
    const wood = await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted' });
    await createActivity(t.dataSource, prison.id, { name: 'Norsk', kind: ActivityKind.EDUCATION, category: 'SCHOOL' }, [
      { weekday: 2, period: DayPeriod.PM },
    ]);
    const other = await createPrison(t.dataSource);
    await createActivity(t.dataSource, other.id);

    const list = await admin.get(`/activities?prisonId=${prison.id}`).expect(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['Snekkerverksted', 'Norsk']);
    expect((await admin.get(`/activities?prisonId=${prison.id}&kind=EDUCATION`).expect(200)).body.total).toBe(1);

    const detail = await admin.get(`/activities/${wood.id}`).expect(200);
    expect(detail.body.slots).toHaveLength(10);
    expect(detail.body.slots[0]).toMatchObject({ weekday: 1, period: 'AM', startTime: null });
    expect(detail.body.slots[9]).toMatchObject({ weekday: 5, period: 'PM' });
  });
});
