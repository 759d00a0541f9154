import { DataSource } from 'typeorm';
import { DayPeriod } from '../src/activities/activity.enums';
import { AllocationChecks, CheckedAllocation, ProposedAllocation } from '../src/allocations/allocation-checks';
import { AllocationPatternKind } from '../src/allocations/allocation.enums';
import { AllocationsRepository } from '../src/allocations/allocations.repository';
import { SuitabilityCode } from '../src/allocations/domain/suitability';
import { NotFoundError } from '../src/common/errors/domain-errors';
import { runMigrationsLocked } from '../src/database/migration-runner';
import { txOf } from '../src/database/transaction-host';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { SecurityLevel } from '../src/organisation/organisation.enums';
import { ReferralStatus } from '../src/referrals/referral.enums';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createNonAssociation, createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createReferral } from './factories/referral.factory';
import { resetDatabase, testDatabaseUrl } from './support/test-app';

// The draft apply checks all its new allocations with AllocationChecks.runMany (each fact read once for
// all of them). It must answer, for every proposal, exactly what run answers for that proposal alone:
// the same activity, the same checks (passed or not, with the same parameters and affected sessions)
// and the same covered sessions — on a week where every rule has something to say.

describe('AllocationChecks.runMany answers what run answers, proposal by proposal', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(buildDataSourceOptions(testDatabaseUrl(), 2));
    await ds.initialize();
    await runMigrationsLocked(ds);
  });

  beforeEach(() => resetDatabase(ds));

  afterAll(async () => {
    await ds.destroy();
  });

  it('for a week with capacity, clashes, unavailability, non-associations, referrals, age, security and releases', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const week = WEEK_OF_23_NOV;
    const workshop = await createActivity(ds, prison.id);
    const programme = await createActivity(ds, prison.id, { name: 'Sinnemestring', requiresReferral: true });
    const school = await createActivity(ds, prison.id, { name: 'Skole', minAge: 25 });
    const open = await createActivity(ds, prison.id, { name: 'Hagearbeid', securityLevels: [SecurityLevel.LOW] });
    const full = await createActivity(ds, prison.id, { name: 'Kjøkken' });
    const workshopSessions = await insertSessions(ds, workshop, week);
    await insertSessions(ds, programme, week, { periods: [DayPeriod.PM] });
    await insertSessions(ds, school, week, { periods: [DayPeriod.AM] });
    await insertSessions(ds, open, week);
    const fullSessions = await insertSessions(ds, full, week, { periods: [DayPeriod.AM], capacity: 1 });

    const held = () => createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const [plain, courtTuesday, apart, other, young, referred, notReferred, cook] = [
      await held(),
      await held(),
      await held(),
      await held(),
      await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }, { dateOfBirth: '2005-06-01' }),
      await held(),
      await held(),
      await held(),
    ];
    const leaving = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, toDate: '2026-11-26' });
    const gone = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, toDate: '2026-11-20' });
    const elsewhere = await createHeldPrisoner(
      ds,
      await createPrisonWithUnit(ds).then(({ prison: p, unit: u }) => ({ prisonId: p.id, unitId: u.id })),
    );
    await createUnavailability(ds, courtTuesday.id, { fromDate: '2026-11-24', toDate: '2026-11-24', period: DayPeriod.AM });
    await createNonAssociation(ds, apart.id, other.id);
    await createReferral(ds, { prisonerId: referred.id, activityId: programme.id, status: ReferralStatus.APPROVED });
    await createReferral(ds, { prisonerId: notReferred.id, activityId: programme.id, status: ReferralStatus.PENDING });

    // `other` is in the workshop all week; the cook fills the kitchen's one place each morning.
    const book = async (prisonerId: string, activity: { id: string; prisonId: string }, sessions: Array<{ id: string }>) => {
      const [{ id }] = await ds.query<Array<{ id: string }>>(
        `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern) VALUES ($1, $2, $3, '2026-11-23', 'ALL') RETURNING id`,
        [prisonerId, activity.id, activity.prisonId],
      );
      for (const s of sessions) {
        await ds.query(
          `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) SELECT id, $2, $3, date, period FROM "session" WHERE id = $1`,
          [s.id, prisonerId, id],
        );
      }
    };
    await book(other.id, workshop, workshopSessions);
    await book(cook.id, full, fullSessions);

    const proposal = (
      prisonerId: string,
      activityId: string,
      pattern: AllocationPatternKind = AllocationPatternKind.ALL,
      chosenSlots?: ProposedAllocation['chosenSlots'],
    ): ProposedAllocation => ({ prisonerId, activityId, startDate: '2026-11-23', endDate: '2026-11-27', pattern, chosenSlots });
    const proposals = [
      proposal(plain.id, workshop.id),
      proposal(plain.id, full.id), // kitchen full
      proposal(courtTuesday.id, workshop.id, AllocationPatternKind.AM_ONLY), // court on Tuesday morning
      proposal(courtTuesday.id, school.id),
      proposal(apart.id, workshop.id), // beside `other`
      proposal(other.id, programme.id), // no referral; PM clashes with own workshop bookings
      proposal(young.id, school.id), // too young
      proposal(young.id, open.id), // unit HIGH, activity LOW only
      proposal(referred.id, programme.id),
      proposal(notReferred.id, programme.id, AllocationPatternKind.CHOSEN, [
        { weekday: 2, period: DayPeriod.PM },
        { weekday: 4, period: DayPeriod.PM },
      ]),
      proposal(leaving.id, workshop.id, AllocationPatternKind.PM_ONLY), // released on Thursday
      proposal(cook.id, workshop.id, AllocationPatternKind.AM_ONLY), // mornings in the kitchen already
      proposal(elsewhere.id, workshop.id), // held at another prison
      proposal(gone.id, workshop.id), // released the Friday before
    ];

    const { single, many } = await ds.transaction(async (em) => {
      const checks = new AllocationChecks(new AllocationsRepository(txOf(em)));
      const one: CheckedAllocation[] = [];
      for (const p of proposals) one.push(await checks.run(p, { lock: true }));
      return { single: one, many: await checks.runMany(proposals) };
    });

    expect(many).toEqual(single);
    // The week gives every rule something to refuse (else the comparison would prove little).
    const failed = new Set(single.flatMap((c) => c.checks.filter((k) => !k.passed).map((k) => k.code)));
    expect([...failed].sort()).toEqual(Object.values(SuitabilityCode).sort());
    // Passed in full: plain→workshop, referred→programme, and leaving→workshop (its release only ends the allocation early).
    expect(single.map((c, i) => (c.checks.every((k) => k.passed) ? proposals[i].prisonerId : null)).filter(Boolean)).toEqual([
      plain.id,
      referred.id,
      leaving.id,
    ]);
  });

  it('names the first proposal whose activity or prisoner is missing, as run would', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const activity = await createActivity(ds, prison.id);
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const missing = '00000000-0000-4000-8000-000000000001';
    const p = (prisonerId: string, activityId: string): ProposedAllocation => ({
      prisonerId,
      activityId,
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      pattern: AllocationPatternKind.ALL,
    });
    await ds.transaction(async (em) => {
      const checks = new AllocationChecks(new AllocationsRepository(txOf(em)));
      await expect(checks.runMany([p(prisoner.id, activity.id), p(missing, activity.id), p(prisoner.id, missing)])).rejects.toEqual(
        new NotFoundError('Prisoner', missing),
      );
      await expect(checks.runMany([p(prisoner.id, missing), p(missing, activity.id)])).rejects.toEqual(
        new NotFoundError('Activity', missing),
      );
    });
  });
});
