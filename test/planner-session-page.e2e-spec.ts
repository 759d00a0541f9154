import { DataSource } from 'typeorm';
import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createSessionRow } from './factories/session.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The planner's session page (/app/planner/sessions/:id), as an officer uses it for next week.
describe('planner session page', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
  });

  async function nextWeeksSession() {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const activity = await createActivity(ds, prison.id);
    const slot = activity.slots.find((s) => s.weekday === 1 && s.period === DayPeriod.AM);
    // Monday 30 November 2026; the test clock says Monday 23 November.
    const session = await createSessionRow(ds, activity, { date: '2026-11-30', period: DayPeriod.AM, slotId: slot?.id });
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Ola', lastName: 'Nordmann' });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    return { officer, session, prisoner };
  }

  it('a prisoner just added to a session next week can be removed again (the allocation starts that day)', async () => {
    const { officer, session, prisoner } = await nextWeeksSession();
    await officer
      .post(`/app/planner/sessions/${session.id}/allocations`)
      .type('form')
      .send({ prisonerId: prisoner.id, pattern: 'ONCE' })
      .expect(303);
    const allocations = () => ds.query(`SELECT id FROM allocation WHERE prisoner_id = $1`, [prisoner.id]);
    expect(await allocations()).toHaveLength(1);

    const res = await officer
      .post(`/app/planner/sessions/${session.id}/remove`)
      .type('form')
      .send({ prisonerId: prisoner.id, reason: 'WITHDRAWN_BY_STAFF' })
      .expect(303);
    expect(res.headers.location).toContain(`removed=${prisoner.id}&from=2026-11-30`);
    // Nothing had happened on it yet: the allocation and its booking are gone.
    expect(await allocations()).toHaveLength(0);
    expect(await ds.query(`SELECT 1 FROM booking WHERE prisoner_id = $1`, [prisoner.id])).toHaveLength(0);
    const page = await officer.get(res.headers.location.replace(/#.*/, '')).expect(200);
    expect(page.text).toContain('Nordmann, Ola er fjernet fra og med 30.11.2026.');
  });

  async function todaysSession() {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const activity = await createActivity(ds, prison.id);
    const slot = activity.slots.find((s) => s.weekday === 1 && s.period === DayPeriod.AM);
    // Today: Monday 23 November 2026 (the test clock, 10:00), and the Monday after.
    const session = await createSessionRow(ds, activity, { date: '2026-11-23', period: DayPeriod.AM, slotId: slot?.id });
    const nextWeek = await createSessionRow(ds, activity, { date: '2026-11-30', period: DayPeriod.AM, slotId: slot?.id });
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Ola', lastName: 'Nordmann' });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    return { officer, session, nextWeek, prisoner };
  }
  const addWeekly = (officer: SignedIn, sessionId: string, prisonerId: string) =>
    officer.post(`/app/planner/sessions/${sessionId}/allocations`).type('form').send({ prisonerId, pattern: 'WEEKLY' }).expect(303);
  const remove = (officer: SignedIn, sessionId: string, prisonerId: string) =>
    officer.post(`/app/planner/sessions/${sessionId}/remove`).type('form').send({ prisonerId, reason: 'WITHDRAWN_BY_STAFF' }).expect(303);
  const bookings = async (prisonerId: string) =>
    (await ds.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM booking WHERE prisoner_id = $1 ORDER BY date`, [prisonerId])).map(
      (b: { date: string }) => b.date,
    );

  it("a prisoner added to today's session by mistake can be removed again: nothing recorded, the allocation is withdrawn", async () => {
    const { officer, session, prisoner } = await todaysSession();
    await addWeekly(officer, session.id, prisoner.id);
    expect(await bookings(prisoner.id)).toEqual(['2026-11-23', '2026-11-30']);

    const res = await remove(officer, session.id, prisoner.id);
    expect(res.headers.location).toContain(`removed=${prisoner.id}&from=2026-11-23`);
    expect(await ds.query(`SELECT id FROM allocation WHERE prisoner_id = $1`, [prisoner.id])).toHaveLength(0);
    expect(await bookings(prisoner.id)).toEqual([]);
    const page = await officer.get(res.headers.location.replace(/#.*/, '')).expect(200);
    expect(page.text).toContain('Nordmann, Ola er fjernet fra og med 23.11.2026.');
  });

  it("with attendance recorded today, removing from today's session ends the allocation today and says today's stays", async () => {
    const { officer, session, prisoner } = await todaysSession();
    await addWeekly(officer, session.id, prisoner.id);
    await officer
      .put(`/sessions/${session.id}/attendance`)
      .send({ records: [{ prisonerId: prisoner.id, outcome: 'ATTENDED' }] })
      .expect(200);

    const res = await remove(officer, session.id, prisoner.id);
    expect(res.headers.location).toContain(`removed=${prisoner.id}&from=2026-11-24&kept=1`);
    expect(
      await ds.query(`SELECT to_char(end_date, 'YYYY-MM-DD') AS end, ended_reason FROM allocation WHERE prisoner_id = $1`, [prisoner.id]),
    ).toEqual([{ end: '2026-11-23', ended_reason: 'WITHDRAWN_BY_STAFF' }]);
    // Today's booking, with its attendance, stays; next week's goes.
    expect(await bookings(prisoner.id)).toEqual(['2026-11-23']);
    const page = await officer.get(res.headers.location.replace(/#.*/, '')).expect(200);
    expect(page.text).toContain(
      'Nordmann, Ola er fjernet fra og med 24.11.2026. Oppmøte er allerede registrert i dag, så dagens deltakelse står.',
    );
  });
});
