import { QueryFailedError } from 'typeorm';
import { CustodyPeriod } from '../src/prisoners/entities/custody-period.entity';
import { CustodyEndReason } from '../src/prisoners/prisoner.enums';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { createCustody, createHeldPrisoner, createPrisoner } from './factories/prisoner.factory';
import { signInAdmin, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

describe('custody periods', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    admin = await signInAdmin(t);
  });

  const pgCode = (e: unknown) => (e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined);

  describe('the database rejects overlaps, not only the code', () => {
    it('refuses a second open period for the same prisoner', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const p = await createPrisoner(t.dataSource);
      await createCustody(t.dataSource, { prisonerId: p.id, prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-01' });
      const other = await createPrisonWithUnit(t.dataSource);
      const err = await createCustody(t.dataSource, {
        prisonerId: p.id,
        prisonId: other.prison.id,
        unitId: other.unit.id,
        fromDate: '2026-06-01',
      }).catch((e: unknown) => e);
      expect(pgCode(err)).toBe('23P01');
    });

    it('refuses a closed period that overlaps by one day', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const p = await createPrisoner(t.dataSource);
      await createCustody(t.dataSource, {
        prisonerId: p.id,
        prisonId: prison.id,
        unitId: unit.id,
        fromDate: '2026-01-01',
        toDate: '2026-03-01',
      });
      const err = await createCustody(t.dataSource, {
        prisonerId: p.id,
        prisonId: prison.id,
        unitId: unit.id,
        fromDate: '2026-02-28',
        toDate: '2026-04-01',
      }).catch((e: unknown) => e);
      expect(pgCode(err)).toBe('23P01');
    });

    it('accepts back-to-back periods: the transfer day starts the next one', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const p = await createPrisoner(t.dataSource);
      await createCustody(t.dataSource, {
        prisonerId: p.id,
        prisonId: prison.id,
        unitId: unit.id,
        fromDate: '2026-01-01',
        toDate: '2026-03-04',
        endReason: CustodyEndReason.TRANSFERRED,
      });
      await createCustody(t.dataSource, { prisonerId: p.id, prisonId: prison.id, unitId: unit.id, fromDate: '2026-03-04' });
      expect(await t.dataSource.getRepository(CustodyPeriod).countBy({ prisonerId: p.id })).toBe(2);
    });

    it('refuses a unit of another prison and an end before the start', async () => {
      const a = await createPrisonWithUnit(t.dataSource);
      const b = await createPrisonWithUnit(t.dataSource);
      const p = await createPrisoner(t.dataSource);
      expect(
        pgCode(
          await createCustody(t.dataSource, { prisonerId: p.id, prisonId: a.prison.id, unitId: b.unit.id, fromDate: '2026-01-01' }).catch(
            (e: unknown) => e,
          ),
        ),
      ).toBe('23503');
      expect(
        pgCode(
          await createCustody(t.dataSource, {
            prisonerId: p.id,
            prisonId: a.prison.id,
            unitId: a.unit.id,
            fromDate: '2026-01-05',
            toDate: '2026-01-05',
          }).catch((e: unknown) => e),
        ),
      ).toBe('23514');
    });
  });

  describe('POST /prisoners and /prisoners/:id/moves', () => {
    it('admits a prisoner with their first custody period', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const res = await admin
        .post('/prisoners')
        .send({
          prisonerNumber: 'OSL-1',
          firstName: 'Ali',
          lastName: 'Hansen',
          dateOfBirth: '1999-05-01',
          legalStatus: 'REMAND',
          nationality: 'NO',
          admission: { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-20' },
        })
        .expect(201);
      expect(res.body).toMatchObject({
        prisonerNumber: 'OSL-1',
        legalStatus: 'REMAND',
        custody: { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-20', toDate: null },
      });
    });

    it('transfers: the old stay ends on the transfer day and the new one starts that day', async () => {
      const a = await createPrisonWithUnit(t.dataSource);
      const b = await createPrisonWithUnit(t.dataSource);
      const p = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id, fromDate: '2026-01-05' });
      await admin
        .post(`/prisoners/${p.id}/moves`)
        .send({ kind: 'TRANSFER', date: '2026-11-18', toPrisonId: b.prison.id, toUnitId: b.unit.id })
        .expect(204);
      const periods = await admin.get(`/prisoners/${p.id}/custody-periods`).expect(200);
      expect(
        periods.body.map((x: { prisonId: string; fromDate: string; toDate: string | null; endReason: string | null }) => [
          x.prisonId,
          x.fromDate,
          x.toDate,
          x.endReason,
        ]),
      ).toEqual([
        [a.prison.id, '2026-01-05', '2026-11-18', 'TRANSFERRED'],
        [b.prison.id, '2026-11-18', null, null],
      ]);
      // Held at B on the transfer day, at A the day before.
      expect((await admin.get(`/prisons/${b.prison.id}/prisoners?onDate=2026-11-18`).expect(200)).body.total).toBe(1);
      expect((await admin.get(`/prisons/${a.prison.id}/prisoners?onDate=2026-11-18`).expect(200)).body.total).toBe(0);
      expect((await admin.get(`/prisons/${a.prison.id}/prisoners?onDate=2026-11-17`).expect(200)).body.total).toBe(1);
    });

    it('refuses a release before arrival and writes nothing', async () => {
      const a = await createPrisonWithUnit(t.dataSource);
      const p = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id, fromDate: '2026-06-01' });
      const before = await countRows(t.dataSource, ['custody_period']);
      const res = await admin.post(`/prisoners/${p.id}/moves`).send({ kind: 'RELEASE', date: '2026-05-01' }).expect(422);
      expect(res.body.message).toMatch(/after the arrival on 2026-06-01/);
      expect(await countRows(t.dataSource, ['custody_period'])).toEqual(before);
      const open = await t.dataSource.getRepository(CustodyPeriod).findOneByOrFail({ prisonerId: p.id });
      expect(open.toDate).toBeNull();
    });

    it('refuses a transfer into a unit of a third prison, leaving the stay open', async () => {
      const a = await createPrisonWithUnit(t.dataSource);
      const b = await createPrisonWithUnit(t.dataSource);
      const elsewhere = await createUnit(t.dataSource, a.prison.id);
      const p = await createHeldPrisoner(t.dataSource, { prisonId: a.prison.id, unitId: a.unit.id });
      await admin
        .post(`/prisoners/${p.id}/moves`)
        .send({ kind: 'TRANSFER', date: '2026-11-18', toPrisonId: b.prison.id, toUnitId: elsewhere.id })
        .expect(422);
      expect(await t.dataSource.getRepository(CustodyPeriod).countBy({ prisonerId: p.id })).toBe(1);
    });

    it('rejects a duplicate prisoner number with 409', async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      await createPrisoner(t.dataSource, { prisonerNumber: 'DUP-1' });
      const res = await admin
        .post('/prisoners')
        .send({
          prisonerNumber: 'DUP-1',
          firstName: 'A',
          lastName: 'B',
          dateOfBirth: '1990-01-01',
          legalStatus: 'CONVICTED',
          nationality: 'SE',
          admission: { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-01' },
        })
        .expect(409);
      expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'Prisoner number DUP-1 is already in use' });
    });
  });
});
