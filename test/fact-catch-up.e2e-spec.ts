import { DataSource } from 'typeorm';
import { ActivityKind } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { FactCatchUpService } from '../src/activity-rate/fact-catch-up.service';
import { PrisonerDaysService } from '../src/activity-rate/prisoner-days.service';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { attend, createRateActivity, prisonDayRateRows, prisonerDayRows } from './factories/rate.factory';
import { signIn, signInAdmin } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// Facts that never miss a day: the nightly job computes every finished day after the watermark.
describe('prisoner-day catch-up (watermark)', () => {
  let t: TestApp;
  let ds: DataSource;
  let catchUp: FactCatchUpService;
  let days: PrisonerDaysService;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    catchUp = t.app.get(FactCatchUpService);
    days = t.app.get(PrisonerDaysService);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
    t.clock.set('2026-11-23T10:00:00');
  });

  // Prisoner-day rows without computed_at (a rebuild writes new timestamps for the same facts).
  const facts = async () => (await prisonerDayRows(ds)).map(({ computedAt: _ignored, ...rest }) => rest);

  async function scenario() {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const work = await createRateActivity(ds, prison.id, ActivityKind.WORK);
    const a = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' });
    const b = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-16' });
    return { prison, unit, work, a, b };
  }

  it('a first run builds every day from the earliest custody day; a second run changes nothing', async () => {
    await scenario();
    const first = await catchUp.catchUp();
    expect(first).toMatchObject({ from: '2026-11-02', to: '2026-11-22', completeThrough: '2026-11-22' });
    // a: 15 counted days (2–20 Nov), b: 5 (16–20 Nov).
    expect((await facts()).length).toBe(20);
    expect(await catchUp.catchUp()).toEqual({ from: null, to: null, written: 0, deleted: 0, completeThrough: '2026-11-22' });
    expect(await catchUp.lastCompleteDay()).toBe('2026-11-22');
  });

  it('three missed nights are caught up at the next run and equal a full rebuild', async () => {
    const { work, a } = await scenario();
    await catchUp.catchUp();
    const before = (await facts()).length;
    // Three nights (Tue, Wed, Thu) the service is down; it comes back on Friday 27 November at noon.
    await attend(ds, a.id, work, '2026-11-24');
    t.clock.set('2026-11-27T12:00:00');
    const health = await t.http().get('/health').expect(200);
    expect(health.body.info.facts).toEqual({ status: 'up', lastCompleteDay: '2026-11-22', daysBehind: 4 });

    const run = await catchUp.catchUp();
    expect(run).toMatchObject({ from: '2026-11-23', to: '2026-11-26', completeThrough: '2026-11-26' });
    // Four more counted days (Mon–Thu) for each of the two prisoners, none missing.
    const caughtUp = await facts();
    expect(caughtUp.length).toBe(before + 8);
    expect(caughtUp.filter((d) => d.prisonerId === a.id && d.date === '2026-11-24')).toMatchObject([{ realisedActive: true }]);
    expect(caughtUp.filter((d) => d.date === '2026-11-25').map((d) => d.reason)).toEqual(['NO_OFFER', 'NO_OFFER']);
    const rollup = await prisonDayRateRows(ds);

    // A full rebuild from nothing gives the very same facts and rollup.
    await ds.query('DELETE FROM prisoner_day');
    await ds.query('DELETE FROM prison_day_rate');
    await days.rebuild({ from: '2026-11-02', to: '2026-11-26' });
    expect(await facts()).toEqual(caughtUp);
    expect(await prisonDayRateRows(ds)).toEqual(rollup);

    const after = await t.http().get('/health').expect(200);
    expect(after.body.info.facts).toEqual({ status: 'up', lastCompleteDay: '2026-11-26', daysBehind: 0 });
  });

  it('a restored backup (an older watermark, facts missing) is caught up from its watermark', async () => {
    await scenario();
    await catchUp.catchUp();
    const complete = await facts();
    // The "backup" was taken on 12 November: facts after the 11th are gone and the watermark says so.
    await ds.query(`DELETE FROM prisoner_day WHERE date > '2026-11-11'`);
    await ds.query(`UPDATE fact_watermark SET complete_through = '2026-11-11'`);
    expect(await catchUp.catchUp()).toMatchObject({ from: '2026-11-12', to: '2026-11-22' });
    expect(await facts()).toEqual(complete);
  });

  it('the dashboard tells national administrators how fresh the figures are (and managers nothing)', async () => {
    const { prison } = await scenario();
    const admin = await signInAdmin(t);
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    expect((await admin.get('/app/dashboard').expect(200)).text).toContain('Nattjobben har ikke beregnet tallene ennå.');
    await catchUp.catchUp();
    const fresh = (await admin.get('/app/dashboard').expect(200)).text;
    expect(fresh).toContain('id="facts-complete"');
    expect(fresh).toMatch(/Tallene er komplette til og med [^<]*22[^<]*\./);
    t.clock.set('2026-11-26T12:00:00');
    expect((await admin.get('/app/dashboard').expect(200)).text).toContain('3 avsluttede dager er ikke beregnet ennå');
    expect((await manager.get('/app/dashboard').expect(200)).text).not.toContain('Tallene er komplette');
  });

  it('"not computed yet" only when there are no figures: facts computed outside the nightly job (demo history) count', async () => {
    await scenario();
    const admin = await signInAdmin(t);
    // Computed as the demo history loads them: rows for the period, no watermark (the nightly job never ran).
    await days.refreshDays({ from: '2026-11-02', to: '2026-11-22' });
    expect(await catchUp.lastCompleteDay()).toBeNull();
    const page = (await admin.get('/app/dashboard').expect(200)).text;
    expect(page).not.toContain('Nattjobben har ikke beregnet tallene ennå.');
    expect(page).not.toContain('id="facts-complete"');
    // A period with no counted day at all still says so.
    expect((await admin.get('/app/dashboard?from=2026-10-01&to=2026-10-31').expect(200)).text).toContain(
      'Nattjobben har ikke beregnet tallene ennå.',
    );
  });

  it('an empty database marks yesterday complete and computes nothing', async () => {
    expect(await catchUp.catchUp()).toEqual({ from: null, to: null, written: 0, deleted: 0, completeThrough: '2026-11-22' });
  });
});
