import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('consent to share qualifications with NAV', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-23T10:00:00' });
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  it('exports only while consent is in force, and audits each export', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id }, { firstName: 'Jonas', lastName: 'Lie' });
    const wood = await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted' });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);

    const none = await officer.get(`/prisoners/${p.id}/qualifications-summary`).expect(403);
    expect(none.body.message).toMatch(/not consented/);

    await officer
      .post(`/prisoners/${p.id}/certificates`)
      .send({ title: 'Fagbrev i tømrerfaget', issuer: 'Oslo fylkeskommune', issuedOn: '2026-06-15', activityId: wood.id })
      .expect(201);
    const given = await officer.post(`/prisoners/${p.id}/consents`).send({ given: true, effectiveDate: '2026-11-20' }).expect(201);
    expect(given.body).toMatchObject({
      inForce: true,
      history: [{ given: true, effectiveDate: '2026-11-20', recordedByUserId: officer.userId }],
    });

    // Attended: two 3.5-hour mornings and one 3-hour afternoon in the workshop; one absence that does not count.
    const sessions = await insertSessions(t.dataSource, wood, ['2026-11-16', '2026-11-17'], { capacity: 8 });
    const [{ id: allocationId }] = await t.dataSource.query(
      `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, pattern, ended_reason) VALUES ($1, $2, $3, '2026-11-16', '2026-11-17', 'ALL', 'COMPLETED') RETURNING id`,
      [p.id, wood.id, prison.id],
    );
    for (const [i, s] of sessions.entries()) {
      await t.dataSource.query(`INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) VALUES ($1, $2, $3, $4, $5)`, [
        s.id,
        p.id,
        allocationId,
        s.date,
        s.period,
      ]);
      await t.dataSource.query(
        `INSERT INTO attendance (session_id, prisoner_id, prison_id, date, period, outcome, absence_reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.id, p.id, prison.id, s.date, s.period, i === 3 ? 'ABSENT' : 'ATTENDED', i === 3 ? 'SICK' : null],
      );
    }

    const summary = await officer.get(`/prisoners/${p.id}/qualifications-summary`).expect(200);
    expect(summary.body).toMatchObject({
      prisonerId: p.id,
      firstName: 'Jonas',
      lastName: 'Lie',
      consentGivenOn: '2026-11-20',
      activities: [
        {
          activityId: wood.id,
          name: 'Snekkerverksted',
          kind: 'WORK',
          prisonName: prison.name,
          firstAttended: '2026-11-16',
          lastAttended: '2026-11-17',
          sessionsAttended: 3,
          hours: 10,
          completed: true,
        },
      ],
      totalHours: 10,
      activitiesCompleted: 1,
      certificates: [
        { title: 'Fagbrev i tømrerfaget', issuer: 'Oslo fylkeskommune', issuedOn: '2026-06-15', activityName: 'Snekkerverksted' },
      ],
    });

    await officer.post(`/prisoners/${p.id}/consents`).send({ given: false, effectiveDate: '2026-11-23' }).expect(201);
    await officer.get(`/prisoners/${p.id}/qualifications-summary`).expect(403);
    const status = await officer.get(`/prisoners/${p.id}/consents`).expect(200);
    expect(status.body.inForce).toBe(false);
    expect(status.body.history.map((h: { given: boolean }) => h.given)).toEqual([false, true]);

    const exports = await t.dataSource.query(
      `SELECT outcome, status_code FROM audit_event WHERE action = 'qualifications.export' ORDER BY occurred_at`,
    );
    expect(exports.map((e: { outcome: string; status_code: number }) => [e.outcome, e.status_code])).toEqual([
      ['DENIED', 403],
      ['SUCCESS', 200],
      ['DENIED', 403],
    ]);
  });

  it('refuses consent dated in the future and bad input, writing nothing', async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    await officer.post(`/prisoners/${p.id}/consents`).send({ given: true, effectiveDate: '2026-12-01' }).expect(422);
    await officer.post(`/prisoners/${p.id}/consents`).send({ given: 'yes', effectiveDate: '2026-11-01' }).expect(400);
    await officer.post(`/prisoners/${p.id}/certificates`).send({ title: '', issuedOn: '2026-11-01' }).expect(400);
    const [{ n }] = await t.dataSource.query(`SELECT (SELECT count(*) FROM prisoner_consent) + (SELECT count(*) FROM certificate) AS n`);
    expect(Number(n)).toBe(0);
  });
});
