import { TransactionHost } from '@nestjs-cls/transactional';
import { Role } from '../src/auth/roles';
import { ReferralStatus } from '../src/referrals/referral.enums';
import { ReferralsService } from '../src/referrals/referrals.service';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createCustody, createHeldPrisoner } from './factories/prisoner.factory';
import { createReferral } from './factories/referral.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, DEFAULT_TEST_NOW, resetDatabase, TestApp } from './support/test-app';

const { PENDING, APPROVED, DECLINED, ALLOCATED, WITHDRAWN } = ReferralStatus;

describe('referrals and waiting lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set(DEFAULT_TEST_NOW);
    await resetDatabase(t.dataSource);
  });

  async function world() {
    const a = await createPrisonWithUnit(t.dataSource, { name: 'A fengsel' }, { name: 'Avdeling Nord' });
    const b = await createPrisonWithUnit(t.dataSource, { name: 'B fengsel' });
    const prisoner = await createHeldPrisoner(
      t.dataSource,
      { prisonId: a.prison.id, unitId: a.unit.id },
      { firstName: 'Ali', lastName: 'Hassan' },
    );
    const elsewhere = await createHeldPrisoner(t.dataSource, { prisonId: b.prison.id, unitId: b.unit.id });
    const programme = await createActivity(t.dataSource, a.prison.id, {
      name: 'Sinnemestring',
      kind: 'PROGRAMME' as never,
      requiresReferral: true,
    });
    const theirProgramme = await createActivity(t.dataSource, b.prison.id, { name: 'Ny Start' });
    const officer = await signIn(t, [Role.OFFICER], [a.prison.id]);
    return { a, b, prisoner, elsewhere, programme, theirProgramme, officer };
  }

  const statusOf = async (id: string) =>
    ((await t.dataSource.query(`SELECT status FROM referral WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

  it('puts a prisoner on the waiting list with name, number, unit and days waiting', async () => {
    const w = await world();
    const res = await w.officer
      .post(`/activities/${w.programme.id}/referrals`)
      .send({ prisonerId: w.prisoner.id, requestedBy: 'PRISONER', note: ' Ønsker plass ' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      activityId: w.programme.id,
      activityName: 'Sinnemestring',
      prisonId: w.a.prison.id,
      prisonerId: w.prisoner.id,
      prisonerNumber: w.prisoner.prisonerNumber,
      firstName: 'Ali',
      lastName: 'Hassan',
      unitName: 'Avdeling Nord',
      requestedBy: 'PRISONER',
      status: 'PENDING',
      note: 'Ønsker plass',
      decisionNote: null,
      decidedByUserId: null,
      decidedAt: null,
      createdAt: '2026-11-23T09:00:00.000Z',
      daysWaiting: 0,
    });
    const audit = await t.dataSource.query(
      `SELECT prisoner_id AS "prisonerId", prison_id AS "prisonId", subject_id AS "subjectId" FROM audit_event WHERE action = 'referral.create'`,
    );
    expect(audit).toEqual([{ prisonerId: w.prisoner.id, prisonId: w.a.prison.id, subjectId: w.programme.id }]);
  });

  it('lists the waiting list oldest first (open by default, or by status) with days waited', async () => {
    const w = await world();
    const held = () => createHeldPrisoner(t.dataSource, { prisonId: w.a.prison.id, unitId: w.a.unit.id });
    const [p1, p2, p3] = [await held(), await held(), await held()];
    const create = (prisonerId: string) =>
      w.officer.post(`/activities/${w.programme.id}/referrals`).send({ prisonerId, requestedBy: 'OFFICER' }).expect(201);
    t.clock.set('2026-11-02T08:00:00');
    const first = (await create(p1.id)).body;
    t.clock.set('2026-11-09T23:30:00'); // late evening in Oslo: still the 9th
    const second = (await create(p2.id)).body;
    t.clock.set('2026-11-16T08:00:00');
    const third = (await create(p3.id)).body;
    t.clock.set('2026-11-18T08:00:00');
    await w.officer.post(`/referrals/${second.id}/approve`).send({}).expect(200);
    await w.officer.post(`/referrals/${third.id}/decline`).send({ note: 'Passer ikke nå' }).expect(200);
    t.clock.set('2026-11-23T10:00:00');

    const open = await w.officer.get(`/activities/${w.programme.id}/referrals`).expect(200);
    expect(open.body.map((r: { id: string; status: string; daysWaiting: number }) => [r.id, r.status, r.daysWaiting])).toEqual([
      [first.id, 'PENDING', 21],
      [second.id, 'APPROVED', 14],
    ]);
    const declined = await w.officer.get(`/activities/${w.programme.id}/referrals?status=DECLINED`).expect(200);
    expect(declined.body).toEqual([
      expect.objectContaining({
        id: third.id,
        status: 'DECLINED',
        decisionNote: 'Passer ikke nå',
        decidedByUserId: w.officer.userId,
        daysWaiting: 2,
      }),
    ]);
    await w.officer.get(`/activities/${w.programme.id}/referrals?status=WAITING`).expect(400);

    // A prisoner transferred away leaves this prison's list.
    await t.dataSource.query(`UPDATE custody_period SET to_date = '2026-11-20', end_reason = 'TRANSFERRED' WHERE prisoner_id = $1`, [
      p1.id,
    ]);
    await createCustody(t.dataSource, { prisonerId: p1.id, prisonId: w.b.prison.id, unitId: w.b.unit.id, fromDate: '2026-11-20' });
    expect((await w.officer.get(`/activities/${w.programme.id}/referrals`).expect(200)).body.map((r: { id: string }) => r.id)).toEqual([
      second.id,
    ]);

    const audit = await t.dataSource.query(
      `SELECT subject_id AS "subjectId" FROM audit_event WHERE action = 'referral.list' AND outcome = 'SUCCESS'`,
    );
    expect(audit).toHaveLength(3);
  });

  it("lists a prisoner's referrals newest first, within the caller's prisons", async () => {
    const w = await world();
    const workshop = await createActivity(t.dataSource, w.a.prison.id, { name: 'Snekkerverksted' });
    await createReferral(t.dataSource, {
      prisonerId: w.prisoner.id,
      activityId: w.programme.id,
      status: DECLINED,
      createdAt: new Date('2026-10-01T08:00:00Z'),
    });
    await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: workshop.id, createdAt: new Date('2026-11-10T08:00:00Z') });
    await createReferral(t.dataSource, {
      prisonerId: w.prisoner.id,
      activityId: w.theirProgramme.id,
      createdAt: new Date('2026-11-12T08:00:00Z'),
    });
    const mine = await w.officer.get(`/prisoners/${w.prisoner.id}/referrals`).expect(200);
    expect(mine.body.map((r: { activityName: string; status: string; daysWaiting: number }) => [r.activityName, r.status])).toEqual([
      ['Snekkerverksted', 'PENDING'],
      ['Sinnemestring', 'DECLINED'],
    ]);
    expect(mine.body[0].daysWaiting).toBe(13);
    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    expect(
      (await admin.get(`/prisoners/${w.prisoner.id}/referrals`).expect(200)).body.map((r: { activityName: string }) => r.activityName),
    ).toEqual(['Ny Start', 'Snekkerverksted', 'Sinnemestring']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no prisoner', { requestedBy: 'OFFICER' }, 'prisonerId'],
    ['prisoner not a uuid', { prisonerId: '42', requestedBy: 'OFFICER' }, 'prisonerId'],
    ['no requestedBy', { prisonerId: '00000000-0000-4000-8000-000000000000' }, 'requestedBy'],
    ['unknown requestedBy', { prisonerId: '00000000-0000-4000-8000-000000000000', requestedBy: 'DOCTOR' }, 'requestedBy'],
    ['unknown field', { prisonerId: '00000000-0000-4000-8000-000000000000', requestedBy: 'OFFICER', status: 'APPROVED' }, 'status'],
    ['note too long', { prisonerId: '00000000-0000-4000-8000-000000000000', requestedBy: 'OFFICER', note: 'x'.repeat(1001) }, 'note'],
  ])('400 for %s, with nothing written', async (_name, body, field) => {
    const w = await world();
    const res = await w.officer.post(`/activities/${w.programme.id}/referrals`).send(body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 0 });
  });

  it('decline needs a note (400, nothing changed)', async () => {
    const w = await world();
    const r = await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: w.programme.id });
    for (const body of [{}, { note: '   ' }]) {
      const res = await w.officer.post(`/referrals/${r.id}/decline`).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['note']);
    }
    expect(await statusOf(r.id)).toBe('PENDING');
  });

  it('one open referral per prisoner and activity (409); a new one after the last was closed', async () => {
    const w = await world();
    const body = { prisonerId: w.prisoner.id, requestedBy: 'OFFICER' };
    const first = (await w.officer.post(`/activities/${w.programme.id}/referrals`).send(body).expect(201)).body;
    const dup = await w.officer.post(`/activities/${w.programme.id}/referrals`).send(body).expect(409);
    expect(dup.body).toMatchObject({
      message: 'The prisoner already has an open referral (PENDING) to this activity',
      details: { referralId: first.id, status: 'PENDING' },
    });
    await w.officer.post(`/referrals/${first.id}/approve`).send({}).expect(200);
    await w.officer.post(`/activities/${w.programme.id}/referrals`).send(body).expect(409);
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 1 });
    await w.officer.post(`/referrals/${first.id}/withdraw`).send({ note: 'Ombestemt seg' }).expect(200);
    await w.officer.post(`/activities/${w.programme.id}/referrals`).send(body).expect(201);
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 2 });
  });

  it('two simultaneous referrals of the same prisoner: exactly one is created', async () => {
    const w = await world();
    const manager = await signIn(t, [Role.MANAGER], [w.a.prison.id]);
    const body = { prisonerId: w.prisoner.id, requestedBy: 'OFFICER' };
    const results = await Promise.all(
      [w.officer, manager, w.officer, manager].map((u) => u.post(`/activities/${w.programme.id}/referrals`).send(body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 1 });
  });

  const ACTIONS = { approve: APPROVED, decline: DECLINED, withdraw: WITHDRAWN } as const;
  const LEGAL = new Set(['PENDING approve', 'PENDING decline', 'PENDING withdraw', 'APPROVED withdraw']);
  const cases = [PENDING, APPROVED, DECLINED, ALLOCATED, WITHDRAWN].flatMap((from) =>
    (Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>).map((action) => [from, action] as const),
  );

  it.each(cases)('status machine: %s + %s', async (from, action) => {
    const w = await world();
    const r = await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: w.programme.id, status: from });
    const res = await w.officer.post(`/referrals/${r.id}/${action}`).send({ note: 'Vurdert i møte' });
    if (LEGAL.has(`${from} ${action}`)) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: r.id,
        status: ACTIONS[action],
        decisionNote: 'Vurdert i møte',
        decidedByUserId: w.officer.userId,
        decidedAt: '2026-11-23T09:00:00.000Z',
      });
      expect(await statusOf(r.id)).toBe(ACTIONS[action]);
    } else {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        message: `The referral is ${from} and cannot become ${ACTIONS[action]}`,
        details: { status: from, requested: ACTIONS[action] },
      });
      expect(await statusOf(r.id)).toBe(from);
    }
  });

  it('markAllocated moves APPROVED → ALLOCATED inside the caller’s transaction, and nothing else', async () => {
    const w = await world();
    const service = t.app.get(ReferralsService);
    const txHost = t.app.get(TransactionHost);
    const other = await createHeldPrisoner(t.dataSource, { prisonId: w.a.prison.id, unitId: w.a.unit.id });
    const approved = await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: w.programme.id, status: APPROVED });
    const pending = await createReferral(t.dataSource, { prisonerId: other.id, activityId: w.programme.id, status: PENDING });
    expect(await txHost.withTransaction(() => service.markAllocated(w.prisoner.id, w.programme.id))).toBe(true);
    expect(await txHost.withTransaction(() => service.markAllocated(other.id, w.programme.id))).toBe(false);
    expect([await statusOf(approved.id), await statusOf(pending.id)]).toEqual(['ALLOCATED', 'PENDING']);
    // Rolled back with the caller's transaction.
    const again = await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: w.programme.id, status: APPROVED });
    await txHost
      .withTransaction(async () => {
        expect(await service.markAllocated(w.prisoner.id, w.programme.id)).toBe(true);
        throw new Error('allocation failed');
      })
      .catch(() => undefined);
    expect(await statusOf(again.id)).toBe('APPROVED');
    // ALLOCATED is final.
    await w.officer.post(`/referrals/${approved.id}/withdraw`).send({}).expect(409);
  });

  it('concurrent approve and decline: exactly one wins and the stored status is the winner’s', async () => {
    const w = await world();
    const manager = await signIn(t, [Role.MANAGER], [w.a.prison.id]);
    for (let i = 0; i < 3; i++) {
      const p = await createHeldPrisoner(t.dataSource, { prisonId: w.a.prison.id, unitId: w.a.unit.id });
      const r = await createReferral(t.dataSource, { prisonerId: p.id, activityId: w.programme.id });
      const [approve, decline] = await Promise.all([
        w.officer.post(`/referrals/${r.id}/approve`).send({}),
        manager.post(`/referrals/${r.id}/decline`).send({ note: 'Fullt' }),
      ]);
      expect([approve.status, decline.status].sort()).toEqual([200, 409]);
      const winner = approve.status === 200 ? APPROVED : DECLINED;
      const loser = approve.status === 200 ? decline : approve;
      expect(loser.body.message).toBe(`The referral is ${winner} and cannot become ${winner === APPROVED ? DECLINED : APPROVED}`);
      expect(await statusOf(r.id)).toBe(winner);
    }
  });

  it("another prison's activity, prisoner or referral answers 404; a prisoner held elsewhere is 422; an ended activity 422", async () => {
    const w = await world();
    const theirs = await createReferral(t.dataSource, { prisonerId: w.elsewhere.id, activityId: w.theirProgramme.id });
    await w.officer
      .post(`/activities/${w.theirProgramme.id}/referrals`)
      .send({ prisonerId: w.prisoner.id, requestedBy: 'OFFICER' })
      .expect(404);
    await w.officer
      .post(`/activities/${w.programme.id}/referrals`)
      .send({ prisonerId: w.elsewhere.id, requestedBy: 'OFFICER' })
      .expect(404);
    await w.officer.get(`/activities/${w.theirProgramme.id}/referrals`).expect(404);
    await w.officer.get(`/prisoners/${w.elsewhere.id}/referrals`).expect(404);
    for (const action of ['approve', 'withdraw']) await w.officer.post(`/referrals/${theirs.id}/${action}`).send({}).expect(404);
    await w.officer.post(`/referrals/${theirs.id}/decline`).send({ note: 'Nei' }).expect(404);
    expect(await statusOf(theirs.id)).toBe('PENDING');

    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const held = await admin
      .post(`/activities/${w.programme.id}/referrals`)
      .send({ prisonerId: w.elsewhere.id, requestedBy: 'MANAGER' })
      .expect(422);
    expect(held.body.message).toBe("The prisoner is not held at the activity's prison");
    const ended = await createActivity(t.dataSource, w.a.prison.id, { endDate: '2026-11-20' });
    expect(
      (await w.officer.post(`/activities/${ended.id}/referrals`).send({ prisonerId: w.prisoner.id, requestedBy: 'OFFICER' }).expect(422))
        .body.message,
    ).toBe('The activity ended on 2026-11-20');
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 1 });
  });

  it('teachers are refused (403) on every referral route', async () => {
    const w = await world();
    const r = await createReferral(t.dataSource, { prisonerId: w.prisoner.id, activityId: w.programme.id });
    const teacher = await signIn(t, [Role.TEACHER], [w.a.prison.id]);
    await teacher.post(`/activities/${w.programme.id}/referrals`).send({ prisonerId: w.prisoner.id, requestedBy: 'TEACHER' }).expect(403);
    await teacher.get(`/activities/${w.programme.id}/referrals`).expect(403);
    await teacher.get(`/prisoners/${w.prisoner.id}/referrals`).expect(403);
    for (const action of ['approve', 'decline', 'withdraw'])
      await teacher.post(`/referrals/${r.id}/${action}`).send({ note: 'x' }).expect(403);
    expect(await statusOf(r.id)).toBe('PENDING');
    expect(await countRows(t.dataSource, ['referral'])).toEqual({ referral: 1 });
  });
});
