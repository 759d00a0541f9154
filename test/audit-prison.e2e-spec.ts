import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DayPeriod } from '../src/activities/activity.enums';
import { AUDIT_KEY } from '../src/audit/audit.decorators';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createNonAssociation, createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { allocateWithBookings } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createReferral } from './factories/referral.factory';
import { nextSeq } from './factories/sequence';
import { signIn, SignedIn } from './support/auth';
import { discoverRoutes, Route } from './support/routes';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// DOMAIN.md: everyone's reads and writes of personal data are audited under the prison of the data
// itself. Every audited route (every write, every @Audited read; API and web pages), called by an Oslo
// user on Oslo data with a Bergen prisonId in the query and the body, must be filed under Oslo: the
// Oslo manager sees it, the Bergen manager does not.

// Writes that touch no prison's data (signing in and out, the user's own calendar feed, user
// administration, the national rebuild): no prison to file them under.
const NO_PRISON = new Set([
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  'POST /app/login',
  'POST /app/logout',
  'POST /me/calendar-feed',
  'DELETE /me/calendar-feed',
  'POST /app/teacher/calendar-feed',
  'POST /app/teacher/calendar-feed/revoke',
  'POST /users',
  'PATCH /users/:id',
  'POST /activity-rate/rebuild',
  // Integration clients are national; custody events come from a client, never a person (a person's call is
  // denied) and are filed under the prison whose custody changed (test/custody-events.e2e-spec.ts).
  'POST /integration-clients',
  'POST /integration-clients/:id/token',
  'POST /integration/custody-events',
  // Organisation administration (national administrators only: this caller is denied): the structure of
  // the service itself — regions, prisons, units, staff, users — not a prisoner's data.
  'POST /regions',
  'PATCH /regions/:id',
  'POST /prisons',
  'PATCH /prisons/:id',
  'POST /prisons/:id/units',
  'PATCH /units/:id',
  'POST /staff',
  'PATCH /staff/:id',
  'POST /app/admin/regions',
  'POST /app/admin/regions/:id/active',
  'POST /app/admin/prisons',
  'POST /app/admin/prisons/:id',
  'POST /app/admin/prisons/:id/units',
  'POST /app/admin/units/:id/active',
  'POST /app/admin/staff',
  'POST /app/admin/staff/:id/active',
  'POST /app/admin/users',
  'POST /app/admin/users/:id/active',
]);

// Routes that name no resource by id choose their prison by a prisonId in the query (or the form):
// there the Oslo prison is the request itself, not a forgery. A forged Bergen id on them is tested below.
const SELECTOR_IN_QUERY = new Set([
  'GET /prisoners',
  'GET /app/planner',
  'GET /app/planner/print',
  'GET /app/planner/half-day',
  'GET /app/unlock',
  'GET /app/referrals',
  'GET /app/dashboard',
  'GET /app/prisoners',
  'GET /audit',
]);
const SELECTOR_IN_BODY = new Set(['POST /app/planner/drafts']);

const TODAY = '2026-11-23';
const WEEK = '2026-W48';

/** GET routes marked @Audited, read from the controllers' metadata (not a hand list). */
function auditedReads(t: TestApp): Set<string> {
  const out = new Set<string>();
  const join = (...parts: string[]) => ('/' + parts.filter(Boolean).join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat()[0] as string;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (typeof handler !== 'function' || !Reflect.getMetadata(AUDIT_KEY, handler)) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        for (const sub of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[]) out.add(`GET ${join(base, sub)}`);
      }
    }
  }
  return out;
}

