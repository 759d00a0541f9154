import { Role } from '../src/auth/roles';
import { createNonAssociation } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('non-associations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t.dataSource));

  async function world() {
    const a = await createPrisonWithUnit(t.dataSource, { name: 'A fengsel' });
    const b = await createPrisonWithUnit(t.dataSource, { name: 'B fengsel' });
    const held = (prison: typeof a, lastName: string) =>
      createHeldPrisoner(t.dataSource, { prisonId: prison.prison.id, unitId: prison.unit.id }, { lastName, firstName: 'Per' });
    const [p1, p2] = [await held(a, 'Hansen'), await held(a, 'Olsen')].sort((x, y) => (x.id < y.id ? -1 : 1));
    const elsewhere = await held(b, 'Berg');
    const manager = await signIn(t, [Role.MANAGER], [a.prison.id]);
    // p1 has the lower id: the pair is stored as (p1, p2) whichever side records it.
    return { a, b, p1, p2, elsewhere, manager };
  }

  const stored = () =>
    t.dataSource.query(
      `SELECT prisoner_a_id AS a, prisoner_b_id AS b, reason, to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate"
         FROM non_association ORDER BY from_date`,
    );

  it('records a pair in id order with fromDate defaulting to today, and shows it from both sides with the other prisoner', async () => {
    const w = await world();
    const res = await w.manager
      .post(`/prisoners/${w.p2.id}/non-associations`)
      .send({ otherPrisonerId: w.p1.id, reason: '  Trussel mot medinnsatt  ' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      prisonerId: w.p2.id,
      otherPrisoner: { id: w.p1.id, prisonerNumber: w.p1.prisonerNumber, firstName: 'Per', lastName: w.p1.lastName },
      reason: 'Trussel mot medinnsatt',
      fromDate: '2026-11-23',
      toDate: null,
      active: true,
      createdByUserId: w.manager.userId,
      createdAt: '2026-11-23T09:00:00.000Z',
    });
    expect(await stored()).toEqual([{ a: w.p1.id, b: w.p2.id, reason: 'Trussel mot medinnsatt', fromDate: '2026-11-23', toDate: null }]);

    const officer = await signIn(t, [Role.OFFICER], [w.a.prison.id]);
    const fromP1 = await officer.get(`/prisoners/${w.p1.id}/non-associations`).expect(200);
    expect(fromP1.body).toEqual([
      expect.objectContaining({
        id: res.body.id,
        prisonerId: w.p1.id,
        otherPrisoner: { id: w.p2.id, prisonerNumber: w.p2.prisonerNumber, firstName: 'Per', lastName: w.p2.lastName },
        active: true,
      }),
    ]);
    const fromP2 = await officer.get(`/prisoners/${w.p2.id}/non-associations`).expect(200);
    expect(fromP2.body.map((n: { otherPrisoner: { id: string } }) => n.otherPrisoner.id)).toEqual([w.p1.id]);
    const audit = await t.dataSource.query(
      `SELECT action, prisoner_id AS "prisonerId" FROM audit_event WHERE action LIKE 'non_association.%' ORDER BY occurred_at`,
    );
    expect(audit).toEqual([
      { action: 'non_association.create', prisonerId: w.p2.id },
      { action: 'non_association.read', prisonerId: w.p1.id },
      { action: 'non_association.read', prisonerId: w.p2.id },
    ]);
  });

  it('lists entries in force first, then the newest, with an explicit period', async () => {
    const w = await world();
    const third = await createHeldPrisoner(t.dataSource, { prisonId: w.a.prison.id, unitId: w.a.unit.id });
    await createNonAssociation(t.dataSource, w.p1.id, w.p2.id, { fromDate: '2026-10-01', toDate: '2026-10-31' });
    await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: third.id, reason: 'Gjeld', fromDate: '2026-11-20', toDate: '2026-12-31' })
      .expect(201);
    const list = await w.manager.get(`/prisoners/${w.p1.id}/non-associations`).expect(200);
    expect(
      list.body.map((n: { otherPrisoner: { id: string }; fromDate: string; toDate: string | null; active: boolean }) => [
        n.otherPrisoner.id,
        n.fromDate,
        n.toDate,
        n.active,
      ]),
    ).toEqual([
      [third.id, '2026-11-20', '2026-12-31', true],
      [w.p2.id, '2026-10-01', '2026-10-31', false],
    ]);
  });

  it('refuses the prisoner with themselves (400) and an overlapping pair (409) from either side; a later period is fine', async () => {
    const w = await world();
    const self = await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.p1.id.toUpperCase(), reason: 'x' })
      .expect(400);
    expect(self.body.details).toEqual([{ field: 'otherPrisonerId', messages: ['A prisoner cannot be non-associated with themselves'] }]);
    expect(await countRows(t.dataSource, ['non_association'])).toEqual({ non_association: 0 });

    const existing = await createNonAssociation(t.dataSource, w.p1.id, w.p2.id, { fromDate: '2026-11-01', toDate: '2026-11-30' });
    const dup = await w.manager
      .post(`/prisoners/${w.p2.id}/non-associations`)
      .send({ otherPrisonerId: w.p1.id, reason: 'Ny hendelse', fromDate: '2026-11-30' })
      .expect(409);
    expect(dup.body).toMatchObject({
      statusCode: 409,
      details: { nonAssociationId: existing.id, fromDate: '2026-11-01', toDate: '2026-11-30' },
    });
    await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.p2.id, reason: 'Ny hendelse', fromDate: '2026-10-01', toDate: '2026-11-01' })
      .expect(409);
    expect(await countRows(t.dataSource, ['non_association'])).toEqual({ non_association: 1 });

    await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.p2.id, reason: 'Ny hendelse', fromDate: '2026-12-01' })
      .expect(201);
    expect((await stored()).map((r: { fromDate: string }) => r.fromDate)).toEqual(['2026-11-01', '2026-12-01']);
  });

  it('two managers recording the same pair at once: exactly one wins', async () => {
    const w = await world();
    const other = await signIn(t, [Role.MANAGER], [w.a.prison.id]);
    const results = await Promise.all([
      w.manager.post(`/prisoners/${w.p1.id}/non-associations`).send({ otherPrisonerId: w.p2.id, reason: 'Slåsskamp' }),
      other.post(`/prisoners/${w.p2.id}/non-associations`).send({ otherPrisonerId: w.p1.id, reason: 'Slåsskamp' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows(t.dataSource, ['non_association'])).toEqual({ non_association: 1 });
  });

  it.each<[string, (ids: { other: string }) => Record<string, unknown>, string]>([
    ['no reason', ({ other }) => ({ otherPrisonerId: other }), 'reason'],
    ['a blank reason', ({ other }) => ({ otherPrisonerId: other, reason: '  ' }), 'reason'],
    ['no other prisoner', () => ({ reason: 'Konflikt' }), 'otherPrisonerId'],
    ['other prisoner not a uuid', () => ({ otherPrisonerId: 'abc', reason: 'Konflikt' }), 'otherPrisonerId'],
    [
      'toDate before fromDate',
      ({ other }) => ({ otherPrisonerId: other, reason: 'Konflikt', fromDate: '2026-11-23', toDate: '2026-11-22' }),
      'toDate',
    ],
    [
      'toDate before today’s default fromDate',
      ({ other }) => ({ otherPrisonerId: other, reason: 'Konflikt', toDate: '2026-11-01' }),
      'toDate',
    ],
    ['bad date', ({ other }) => ({ otherPrisonerId: other, reason: 'Konflikt', fromDate: '23.11.2026' }), 'fromDate'],
  ])('400 for %s, with nothing written', async (_name, body, field) => {
    const w = await world();
    const res = await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send(body({ other: w.p2.id }))
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await countRows(t.dataSource, ['non_association'])).toEqual({ non_association: 0 });
  });

  it('ends an entry; refuses an end before the start (400) or after its current end (409)', async () => {
    const w = await world();
    const na = await createNonAssociation(t.dataSource, w.p1.id, w.p2.id, { fromDate: '2026-11-01' });
    const ended = await w.manager.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-11-20' }).expect(200);
    expect(ended.body).toMatchObject({
      id: na.id,
      prisonerId: w.p1.id,
      otherPrisoner: { id: w.p2.id },
      fromDate: '2026-11-01',
      toDate: '2026-11-20',
      active: false,
    });

    const before = await w.manager.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-10-31' }).expect(400);
    expect(before.body.details).toEqual([{ field: 'toDate', messages: ['toDate must be on or after the start, 2026-11-01'] }]);
    const later = await w.manager.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-12-31' }).expect(409);
    expect(later.body.message).toBe('The non-association already ends on 2026-11-20');
    await w.manager.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-11-15' }).expect(200);
    expect(await stored()).toEqual([expect.objectContaining({ fromDate: '2026-11-01', toDate: '2026-11-15' })]);
    await w.manager.post(`/non-associations/${na.id}/end`).send({}).expect(400);
  });

  it("another prison's prisoners answer 404; a cross-prison pair hides the other prisoner's identity", async () => {
    const w = await world();
    const otherB = await createHeldPrisoner(t.dataSource, { prisonId: w.b.prison.id, unitId: w.b.unit.id });
    const theirs = await createNonAssociation(t.dataSource, w.elsewhere.id, otherB.id);

    await w.manager
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.elsewhere.id, reason: 'Konflikt' })
      .expect(404);
    await w.manager
      .post(`/prisoners/${w.elsewhere.id}/non-associations`)
      .send({ otherPrisonerId: w.p1.id, reason: 'Konflikt' })
      .expect(404);
    await w.manager.get(`/prisoners/${w.elsewhere.id}/non-associations`).expect(404);
    await w.manager.post(`/non-associations/${theirs.id}/end`).send({ toDate: '2026-11-30' }).expect(404);
    expect(await stored()).toEqual([expect.objectContaining({ toDate: null })]);

    const admin = await signIn(t, [Role.NATIONAL_ADMIN]);
    const cross = await admin
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.elsewhere.id, reason: 'Samme sak' })
      .expect(201);
    expect(cross.body.otherPrisoner).toEqual({
      id: w.elsewhere.id,
      prisonerNumber: w.elsewhere.prisonerNumber,
      firstName: 'Per',
      lastName: 'Berg',
    });
    const seenFromA = await w.manager.get(`/prisoners/${w.p1.id}/non-associations`).expect(200);
    expect(seenFromA.body).toEqual([
      expect.objectContaining({
        id: cross.body.id,
        otherPrisoner: { id: w.elsewhere.id, prisonerNumber: null, firstName: null, lastName: null },
      }),
    ]);
    // Prison A's manager may still end their own prisoner's entry.
    const ended = await w.manager.post(`/non-associations/${cross.body.id}/end`).send({ toDate: '2026-11-23' }).expect(200);
    expect(ended.body).toMatchObject({ prisonerId: w.p1.id, toDate: '2026-11-23', otherPrisoner: { prisonerNumber: null } });
  });

  it('officers read but do not write; teachers get 403 everywhere', async () => {
    const w = await world();
    const na = await createNonAssociation(t.dataSource, w.p1.id, w.p2.id);
    const officer = await signIn(t, [Role.OFFICER], [w.a.prison.id]);
    await officer.get(`/prisoners/${w.p1.id}/non-associations`).expect(200);
    await officer
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.p2.id, reason: 'x', fromDate: '2027-01-01' })
      .expect(403);
    await officer.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-11-30' }).expect(403);
    const teacher = await signIn(t, [Role.TEACHER], [w.a.prison.id]);
    await teacher.get(`/prisoners/${w.p1.id}/non-associations`).expect(403);
    await teacher
      .post(`/prisoners/${w.p1.id}/non-associations`)
      .send({ otherPrisonerId: w.p2.id, reason: 'x', fromDate: '2027-01-01' })
      .expect(403);
    await teacher.post(`/non-associations/${na.id}/end`).send({ toDate: '2026-11-30' }).expect(403);
    expect(await stored()).toEqual([expect.objectContaining({ toDate: null })]);
  });
});
