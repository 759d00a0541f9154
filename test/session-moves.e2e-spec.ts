import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createNonAssociation } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { allocateWithBookings } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The clock is pinned to Monday 2026-11-23 09:00; the sessions are on Wednesday 25 November.
const WED = '2026-11-25';

describe('POST /sessions/:id/moves: moving a prisoner off a cancelled session', () => {
  let t: TestApp;
  let officer: SignedIn;
  let data: {
    prisonId: string;
    ola: string;
    kari: string;
    per: string;
    wood: { am: string; pm: string };
    kitchen: { am: string; pm: string };
    weekly: string;
  };

  const bookingsOf = async (prisonerId: string) =>
    (
      await t.dataSource.query<Array<{ session_id: string }>>(
        `SELECT session_id FROM booking WHERE prisoner_id = $1 ORDER BY date, period`,
        [prisonerId],
      )
    ).map((r) => r.session_id);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-23T09:00:00' });
  });
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    const ds = t.dataSource;
    const { prison, unit } = await createPrisonWithUnit(ds);
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const wood = await createActivity(ds, prison.id, { name: 'Snekkerverkstedet', capacity: 4 });
    const kitchen = await createActivity(ds, prison.id, { name: 'Kjøkkenet', capacity: 4 });
    const [woodAm, woodPm] = await insertSessions(ds, wood, [WED], { capacity: 4 });
    const [kitchenAm, kitchenPm] = await insertSessions(ds, kitchen, [WED], { capacity: 4 });
    const at = { prisonId: prison.id, unitId: unit.id };
    const ola = await createHeldPrisoner(ds, at, { firstName: 'Ola', lastName: 'Aas' });
    const kari = await createHeldPrisoner(ds, at, { firstName: 'Kari', lastName: 'Berg' });
    const per = await createHeldPrisoner(ds, at, { firstName: 'Per', lastName: 'Dahl' });
    // Ola goes to the workshop every Wednesday morning; Kari is in the kitchen that morning and must be kept apart from Per.
    const weekly = await allocateWithBookings(ds, {
      prisonerId: ola.id,
      activityId: wood.id,
      prisonId: prison.id,
      startDate: '2026-11-23',
      pattern: 'CHOSEN',
      chosenSlots: [{ weekday: 3, period: 'AM' }],
      sessionIds: [woodAm.id],
    });
    await allocateWithBookings(ds, {
      prisonerId: per.id,
      activityId: wood.id,
      prisonId: prison.id,
      startDate: '2026-11-23',
      sessionIds: [woodAm.id],
    });
    await allocateWithBookings(ds, {
      prisonerId: kari.id,
      activityId: kitchen.id,
      prisonId: prison.id,
      startDate: '2026-11-23',
      sessionIds: [kitchenAm.id],
    });
    await createNonAssociation(ds, kari.id, per.id, { reason: 'Konflikt' });
    data = {
      prisonId: prison.id,
      ola: ola.id,
      kari: kari.id,
      per: per.id,
      wood: { am: woodAm.id, pm: woodPm.id },
      kitchen: { am: kitchenAm.id, pm: kitchenPm.id },
      weekly,
    };
    expect(woodAm.period).toBe(DayPeriod.AM);
  });
  afterAll(() => t.close());

  const cancelWoodAm = () => officer.post(`/sessions/${data.wood.am}/cancel`).send({ reason: 'STAFF_UNAVAILABLE' }).expect(200);

  it('moves the prisoner to the other session in one step; the weekly allocation stays', async () => {
    await cancelWoodAm();
    const res = await officer
      .post(`/sessions/${data.wood.am}/moves`)
      .send({ prisonerId: data.ola, toSessionId: data.kitchen.am })
      .expect(200);
    expect(res.body).toMatchObject({ prisonerId: data.ola, fromSessionId: data.wood.am, toSessionId: data.kitchen.am });
    expect(res.body.allocation).toMatchObject({ startDate: WED, endDate: WED, pattern: 'CHOSEN' });
    expect(await bookingsOf(data.ola)).toEqual([data.kitchen.am]);
    const [weekly] = await t.dataSource.query(`SELECT end_date FROM allocation WHERE id = $1`, [data.weekly]);
    expect(weekly.end_date).toBeNull();
    const booked = await t.dataSource.query<Array<{ id: string; booked: number }>>(`SELECT id, booked FROM "session" WHERE id = ANY($1)`, [
      [data.wood.am, data.kitchen.am],
    ]);
    expect(Object.fromEntries(booked.map((b) => [b.id, b.booked]))).toEqual({ [data.wood.am]: 1, [data.kitchen.am]: 2 });
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE action = 'session.move'`);
    expect(audit).toEqual([expect.objectContaining({ action: 'session.move' })]);
  });

  it('refuses a failed check and writes nothing (Per must be kept apart from Kari)', async () => {
    await cancelWoodAm();
    const res = await officer
      .post(`/sessions/${data.wood.am}/moves`)
      .send({ prisonerId: data.per, toSessionId: data.kitchen.am })
      .expect(422);
    expect(res.body.details.failedChecks.map((c: { code: string }) => c.code)).toEqual(['NON_ASSOCIATION']);
    expect(await bookingsOf(data.per)).toEqual([data.wood.am]);
  });

  it('refuses a session that is not cancelled, another half-day, and someone not on the roster', async () => {
    await officer.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.ola, toSessionId: data.kitchen.am }).expect(409);
    await cancelWoodAm();
    await officer.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.ola, toSessionId: data.kitchen.pm }).expect(422);
    await officer.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.kari, toSessionId: data.wood.pm }).expect(422);
    await officer.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.kari, toSessionId: data.kitchen.am }).expect(404);
    await officer.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.ola, toSessionId: data.wood.am }).expect(400);
    expect(await bookingsOf(data.ola)).toEqual([data.wood.am]);
  });

  it('answers 404 for another prison’s officer and 403 for a teacher', async () => {
    await cancelWoodAm();
    const { prison: other } = await createPrisonWithUnit(t.dataSource);
    const stranger = await signIn(t, [Role.OFFICER], [other.id]);
    await stranger.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.ola, toSessionId: data.kitchen.am }).expect(404);
    const teacher = await signIn(t, [Role.TEACHER], [data.prisonId]);
    await teacher.post(`/sessions/${data.wood.am}/moves`).send({ prisonerId: data.ola, toSessionId: data.kitchen.am }).expect(403);
    expect(await bookingsOf(data.ola)).toEqual([data.wood.am]);
  });
});
