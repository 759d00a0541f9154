import { Role } from '../src/auth/roles';
import { StaffRole } from '../src/staff/staff.enums';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createStaffMember } from './factories/staff.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('prison scoping: another prison’s ids answer 404, lists hold only my prisons', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  async function twoPrisons() {
    const a = await createPrisonWithUnit(t.dataSource, { name: 'A fengsel' });
    const b = await createPrisonWithUnit(t.dataSource, { name: 'B fengsel' });
    const prisonerA = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id }, { lastName: 'Ahmed' });
    const prisonerB = await createHeldPrisoner(t.dataSource, { prisonId: b.prison.id, unitId: b.unit.id }, { lastName: 'Berg' });
    const activityA = await createActivity(t.dataSource, a.prison.id);
    const activityB = await createActivity(t.dataSource, b.prison.id);
    const staffB = await createStaffMember(t.dataSource, { prisonIds: [b.prison.id], roles: [StaffRole.WORK_PROGRAMME_OFFICER] });
    return { a, b, prisonerA, prisonerB, activityA, activityB, staffB };
  }

  it.each([[Role.OFFICER], [Role.MANAGER]])('%s of prison A cannot reach prison B’s records', async (role) => {
    const w = await twoPrisons();
    const me = await signIn(t, [role], [w.a.prison.id]);
    const swaps = [
      `/prisoners/${w.prisonerB.id}`,
      `/prisoners/${w.prisonerB.id}/custody-periods`,
      `/prisoners/${w.prisonerB.id}/consents`,
      `/prisoners/${w.prisonerB.id}/qualifications-summary`,
      `/activities/${w.activityB.id}`,
      `/staff/${w.staffB.id}`,
      `/prisons/${w.b.prison.id}/prisoners`,
      `/prisoners?prisonId=${w.b.prison.id}`,
      `/activities?prisonId=${w.b.prison.id}`,
      `/staff?prisonId=${w.b.prison.id}`,
    ];
    for (const url of swaps) {
      const res = await me.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
    // Writes too: consent, certificate, and moving someone else's prisoner.
    await me.post(`/prisoners/${w.prisonerB.id}/consents`).send({ given: true, effectiveDate: '2026-11-20' }).expect(404);
    await me.post(`/prisoners/${w.prisonerB.id}/certificates`).send({ title: 'Fagbrev', issuedOn: '2026-11-20' }).expect(404);
    if (role === Role.MANAGER)
      await me.post(`/prisoners/${w.prisonerB.id}/moves`).send({ kind: 'RELEASE', date: '2026-11-24' }).expect(404);

    // And my own prison works.
    await me.get(`/prisoners/${w.prisonerA.id}`).expect(200);
    await me.get(`/activities/${w.activityA.id}`).expect(200);
  });

  it('a certificate cannot name another prison’s activity: 404 as for a missing one, nothing written (issue 11)', async () => {
    const w = await twoPrisons();
    const officer = await signIn(t, [Role.OFFICER], [w.a.prison.id]);
    await officer.get(`/activities/${w.activityB.id}`).expect(404);
    const before = await countRows(t.dataSource, ['certificate']);
    const res = await officer
      .post(`/prisoners/${w.prisonerA.id}/certificates`)
      .send({ title: 'Fagbrev', issuedOn: '2026-11-20', activityId: w.activityB.id });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `Activity ${w.activityB.id} not found` },
    });
    expect(JSON.stringify(res.body)).not.toContain(w.activityB.name);
    expect(await countRows(t.dataSource, ['certificate'])).toEqual(before);
    // My own prison's activity is named as before.
    const own = await officer
      .post(`/prisoners/${w.prisonerA.id}/certificates`)
      .send({ title: 'Fagbrev', issuedOn: '2026-11-20', activityId: w.activityA.id })
      .expect(201);
    expect(own.body).toMatchObject({ activityId: w.activityA.id, activityName: w.activityA.name });
  });

  it('lists without a prison filter hold only my prisons; national admins see all', async () => {
    const w = await twoPrisons();
    const officer = await signIn(t, [Role.OFFICER], [w.a.prison.id]);
    const prisoners = await officer.get('/prisoners').expect(200);
    expect(prisoners.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Ahmed']);
    const activities = await officer.get('/activities').expect(200);
    expect(activities.body.items.map((a: { id: string }) => a.id)).toEqual([w.activityA.id]);
    const staff = await officer.get('/staff').expect(200);
    expect(staff.body.items.map((s: { id: string }) => s.id)).not.toContain(w.staffB.id);

    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    expect((await admin.get('/prisoners').expect(200)).body.total).toBe(2);
    await admin.get(`/prisoners/${w.prisonerB.id}`).expect(200);
  });

  it('a teacher sees the activities of their prison but no prisoner records', async () => {
    const w = await twoPrisons();
    const teacher = await signIn(t, [Role.TEACHER], [w.a.prison.id]);
    await teacher.get(`/activities/${w.activityA.id}`).expect(200);
    await teacher.get(`/activities/${w.activityB.id}`).expect(404);
    await teacher.get('/prisoners').expect(403);
    await teacher.get(`/prisoners/${w.prisonerA.id}`).expect(403);
  });

  it('a transferred prisoner leaves the old prison’s view and joins the new one', async () => {
    const w = await twoPrisons();
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    await admin
      .post(`/prisoners/${w.prisonerA.id}/moves`)
      .send({ kind: 'TRANSFER', date: '2026-11-23', toPrisonId: w.b.prison.id, toUnitId: w.b.unit.id })
      .expect(204);
    const officerA = await signIn(t, [Role.OFFICER], [w.a.prison.id]);
    const officerB = await signIn(t, [Role.OFFICER], [w.b.prison.id]);
    await officerA.get(`/prisoners/${w.prisonerA.id}`).expect(404);
    await officerB.get(`/prisoners/${w.prisonerA.id}`).expect(200);
  });
});