describe('the prison of an audit event is the prison of the data, never one the caller sends', () => {
  let t: TestApp;
  let oslo: Awaited<ReturnType<typeof createPrisonWithUnit>>;
  let bergen: Awaited<ReturnType<typeof createPrisonWithUnit>>;
  let caller: SignedIn;
  let osloManager: SignedIn;
  let bergenManager: SignedIn;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp({ now: `${TODAY}T10:00:00` });
    await resetDatabase(t.dataSource);
    oslo = await createPrisonWithUnit(t.dataSource);
    bergen = await createPrisonWithUnit(t.dataSource);
    // One Oslo user who may use every Oslo route (teacher pages included).
    caller = await signIn(t, [Role.OFFICER, Role.MANAGER], [oslo.prison.id]);
    osloManager = await signIn(t, [Role.MANAGER], [oslo.prison.id]);
    bergenManager = await signIn(t, [Role.MANAGER], [bergen.prison.id]);
    const reads = auditedReads(t);
    const all = discoverRoutes(t).filter((r) => !r.path.startsWith('/api/docs'));
    routes = all.filter((r) => (r.method !== 'GET' ? !NO_PRISON.has(`${r.method} ${r.path}`) : reads.has(`${r.method} ${r.path}`)));
    // Every @Audited read found in the metadata is a route of the server (the path join above is right).
    expect([...reads].filter((k) => !all.some((r) => `${r.method} ${r.path}` === k))).toEqual([]);
  });
  afterAll(() => t.close());

  /** Fresh Oslo data for one request (a request may end or delete what it acts on). */
  async function osloData(withDraft = false) {
    const at = { prisonId: oslo.prison.id, unitId: oslo.unit.id };
    const prisoner = await createHeldPrisoner(t.dataSource, at);
    const free = await createHeldPrisoner(t.dataSource, at);
    const other = await createHeldPrisoner(t.dataSource, at);
    const activity = await createActivity(t.dataSource, oslo.prison.id);
    // Today's session takes attendance; tomorrow's can still be cancelled.
    const [today, session] = await insertSessions(t.dataSource, activity, [TODAY, '2026-11-24'], { periods: [DayPeriod.AM] });
    const allocation = await allocateWithBookings(t.dataSource, {
      prisonerId: prisoner.id,
      activityId: activity.id,
      prisonId: oslo.prison.id,
      startDate: TODAY,
      sessionIds: [today.id, session.id],
    });
    const referral = await createReferral(t.dataSource, { prisonerId: free.id, activityId: activity.id });
    const unavailability = await createUnavailability(t.dataSource, prisoner.id);
    const nonAssociation = await createNonAssociation(t.dataSource, prisoner.id, other.id);
    // A real draft (the planner's) only for the routes that use one.
    const draft = withDraft
      ? (await osloManager.post(`/prisons/${oslo.prison.id}/weeks/${WEEK}/plan-drafts`).send({}).expect(201)).body.id
      : randomUUID();
    const ids: Record<string, string> = {
      prisons: oslo.prison.id,
      prisoners: prisoner.id,
      sessions: session.id,
      attendance: today.id,
      activities: activity.id,
      allocations: allocation,
      referrals: referral.id,
      unavailability: unavailability.id,
      'non-associations': nonAssociation.id,
      'plan-drafts': draft,
      drafts: draft,
      weeks: WEEK,
      // A population file uploaded on the import page by the caller (src/web/import).
      import: (
        await t.dataSource.query(
          `INSERT INTO population_import_draft (user_id, prison_id, format, content) VALUES ($1, $2, 'CSV', 'prisonerNumber') RETURNING id`,
          [caller.userId, oslo.prison.id],
        )
      )[0].id,
    };
    // Bodies that pass validation where a route needs one (the others are called with what they get).
    const bodies: Record<string, Record<string, unknown>> = {
      'POST /prisoners': {
        prisonerNumber: `AUD-${nextSeq()}`,
        firstName: 'Ali',
        lastName: 'Hansen',
        dateOfBirth: '1990-05-01',
        legalStatus: 'REMAND',
        nationality: 'NO',
        admission: { prisonId: oslo.prison.id, unitId: oslo.unit.id, fromDate: TODAY },
      },
      'POST /allocations': { prisonerId: free.id, activityId: activity.id, startDate: TODAY, pattern: 'ALL' },
      'POST /allocations/bulk': { items: [{ prisonerId: free.id, activityId: activity.id, startDate: TODAY, pattern: 'ALL' }] },
      'POST /prisoners/:id/unavailability': { kind: 'COURT', fromDate: '2026-11-25' },
      'POST /prisoners/:id/certificates': { name: 'Fagbrev', issuedOn: TODAY },
      'POST /prisoners/:id/non-associations': { otherPrisonerId: free.id, reason: 'Konflikt', fromDate: TODAY },
      'POST /sessions/:id/cancel': { reason: 'STAFF_TRAINING' },
      'POST /app/planner/sessions/:id/allocations': { prisonerId: free.id, pattern: 'ALL' },
      'POST /app/planner/sessions/:id/lock': { prisonerId: prisoner.id, locked: 'true' },
      'POST /app/attendance/:id': { action: 'all-attended' },
      'POST /app/planner/drafts': { prisonId: oslo.prison.id, week: '2026-W49' },
    };
    return { ids, bodies };
  }

  const concreteFor = (path: string, ids: Record<string, string>) =>
    path.replace(/([^/]+)\/:[A-Za-z]+/g, (whole, collection: string) =>
      ids[collection] ? `${collection}/${ids[collection]}` : whole.replace(/:[A-Za-z]+/, randomUUID()),
    );

  /** Every event id the manager can read through the audit API. */
  async function visibleRequestIds(manager: SignedIn): Promise<Set<string>> {
    const out = new Set<string>();
    for (let page = 1; ; page++) {
      const res = await manager.get(`/audit?pageSize=200&page=${page}`).expect(200);
      for (const e of res.body.items as Array<{ requestId: string | null; prisonId: string }>) if (e.requestId) out.add(e.requestId);
      if (page * 200 >= res.body.total) return out;
    }
  }

  it('every audited route, with a forged prisonId in the query and the body, is filed under the prison of the data', async () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    // The routes are among them (reads and writes, API and web).
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /prisoners/:id/unavailability',
        'GET /prisoners/:id/custody-periods',
        'GET /prisoners/:id/consents',
        'GET /prisoners/:id/non-associations',
        'GET /prisoners/:id/referrals',
        'GET /prisoners/:id/allocations',
        'GET /prisoners/:id/weeks/:week',
        'GET /sessions/:id/roster.csv',
        'GET /activities/:id/allocations',
        'POST /prisoners/:id/unavailability',
        'POST /prisoners/:id/certificates',
        'POST /prisoners/:id/non-associations',
        'POST /non-associations/:id/end',
        'POST /app/planner/sessions/:id/allocations',
        'POST /app/planner/sessions/:id/lock',
        'POST /app/attendance/:id',
        'POST /sessions/:id/cancel',
      ]),
    );

    const sent: Array<{ key: string; requestId: string; status: number }> = [];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      // Twice: a valid body (the request does its work), and the same with a forged prisonId in it.
      for (const forgeBody of [false, true]) {
        const { ids, bodies } = await osloData(r.path.includes('drafts/:id'));
        const selector = SELECTOR_IN_QUERY.has(key) ? oslo.prison.id : bergen.prison.id;
        const body = { ...(bodies[key] ?? {}), ...(forgeBody && !SELECTOR_IN_BODY.has(key) ? { prisonId: bergen.prison.id } : {}) };
        // A request rejected before it names any data (a bad body on a route with no id in its path) has no prison.
        if (forgeBody && !/\/:/.test(r.path) && r.method !== 'GET') continue;
        const requestId = `aud-${randomUUID()}`;
        const res = await caller[r.method.toLowerCase() as 'get'](`${concreteFor(r.path, ids)}?prisonId=${selector}`)
          .set('x-request-id', requestId)
          .send(body);
        sent.push({ key: `${key}${forgeBody ? ' (forged body)' : ''}`, requestId, status: res.status });
      }
    }

    const stored = await t.dataSource.query<Array<{ requestId: string; prisonId: string | null; action: string }>>(
      `SELECT request_id AS "requestId", prison_id AS "prisonId", action FROM audit_event WHERE request_id = ANY($1)`,
      [sent.map((s) => s.requestId)],
    );
    const byRequest = new Map(stored.map((e) => [e.requestId, e]));
    expect(sent.map((s) => ({ route: s.key, status: s.status, prison: byRequest.get(s.requestId)?.prisonId ?? null }))).toEqual(
      sent.map((s) => ({ route: s.key, status: s.status, prison: oslo.prison.id })),
    );

    const osloSees = await visibleRequestIds(osloManager);
    const bergenSees = await visibleRequestIds(bergenManager);
    expect(sent.filter((s) => !osloSees.has(s.requestId)).map((s) => s.key)).toEqual([]);
    expect(sent.filter((s) => bergenSees.has(s.requestId)).map((s) => s.key)).toEqual([]);

    // Most of the valid calls did their work (so the services' own scoping checks were exercised).
    const succeeded = sent.filter((s) => !s.key.endsWith('(forged body)') && s.status < 400).map((s) => s.key);
    expect(succeeded).toEqual(
      expect.arrayContaining([
        'POST /prisoners',
        'POST /allocations',
        'POST /allocations/bulk',
        'POST /prisoners/:id/unavailability',
        'POST /sessions/:id/cancel',
        'POST /app/planner/sessions/:id/allocations',
        'POST /app/planner/sessions/:id/lock',
        'POST /app/attendance/:id',
        'POST /app/planner/drafts',
        'GET /prisoners',
        'GET /app/planner',
        'GET /app/dashboard',
      ]),
    );
  });

  it('POST /sessions/{Oslo session}/cancel?prisonId={Bergen}: the Oslo manager sees the cancellation, the Bergen manager does not', async () => {
    const { ids } = await osloData();
    await caller.post(`/sessions/${ids.sessions}/cancel?prisonId=${bergen.prison.id}`).send({ reason: 'STAFF_TRAINING' }).expect(200);
    const mine = await osloManager.get('/audit?action=session.cancel').expect(200);
    expect(mine.body.items.filter((e: { subjectId: string }) => e.subjectId === ids.sessions)).toEqual([
      expect.objectContaining({ action: 'session.cancel', prisonId: oslo.prison.id, username: caller.username, outcome: 'SUCCESS' }),
    ]);
    const theirs = await bergenManager.get('/audit?action=session.cancel').expect(200);
    expect(theirs.body.items.filter((e: { subjectId: string }) => e.subjectId === ids.sessions)).toEqual([]);

    // Nor can a made-up prison hide it from the Oslo manager.
    const { ids: again } = await osloData();
    await caller.post(`/sessions/${again.sessions}/cancel?prisonId=nope`).send({ reason: 'STAFF_TRAINING' }).expect(200);
    const seen = await osloManager.get('/audit?action=session.cancel').expect(200);
    expect(seen.body.items.map((e: { subjectId: string }) => e.subjectId)).toContain(again.sessions);
  });

  it('a prison chosen in the query or the form counts only if the user may see it', async () => {
    await osloData();
    const requests: Array<[string, () => ReturnType<SignedIn['get']>]> = [
      ['GET /prisoners', () => caller.get(`/prisoners?prisonId=${bergen.prison.id}`)],
      ['GET /app/planner', () => caller.get(`/app/planner?prisonId=${bergen.prison.id}`)],
      ['GET /app/dashboard', () => caller.get(`/app/dashboard?prisonId=${bergen.prison.id}`)],
      ['GET /app/unlock', () => caller.get(`/app/unlock?prisonId=${bergen.prison.id}`)],
      ['POST /app/planner/drafts', () => caller.post('/app/planner/drafts').send({ prisonId: bergen.prison.id, week: '2026-W49' })],
      ['GET /prisons/:prisonId/prisoners', () => caller.get(`/prisons/${bergen.prison.id}/prisoners`)],
    ];
    const sent: string[] = [];
    for (const [, send] of requests) {
      const requestId = `aud-${randomUUID()}`;
      await send().set('x-request-id', requestId).expect(404);
      sent.push(requestId);
    }
    const rows = await t.dataSource.query<Array<{ prisonId: string | null; outcome: string }>>(
      `SELECT prison_id AS "prisonId", outcome FROM audit_event WHERE request_id = ANY($1)`,
      [sent],
    );
    expect(rows).toHaveLength(requests.length);
    expect(rows.every((r) => r.prisonId !== bergen.prison.id && r.outcome === 'DENIED')).toBe(true);
    const bergenSees = await visibleRequestIds(bergenManager);
    expect(sent.filter((id) => bergenSees.has(id))).toEqual([]);
  });
});
