import { Role } from '../src/auth/roles';
import { signIn, SignedIn } from './support/auth';
import { buildWorld, rowsOutsideBookkeeping, World } from './support/foreign-ids';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// Ids in one request must belong together, also for a user who serves both prisons (and so may see
// every id involved): a prisoner of one prison and an activity, session, staff member or unit of another
// are refused with the rule they break, and nothing is written.
describe('ids that must belong together, for a user of both prisons', () => {
  let t: TestApp;
  let w: World;
  let both: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    w = await buildWorld(t);
    both = await signIn(t, [Role.OFFICER, Role.MANAGER], [w.oslo.prisonId, w.bergen.prisonId]);
  });

  async function refused(res: Promise<{ status: number; body: { message?: string } }>, status: number, message: RegExp): Promise<void> {
    const before = await rowsOutsideBookkeeping(t.dataSource);
    const r = await res;
    expect({ status: r.status, message: r.body.message }).toEqual({ status, message: expect.stringMatching(message) });
    expect(await rowsOutsideBookkeeping(t.dataSource)).toEqual(before);
  }

  it('an Oslo prisoner is not allocated to a Bergen activity (API and planner page)', async () => {
    await refused(
      both.post('/allocations').send({ prisonerId: w.p2, activityId: w.bergenActivity.id, startDate: '2026-11-24', pattern: 'ALL' }),
      422,
      /Held at another prison/,
    );
    const before = await rowsOutsideBookkeeping(t.dataSource);
    // The page says it in its language (Norwegian by default), from the same code the API's English comes from.
    const page = await both
      .post(`/app/planner/sessions/${w.osloSession}/allocations?lang=en`)
      .type('form')
      .send({ prisonerId: w.bergenPrisoner, pattern: 'ONCE' });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Held at another prison');
    const norwegian = await both
      .post(`/app/planner/sessions/${w.osloSession}/allocations?lang=nb`)
      .type('form')
      .send({ prisonerId: w.bergenPrisoner, pattern: 'ONCE' });
    expect(norwegian.status).toBe(422);
    expect(norwegian.text).toContain('Sitter i et annet fengsel');
    expect(norwegian.text).not.toContain('Held at another prison');
    expect(await rowsOutsideBookkeeping(t.dataSource)).toEqual(before);
  });

  it('an Oslo prisoner is not referred to a Bergen activity', async () => {
    await refused(
      both.post(`/activities/${w.bergenActivity.id}/referrals`).send({ prisonerId: w.p2, requestedBy: 'OFFICER' }),
      422,
      /not held at the activity's prison/,
    );
  });

  it('a Bergen staff member does not run an Oslo activity’s slot', async () => {
    await refused(
      both.put(`/activities/${w.osloActivity.id}/slots`).send({ slots: [{ weekday: 2, period: 'AM', staffMemberId: w.bergenStaff }] }),
      400,
      /Validation failed/,
    );
    const activity = {
      kind: 'WORK',
      category: 'WOOD',
      name: 'Nytt verksted',
      capacity: 6,
      provider: 'CORRECTIONAL_SERVICE',
      securityLevels: ['HIGH'],
    };
    await refused(
      both
        .post(`/prisons/${w.oslo.prisonId}/activities`)
        .send({ ...activity, slots: [{ weekday: 2, period: 'AM', staffMemberId: w.bergenStaff }] }),
      400,
      /Validation failed/,
    );
  });

  it('attendance names only prisoners booked on that session', async () => {
    await refused(
      both.put(`/sessions/${w.todaySession}/attendance`).send({ records: [{ prisonerId: w.bergenPrisoner, outcome: 'ATTENDED' }] }),
      422,
      /not on the session roster/,
    );
    // P2 is held at Oslo too, but not booked on this session.
    await refused(
      both.put(`/sessions/${w.todaySession}/attendance`).send({ records: [{ prisonerId: w.p2, outcome: 'ATTENDED' }] }),
      422,
      /not on the session roster/,
    );
  });

  it('the planner page removes or locks only an allocation to the session’s own activity', async () => {
    // P2 is allocated to the Oslo workshop; today's session belongs to another Oslo activity.
    await both
      .post('/allocations')
      .send({ prisonerId: w.p2, activityId: w.osloActivity.id, startDate: '2026-11-23', pattern: 'ALL' })
      .expect(201);
    const allocationOfP2 = () => t.dataSource.query(`SELECT locked, end_date FROM allocation WHERE prisoner_id = $1`, [w.p2]);
    const kept = await allocationOfP2();
    for (const action of ['remove', 'lock']) {
      const before = await rowsOutsideBookkeeping(t.dataSource);
      const res = await both
        .post(`/app/planner/sessions/${w.todaySession}/${action}`)
        .type('form')
        .send({ prisonerId: w.p2, locked: 'true', reason: 'WITHDRAWN_BY_STAFF' });
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
      expect(await rowsOutsideBookkeeping(t.dataSource)).toEqual(before);
      expect(await allocationOfP2()).toEqual(kept);
    }
  });

  it('an admission’s unit and a transfer’s unit belong to the prison named with them', async () => {
    const person = {
      prisonerNumber: 'OSL-901',
      firstName: 'Nils',
      lastName: 'Ny',
      dateOfBirth: '1990-01-01',
      legalStatus: 'CONVICTED',
      nationality: 'NO',
    };
    await refused(
      both
        .post('/prisoners')
        .send({ ...person, admission: { prisonId: w.oslo.prisonId, unitId: w.bergen.unitId, fromDate: '2026-11-20' } }),
      422,
      /unit does not exist at that prison/,
    );
    await refused(
      both
        .post(`/prisoners/${w.p2}/moves`)
        .send({ kind: 'TRANSFER', date: '2026-11-24', toPrisonId: w.bergen.prisonId, toUnitId: w.oslo.unitId }),
      422,
      /unit does not exist at that prison/,
    );
  });
});
