import { DataSource } from 'typeorm';
import request from 'supertest';
import { ActivityKind } from '../src/activities/activity.enums';
import { FactCatchUpService } from '../src/activity-rate/fact-catch-up.service';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { attend, createRateActivity } from './factories/rate.factory';
import { signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// Clock: Monday 2026-11-23 10:00 (Oslo).
const details = (n: number) => ({
  firstName: `Per${n}`,
  lastName: 'Hansen',
  dateOfBirth: '1985-03-02',
  legalStatus: 'CONVICTED',
  nationality: 'NO',
});
const num = (n: number) => `E-${String(n).padStart(3, '0')}`;

describe('custody events from a prison record system (integration client)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: SignedIn;
  let token: string;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
    admin = await signInAdmin(t);
    const made = await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201);
    ({ token, userId: clientId } = made.body);
  });

  const send = (event: object, bearer = token) =>
    t.http().post('/integration/custody-events').set('Authorization', `Bearer ${bearer}`).send(event);

  async function prisons() {
    const a = await createPrisonWithUnit(ds, { code: 'AAA' }, { name: 'A1' });
    const b = await createPrisonWithUnit(ds, { code: 'BBB' }, { name: 'B1' });
    return { a, b };
  }

  it('the credential: a token issued once, its own role only, password sign-in refused, rotation revokes the old token', async () => {
    expect(token).toMatch(/^kit_[A-Za-z0-9_-]{43}$/);
    const [{ token_hash }] = await ds.query(`SELECT token_hash FROM integration_token WHERE user_id = $1`, [clientId]);
    expect(token_hash).not.toContain(token.slice(4));
    // Only the event endpoint: other routes are forbidden, and people may not send events.
    await t.http().get('/prisoners').set('Authorization', `Bearer ${token}`).expect(403);
    await t.http().get('/regions').set('Authorization', `Bearer ${token}`).expect(403);
    await admin.post('/integration/custody-events').send({}).expect(403);
    await t.http().post('/integration/custody-events').send({}).expect(401);
    await send({}, 'kit_' + 'x'.repeat(43)).expect(401);
    // Its password is unknown, and sign-in refuses the role anyway.
    await t.http().post('/auth/login').send({ username: 'kompis', password: 'whatever-it-may-be' }).expect(401);

    const rotated = await admin.post(`/integration-clients/${clientId}/token`).expect(201);
    await send({ eventId: 'x', type: 'RELEASED', occurredAt: '2026-11-20T10:00:00+01:00', prisonerNumber: 'E-001' }).expect(401);
    await send(
      { eventId: 'x', type: 'RELEASED', occurredAt: '2026-11-20T10:00:00+01:00', prisonerNumber: 'E-001' },
      rotated.body.token,
    ).expect(422);
    // Deactivating the client user stops the token.
    await admin.patch(`/users/${clientId}`).send({ active: false }).expect(200);
    await send(
      { eventId: 'y', type: 'RELEASED', occurredAt: '2026-11-20T10:00:00+01:00', prisonerNumber: 'E-001' },
      rotated.body.token,
    ).expect(401);
  });

  it('100 events with duplicates and one out of order: custody and rates come out right, repeats answer the same', async () => {
    const { a, b } = await prisons();
    const events: object[] = [];
    for (let n = 1; n <= 40; n++)
      events.push({
        eventId: `r-${n}`,
        type: 'RECEIVED',
        occurredAt: '2026-11-02T08:00:00+01:00',
        prisonerNumber: num(n),
        prisonCode: 'AAA',
        unit: 'A1',
        details: details(n),
      });
    for (let n = 1; n <= 20; n++)
      events.push({
        eventId: `t-${n}`,
        type: 'TRANSFERRED',
        occurredAt: '2026-11-16T09:00:00+01:00',
        prisonerNumber: num(n),
        prisonCode: 'BBB',
        unit: 'B1',
      });
    for (let n = 21; n <= 30; n++)
      events.push({ eventId: `x-${n}`, type: 'RELEASED', occurredAt: '2026-11-18T12:00:00+01:00', prisonerNumber: num(n) });
    for (let n = 31; n <= 40; n++)
      events.push({
        eventId: `d-${n}`,
        type: 'DETAILS_CHANGED',
        occurredAt: '2026-11-10T12:00:00+01:00',
        prisonerNumber: num(n),
        details: { legalStatus: 'REMAND' },
      });
    const unique = events.length; // 80
    const answers = new Map<string, request.Response>();
    for (const e of events) answers.set((e as { eventId: string }).eventId, await send(e).expect(200));
    // A release from prison A dated before the transfer already applied arrives late: rejected, custody untouched.
    const late = { eventId: 'late-1', type: 'RELEASED', occurredAt: '2026-11-10T12:00:00+01:00', prisonerNumber: num(1) };
    const rejected = await send(late).expect(422);
    expect(rejected.body.details).toEqual({
      eventId: 'late-1',
      status: 'REJECTED',
      code: 'OUT_OF_ORDER',
      params: { lastAppliedAt: '2026-11-16T08:00:00Z' },
    });
    // 19 repeats (the late one among them): the same answers, nothing changes.
    const before = await ds.query(
      `SELECT (SELECT count(*) FROM custody_period)::int AS cp, (SELECT count(*) FROM prisoner_day)::int AS pd, (SELECT count(*) FROM custody_event)::int AS ev`,
    );
    const repeats = [...events.filter((_, i) => i % 4 === 0).slice(0, 18), late];
    expect(unique + 1 + repeats.length).toBe(100);
    for (const e of repeats) {
      const id = (e as { eventId: string }).eventId;
      const again = await send(e);
      if (id === 'late-1') expect([again.status, again.body.details]).toEqual([422, rejected.body.details]);
      else expect([again.status, again.body]).toEqual([200, answers.get(id)!.body]);
    }
    expect(
      await ds.query(
        `SELECT (SELECT count(*) FROM custody_period)::int AS cp, (SELECT count(*) FROM prisoner_day)::int AS pd, (SELECT count(*) FROM custody_event)::int AS ev`,
      ),
    ).toEqual(before);
    // The same id with another content is a conflict, not a silent overwrite.
    await send({ ...late, occurredAt: '2026-11-11T12:00:00+01:00' }).expect(409);

    const e1 = answers.get('r-1')!.body.prisonerId as string;
    const periods = await admin.get(`/prisoners/${e1}/custody-periods`).expect(200);
    expect(
      periods.body.map((p: { prisonId: string; fromDate: string; toDate: string | null; endReason: string | null }) => [
        p.prisonId,
        p.fromDate,
        p.toDate,
        p.endReason,
      ]),
    ).toEqual([
      [a.prison.id, '2026-11-02', '2026-11-16', 'TRANSFERRED'],
      [b.prison.id, '2026-11-16', null, null],
    ]);
    const e31 = await admin.get(`/prisoners/${answers.get('r-31')!.body.prisonerId}`).expect(200);
    expect(e31.body.legalStatus).toBe('REMAND');

    // The events refreshed their own prisoner-days (no nightly job yet): at A, 20 × 10 + 10 × 12 + 10 × 15 days; at B, 20 × 5.
    const rate = async (prisonId: string) =>
      (await admin.get(`/activity-rate?scope=prison&id=${prisonId}&from=2026-11-02&to=2026-11-22`).expect(200)).body.total;
    expect(await rate(a.prison.id)).toMatchObject({ prisonerDays: 470, realisedActiveDays: 0 });
    expect(await rate(b.prison.id)).toMatchObject({ prisonerDays: 100, realisedActiveDays: 0 });

    // Attendance at A on 17 November for the ten still held there, then the nightly catch-up: same denominators.
    const work = await createRateActivity(ds, a.prison.id, ActivityKind.WORK);
    for (let n = 31; n <= 40; n++) await attend(ds, answers.get(`r-${n}`)!.body.prisonerId, work, '2026-11-17');
    await t.app.get(FactCatchUpService).catchUp();
    expect(await rate(a.prison.id)).toMatchObject({ prisonerDays: 470, realisedActiveDays: 10, realisedRate: 10 / 470 });
    expect(await rate(b.prison.id)).toMatchObject({ prisonerDays: 100, realisedActiveDays: 0 });

    // Audited under the client and the prison whose custody changed.
    const audit = await ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE user_id = $1 AND action = 'integration.custody-event'`, [
      clientId,
    ]);
    expect(audit[0].n).toBeGreaterThanOrEqual(100);
    const filed = await ds.query(
      `SELECT DISTINCT prison_id FROM audit_event WHERE user_id = $1 AND action = 'integration.custody-event' AND prison_id IS NOT NULL`,
      [clientId],
    );
    expect(filed.map((r: { prison_id: string }) => r.prison_id).sort()).toEqual([a.prison.id, b.prison.id].sort());
  });

  it('rejects with a clear code: unknown prisoner, before arrival, already held, a reception without details, a future event', async () => {
    await prisons();
    const at = (d: string) => `${d}T10:00:00+01:00`;
    const code = async (e: object) => (await send(e).expect(422)).body.details.code;
    expect(await code({ eventId: 'a', type: 'RELEASED', occurredAt: at('2026-11-20'), prisonerNumber: 'E-900' })).toBe('UNKNOWN_PRISONER');
    expect(
      await code({ eventId: 'b', type: 'RECEIVED', occurredAt: at('2026-11-02'), prisonerNumber: 'E-900', prisonCode: 'AAA', unit: 'A1' }),
    ).toBe('DETAILS_REQUIRED');
    expect(
      await code({
        eventId: 'c',
        type: 'RECEIVED',
        occurredAt: at('2026-11-02'),
        prisonerNumber: 'E-900',
        prisonCode: 'ZZZ',
        unit: 'A1',
        details: details(1),
      }),
    ).toBe('UNKNOWN_PRISON');
    await send({
      eventId: 'd',
      type: 'RECEIVED',
      occurredAt: at('2026-11-10'),
      prisonerNumber: 'E-900',
      prisonCode: 'AAA',
      unit: 'A1',
      details: details(1),
    }).expect(200);
    expect(
      await code({ eventId: 'e', type: 'RECEIVED', occurredAt: at('2026-11-12'), prisonerNumber: 'E-900', prisonCode: 'BBB', unit: 'B1' }),
    ).toBe('ALREADY_HELD');
    expect(await code({ eventId: 'f', type: 'RELEASED', occurredAt: at('2026-11-24'), prisonerNumber: 'E-900' })).toBe('DATE_IN_FUTURE');
    // Not out of order (no later custody event applied) but on the arrival day itself.
    expect(await code({ eventId: 'g', type: 'RELEASED', occurredAt: '2026-11-10T12:00:00+01:00', prisonerNumber: 'E-900' })).toBe(
      'NOT_AFTER_ARRIVAL',
    );
    await send({
      eventId: 'h',
      type: 'DETAILS_CHANGED',
      occurredAt: at('2026-11-12'),
      prisonerNumber: 'E-900',
      details: { lastName: 'Berg' },
    }).expect(200);
    expect(
      await code({
        eventId: 'i',
        type: 'DETAILS_CHANGED',
        occurredAt: at('2026-11-11'),
        prisonerNumber: 'E-900',
        details: { lastName: 'Old' },
      }),
    ).toBe('STALE_DETAILS');
    await send({ eventId: 'j', type: 'RELEASED', occurredAt: 'yesterday', prisonerNumber: 'E-900' }).expect(400);
    expect(await ds.query(`SELECT count(*)::int AS n FROM custody_period`)).toEqual([{ n: 1 }]);
  });
});
