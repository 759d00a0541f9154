import request from 'supertest';
import { DayPeriod } from '../../src/activities/activity.enums';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { createActivity } from '../factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from '../factories/allocation.factory';
import { bookOnSession, createAttendanceSession } from '../factories/attendance.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { createStaffMember } from '../factories/staff.factory';
import { signIn, SignedIn } from './auth';
import { countRows, TestApp } from './test-app';

// Ids inside request bodies and query strings (issue 11): for every route that takes one, an Oslo user
// sends a Bergen id and must get exactly the answer a missing id gets, with nothing written; then the
// same request with an Oslo id must work (so the case tests the field, not some other mistake).

const { OFFICER: O, MANAGER: M, NATIONAL_ADMIN: A } = Role;

/** Every Bergen name carries it: a refused answer must not contain it. */
export const FOREIGN_MARK = 'Bergen';

export interface World {
  oslo: { prisonId: string; unitId: string };
  bergen: { prisonId: string; unitId: string };
  /** P1 is booked on today's session; P2 and P3 are free. All held at Oslo. */
  p1: string;
  p2: string;
  p3: string;
  bergenPrisoner: string;
  osloActivity: { id: string; name: string };
  bergenActivity: { id: string; name: string };
  /** Tuesday 24 Nov, AM, of the Oslo activity (the planner's session page). */
  osloSession: string;
  /** Today's Oslo session with P1 booked (attendance). */
  todaySession: string;
  osloStaff: string;
  bergenStaff: string;
  /** A plan draft of Oslo, week 48 (made by a case's setup). */
  draftId?: string;
  /** The database, for cases whose setup needs more than the API offers. */
  ds: DataSource;
  /** Set by prepareMove: another Oslo session on Tuesday morning, and Bergen's Tuesday morning session. */
  moveTo?: string;
  bergenSession?: string;
  /** An Oslo user of the role (national administrators: every prison), signed in once. */
  user(role: Role): Promise<SignedIn>;
  bergenOfficer(): Promise<SignedIn>;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const ds = t.dataSource;
  const oslo = await createPrisonWithUnit(ds, { name: 'Oslo fengsel' }, { name: 'Oslo avdeling A' });
  const bergen = await createPrisonWithUnit(ds, { name: `${FOREIGN_MARK} fengsel` }, { name: `${FOREIGN_MARK} avdeling` });
  const atOslo = { prisonId: oslo.prison.id, unitId: oslo.unit.id };
  const [p1, p2, p3] = [
    await createHeldPrisoner(ds, atOslo, { lastName: 'Ahmed' }),
    await createHeldPrisoner(ds, atOslo, { lastName: 'Olsen' }),
    await createHeldPrisoner(ds, atOslo, { lastName: 'Hansen' }),
  ];
  const bergenPrisoner = await createHeldPrisoner(
    ds,
    { prisonId: bergen.prison.id, unitId: bergen.unit.id },
    { firstName: FOREIGN_MARK, lastName: `${FOREIGN_MARK}sen` },
  );
  const osloStaff = await createStaffMember(ds, { prisonIds: [oslo.prison.id], lastName: 'Oslosen' });
  const bergenStaff = await createStaffMember(ds, {
    prisonIds: [bergen.prison.id],
    firstName: FOREIGN_MARK,
    lastName: `${FOREIGN_MARK}stad`,
  });
  const osloActivity = await createActivity(ds, oslo.prison.id, { name: 'Oslo snekkerverksted' });
  const bergenActivity = await createActivity(ds, bergen.prison.id, { name: `${FOREIGN_MARK} sveiseverksted` });
  const osloSessions = await insertSessions(ds, osloActivity, WEEK_OF_23_NOV);
  await insertSessions(ds, bergenActivity, WEEK_OF_23_NOV);
  const today = await createAttendanceSession(ds, oslo.prison.id, { date: '2026-11-23' });
  await bookOnSession(ds, today, [p1.id]);
  const users = new Map<string, Promise<SignedIn>>();
  const once = (key: string, make: () => Promise<SignedIn>) =>
    users.get(key) ?? (users.set(key, make()), users.get(key) as Promise<SignedIn>);
  return {
    ds,
    oslo: atOslo,
    bergen: { prisonId: bergen.prison.id, unitId: bergen.unit.id },
    p1: p1.id,
    p2: p2.id,
    p3: p3.id,
    bergenPrisoner: bergenPrisoner.id,
    osloActivity,
    bergenActivity,
    osloSession: (osloSessions.find((s) => s.date === '2026-11-24' && s.period === 'AM') as { id: string }).id,
    todaySession: today.id,
    osloStaff: osloStaff.id,
    bergenStaff: bergenStaff.id,
    user: (role) => once(role, () => signIn(t, [role], role === A ? [] : [oslo.prison.id])),
    bergenOfficer: () => once('bergen', () => signIn(t, [O], [bergen.prison.id])),
  };
}

export interface ForeignIdCase {
  /** `METHOD /path` and where the id goes (`body.items[].activityId`), as the discovery names them. */
  route: string;
  at: string;
  /** Tells apart two cases of one field. */
  label?: string;
  /** The caller: an Oslo user of this role. */
  as: Role;
  /** Data the request needs beyond the world. */
  setup?: (w: World) => Promise<void>;
  /** The request with `id` in the field and Oslo values everywhere else. */
  send: (u: SignedIn, w: World, id: string) => request.Test;
  /** A Bergen id for the field; none for national administrators' routes (they see every prison). */
  foreign?: (w: World) => string | Promise<string>;
  /** A Bergen id is legitimate here (a transfer to another prison): it succeeds, a missing one does not. */
  foreignAllowed?: string;
  /** An Oslo id: the request succeeds. */
  own: (w: World) => string | Promise<string>;
  /** What a missing id answers: 404, or the route's own answer to an unknown id (a filter: 200 and nothing). */
  missing: number;
}

const form = (r: request.Test, body: Record<string, string>) => r.type('form').send(body);
const allocation = (prisonerId: string, activityId: string) => ({ prisonerId, activityId, startDate: '2026-11-24', pattern: 'ALL' });
const admission = (prisonId: string, unitId: string) => ({
  prisonerNumber: 'OSL-900',
  firstName: 'Nils',
  lastName: 'Ny',
  dateOfBirth: '1990-01-01',
  legalStatus: 'CONVICTED',
  nationality: 'NO',
  admission: { prisonId, unitId, fromDate: '2026-11-20' },
});
const newActivity = (staffMemberId: string) => ({
  kind: 'WORK',
  category: 'WOOD',
  name: 'Nytt verksted',
  capacity: 6,
  provider: 'CORRECTIONAL_SERVICE',
  securityLevels: ['HIGH'],
  slots: [{ weekday: 2, period: 'AM', staffMemberId }],
});
const transfer = (toPrisonId: string, toUnitId: string) => ({ kind: 'TRANSFER', date: '2026-11-24', toPrisonId, toUnitId });
// P3 goes to the Oslo activity from today, so the planner can take them off Tuesday's session.
async function allocateP3(w: World): Promise<void> {
  await (
    await w.user(O)
  )
    .post('/allocations')
    .send({ ...allocation(w.p3, w.osloActivity.id), startDate: '2026-11-23' })
    .expect(201);
}
// P3 is on Tuesday morning's Oslo session, which is cancelled; a second Oslo activity runs that morning.
async function prepareMove(w: World): Promise<void> {
  await allocateP3(w);
  await (await w.user(O)).post(`/sessions/${w.osloSession}/cancel`).send({ reason: 'STAFF_UNAVAILABLE' }).expect(200);
  const kitchen = await createActivity(w.ds, w.oslo.prisonId, { name: 'Oslo kjøkken' });
  w.moveTo = (await insertSessions(w.ds, kitchen, ['2026-11-24'], { periods: [DayPeriod.AM] }))[0].id;
  const [bergen] = await w.ds.query<Array<{ id: string }>>(
    `SELECT id FROM "session" WHERE activity_id = $1 AND date = '2026-11-24' AND period = 'AM'`,
    [w.bergenActivity.id],
  );
  w.bergenSession = bergen.id;
}
async function makeDraft(w: World): Promise<void> {
  w.draftId = (await (await w.user(O)).post(`/prisons/${w.oslo.prisonId}/weeks/2026-W48/plan-drafts`).expect(201)).body.id;
}
async function makeAppliedDraft(w: World): Promise<void> {
  await makeDraft(w);
  await (await w.user(O)).post(`/prisons/${w.oslo.prisonId}/weeks/2026-W48/plan-drafts/${w.draftId}/apply`).expect(200);
}
// Audit events to filter on: my own read of P1 (Oslo), and a Bergen officer's read of a Bergen prisoner.
async function auditTrail(w: World): Promise<void> {
  await (await w.user(M)).get(`/prisoners/${w.p1}`).expect(200);
  await (await w.bergenOfficer()).get(`/prisoners/${w.bergenPrisoner}`).expect(200);
}

export const FOREIGN_ID_CASES: ForeignIdCase[] = [
  // Reads with an id filter.
  {
    route: 'GET /activities',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/activities?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /staff',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/staff?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /prisoners',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/prisoners?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /prisoners',
    at: 'query.unitId',
    as: O,
    send: (u, _w, id) => u.get(`/prisoners?unitId=${id}`),
    foreign: (w) => w.bergen.unitId,
    own: (w) => w.oslo.unitId,
    missing: 200,
  },
  {
    route: 'GET /prisons/:prisonId/prisoners',
    at: 'query.unitId',
    as: O,
    send: (u, w, id) => u.get(`/prisons/${w.oslo.prisonId}/prisoners?unitId=${id}`),
    foreign: (w) => w.bergen.unitId,
    own: (w) => w.oslo.unitId,
    missing: 200,
  },
  {
    route: 'GET /prisons/:prisonId/sessions',
    at: 'query.activityId',
    as: O,
    send: (u, w, id) => u.get(`/prisons/${w.oslo.prisonId}/sessions?from=2026-11-23&to=2026-11-29&activityId=${id}`),
    foreign: (w) => w.bergenActivity.id,
    own: (w) => w.osloActivity.id,
    missing: 200,
  },
  {
    route: 'GET /activities/:id/suitability',
    at: 'query.prisonerId',
    as: O,
    send: (u, w, id) => u.get(`/activities/${w.osloActivity.id}/suitability?prisonerId=${id}&startDate=2026-11-24`),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  // Aggregates: officers see only their own prison's (managers any prison's: not personal data).
  {
    route: 'GET /activity-rate',
    at: 'query.id',
    label: 'prison',
    as: O,
    send: (u, _w, id) => u.get(`/activity-rate?scope=prison&id=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /activity-rate',
    at: 'query.id',
    label: 'unit',
    as: O,
    send: (u, _w, id) => u.get(`/activity-rate?scope=unit&id=${id}`),
    foreign: (w) => w.bergen.unitId,
    own: (w) => w.oslo.unitId,
    missing: 404,
  },
  {
    route: 'GET /audit',
    at: 'query.prisonId',
    as: M,
    send: (u, _w, id) => u.get(`/audit?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /audit',
    at: 'query.prisonerId',
    as: M,
    setup: auditTrail,
    send: (u, _w, id) => u.get(`/audit?prisonerId=${id}`),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p1,
    missing: 200,
  },
  {
    route: 'GET /audit',
    at: 'query.userId',
    as: M,
    setup: auditTrail,
    send: (u, _w, id) => u.get(`/audit?userId=${id}`),
    foreign: async (w) => (await w.bergenOfficer()).userId,
    own: async (w) => (await w.user(M)).userId,
    missing: 200,
  },

  // Writes.
  {
    route: 'POST /prisoners/:id/certificates',
    at: 'body.activityId',
    as: O,
    send: (u, w, id) => u.post(`/prisoners/${w.p1}/certificates`).send({ title: 'Fagbrev', issuedOn: '2026-11-20', activityId: id }),
    foreign: (w) => w.bergenActivity.id,
    own: (w) => w.osloActivity.id,
    missing: 404,
  },
  {
    route: 'POST /allocations',
    at: 'body.activityId',
    as: O,
    send: (u, w, id) => u.post('/allocations').send(allocation(w.p2, id)),
    foreign: (w) => w.bergenActivity.id,
    own: (w) => w.osloActivity.id,
    missing: 404,
  },
  {
    route: 'POST /allocations',
    at: 'body.prisonerId',
    as: O,
    send: (u, w, id) => u.post('/allocations').send(allocation(id, w.osloActivity.id)),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'POST /allocations/bulk',
    at: 'body.items[].activityId',
    as: O,
    send: (u, w, id) => u.post('/allocations/bulk').send({ items: [allocation(w.p3, w.osloActivity.id), allocation(w.p2, id)] }),
    foreign: (w) => w.bergenActivity.id,
    own: (w) => w.osloActivity.id,
    missing: 404,
  },
  {
    route: 'POST /allocations/bulk',
    at: 'body.items[].prisonerId',
    as: O,
    send: (u, w, id) =>
      u.post('/allocations/bulk').send({ items: [allocation(w.p3, w.osloActivity.id), allocation(id, w.osloActivity.id)] }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'POST /activities/:id/referrals',
    at: 'body.prisonerId',
    as: O,
    send: (u, w, id) => u.post(`/activities/${w.osloActivity.id}/referrals`).send({ prisonerId: id, requestedBy: 'OFFICER' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'POST /prisoners/:id/non-associations',
    at: 'body.otherPrisonerId',
    as: M,
    send: (u, w, id) => u.post(`/prisoners/${w.p1}/non-associations`).send({ otherPrisonerId: id, reason: 'Konflikt på avdelingen' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'PUT /sessions/:id/attendance',
    at: 'body.records[].prisonerId',
    as: O,
    send: (u, w, id) => u.put(`/sessions/${w.todaySession}/attendance`).send({ records: [{ prisonerId: id, outcome: 'ATTENDED' }] }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p1,
    missing: 422,
  },
  {
    route: 'POST /prisons/:prisonId/activities',
    at: 'body.slots[].staffMemberId',
    as: O,
    send: (u, w, id) => u.post(`/prisons/${w.oslo.prisonId}/activities`).send(newActivity(id)),
    foreign: (w) => w.bergenStaff,
    own: (w) => w.osloStaff,
    missing: 400,
  },
  {
    route: 'PUT /activities/:id/slots',
    at: 'body.slots[].staffMemberId',
    as: O,
    send: (u, w, id) => u.put(`/activities/${w.osloActivity.id}/slots`).send({ slots: [{ weekday: 2, period: 'AM', staffMemberId: id }] }),
    foreign: (w) => w.bergenStaff,
    own: (w) => w.osloStaff,
    missing: 400,
  },
  {
    route: 'POST /prisoners',
    at: 'body.admission.prisonId',
    as: M,
    send: (u, w, id) => u.post('/prisoners').send(admission(id, w.oslo.unitId)),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  // A unit is organisation data: one of another prison answers as a unit missing from mine does (422).
  {
    route: 'POST /prisoners',
    at: 'body.admission.unitId',
    as: M,
    send: (u, w, id) => u.post('/prisoners').send(admission(w.oslo.prisonId, id)),
    foreign: (w) => w.bergen.unitId,
    own: (w) => w.oslo.unitId,
    missing: 422,
  },
  {
    route: 'POST /prisoners/:id/moves',
    at: 'body.toPrisonId',
    as: M,
    send: (u, w, id) => u.post(`/prisoners/${w.p2}/moves`).send(transfer(id, w.bergen.unitId)),
    foreign: (w) => w.bergen.prisonId,
    foreignAllowed: 'the holding prison transfers its prisoner to another prison; prisons and units are public',
    own: (w) => w.bergen.prisonId,
    missing: 422,
  },
  {
    route: 'POST /prisoners/:id/moves',
    at: 'body.toUnitId',
    as: M,
    send: (u, w, id) => u.post(`/prisoners/${w.p2}/moves`).send(transfer(w.bergen.prisonId, id)),
    foreign: (w) => w.bergen.unitId,
    foreignAllowed: 'the receiving unit belongs to the receiving prison',
    own: (w) => w.bergen.unitId,
    missing: 422,
  },
  // National administrators see every prison: only a missing id can be wrong.
  {
    route: 'POST /users',
    at: 'body.staffMemberId',
    as: A,
    send: (u, _w, id) =>
      u.post('/users').send({ username: 'ny.bruker', password: 'a-long-enough-password', roles: ['OFFICER'], staffMemberId: id }),
    own: (w) => w.osloStaff,
    missing: 404,
  },
  // Organisation administration (national administrators).
  {
    route: 'POST /prisons',
    at: 'body.regionId',
    as: A,
    send: (u, _w, id) => u.post('/prisons').send({ code: 'NYTT', name: 'Nytt fengsel', regionId: id, securityLevel: 'LOW', capacity: 10 }),
    own: async (w) => (await (await w.user(A)).get(`/prisons/${w.oslo.prisonId}`)).body.regionId,
    missing: 404,
  },
  {
    route: 'PATCH /prisons/:id',
    at: 'body.regionId',
    as: A,
    send: (u, w, id) => u.patch(`/prisons/${w.oslo.prisonId}`).send({ regionId: id }),
    own: async (w) => (await (await w.user(A)).get(`/prisons/${w.bergen.prisonId}`)).body.regionId,
    missing: 404,
  },
  {
    route: 'POST /staff',
    at: 'body.prisonIds',
    as: A,
    send: (u, _w, id) =>
      u.post('/staff').send({ firstName: 'Ny', lastName: 'Ansatt', roles: ['TEACHER'], employer: 'MUNICIPALITY', prisonIds: [id] }),
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'PATCH /staff/:id',
    at: 'body.prisonIds',
    as: A,
    send: (u, w, id) => u.patch(`/staff/${w.osloStaff}`).send({ prisonIds: [id] }),
    own: (w) => w.bergen.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/admin/prisons',
    at: 'body.regionId',
    as: A,
    send: (u, _w, id) =>
      form(u.post('/app/admin/prisons'), {
        code: 'NYTT',
        name: 'Nytt fengsel',
        regionId: id,
        securityLevel: 'LOW',
        capacity: '10',
        amStart: '08:00',
        amEnd: '11:30',
        pmStart: '12:00',
        pmEnd: '15:00',
      }),
    own: async (w) => (await (await w.user(A)).get(`/prisons/${w.oslo.prisonId}`)).body.regionId,
    missing: 404,
  },
  {
    route: 'POST /app/admin/prisons/:id',
    at: 'body.regionId',
    as: A,
    send: (u, w, id) =>
      form(u.post(`/app/admin/prisons/${w.oslo.prisonId}`), {
        code: 'OSLX',
        name: 'Oslo fengsel',
        regionId: id,
        securityLevel: 'HIGH',
        capacity: '100',
        amStart: '08:00',
        amEnd: '11:30',
        pmStart: '12:00',
        pmEnd: '15:00',
      }),
    own: async (w) => (await (await w.user(A)).get(`/prisons/${w.bergen.prisonId}`)).body.regionId,
    missing: 404,
  },
  {
    route: 'POST /app/admin/staff',
    at: 'body.prisonIds',
    as: A,
    send: (u, _w, id) =>
      form(u.post('/app/admin/staff'), { firstName: 'Ny', lastName: 'Ansatt', roles: 'TEACHER', employer: 'MUNICIPALITY', prisonIds: id }),
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/admin/users',
    at: 'body.staffMemberId',
    as: A,
    send: (u, _w, id) =>
      form(u.post('/app/admin/users'), { username: 'ny.bruker', password: 'a-long-enough-password', roles: 'OFFICER', staffMemberId: id }),
    own: (w) => w.osloStaff,
    missing: 404,
  },
  {
    route: 'POST /activity-rate/rebuild',
    at: 'body.prisonId',
    as: A,
    send: (u, _w, id) => u.post('/activity-rate/rebuild').send({ from: '2026-11-02', to: '2026-11-20', prisonId: id }),
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },

  // Web pages (bearer token: no CSRF token needed).
  {
    route: 'GET /app/planner',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/planner?prisonId=${id}&week=2026-W48`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/planner/print',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/planner/print?prisonId=${id}&date=2026-11-24`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/planner/half-day',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/planner/half-day?prisonId=${id}&date=2026-11-24&period=AM`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/unlock',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/unlock?prisonId=${id}&date=2026-11-24&period=AM`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/attendance',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/attendance?prisonId=${id}&date=2026-11-23`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/dashboard',
    at: 'query.prisonId',
    as: M,
    send: (u, _w, id) => u.get(`/app/dashboard?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/planner/sessions/:id/check',
    at: 'body.prisonerId',
    as: O,
    send: (u, w, id) => form(u.post(`/app/planner/sessions/${w.osloSession}/check`), { prisonerId: id, pattern: 'ONCE' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'POST /app/planner/sessions/:id/allocations',
    at: 'body.prisonerId',
    as: O,
    send: (u, w, id) => form(u.post(`/app/planner/sessions/${w.osloSession}/allocations`), { prisonerId: id, pattern: 'ONCE' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p2,
    missing: 404,
  },
  {
    route: 'POST /app/planner/sessions/:id/remove',
    at: 'body.prisonerId',
    as: O,
    setup: allocateP3,
    send: (u, w, id) => form(u.post(`/app/planner/sessions/${w.osloSession}/remove`), { prisonerId: id, reason: 'WITHDRAWN_BY_STAFF' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p3,
    missing: 404,
  },
  {
    route: 'POST /app/planner/sessions/:id/lock',
    at: 'body.prisonerId',
    as: O,
    setup: allocateP3,
    send: (u, w, id) => form(u.post(`/app/planner/sessions/${w.osloSession}/lock`), { prisonerId: id, locked: 'true' }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p3,
    missing: 404,
  },
  {
    route: 'GET /app/import',
    at: 'query.prisonId',
    as: M,
    send: (u, _w, id) => u.get(`/app/import?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/import',
    at: 'body.prisonId',
    as: M,
    send: (u, _w, id) => form(u.post('/app/import'), { prisonId: id, format: 'CSV', content: 'prisonerNumber\r\n' }),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /sessions/:id/moves',
    at: 'body.prisonerId',
    as: O,
    setup: prepareMove,
    send: (u, w, id) => u.post(`/sessions/${w.osloSession}/moves`).send({ prisonerId: id, toSessionId: w.moveTo }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p3,
    missing: 404,
  },
  {
    route: 'POST /sessions/:id/moves',
    at: 'body.toSessionId',
    as: O,
    setup: prepareMove,
    send: (u, w, id) => u.post(`/sessions/${w.osloSession}/moves`).send({ prisonerId: w.p3, toSessionId: id }),
    foreign: (w) => w.bergenSession as string,
    own: (w) => w.moveTo as string,
    missing: 404,
  },
  {
    route: 'GET /app/sessions',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/sessions?prisonId=${id}&date=2026-11-24`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/prisoners',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/prisoners?prisonId=${id}&search=Ahmed`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/referrals',
    at: 'query.prisonId',
    as: O,
    send: (u, _w, id) => u.get(`/app/referrals?prisonId=${id}`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/referrals',
    at: 'query.activityId',
    as: O,
    send: (u, w, id) => u.get(`/app/referrals?prisonId=${w.oslo.prisonId}&activityId=${id}`),
    foreign: (w) => w.bergenActivity.id,
    own: (w) => w.osloActivity.id,
    missing: 404,
  },
  {
    route: 'POST /app/sessions/:id/move',
    at: 'body.prisonerId',
    as: O,
    setup: prepareMove,
    send: (u, w, id) => form(u.post(`/app/sessions/${w.osloSession}/move`), { prisonerId: id, toSessionId: w.moveTo as string }),
    foreign: (w) => w.bergenPrisoner,
    own: (w) => w.p3,
    missing: 404,
  },
  {
    route: 'POST /app/sessions/:id/move',
    at: 'body.toSessionId',
    as: O,
    setup: prepareMove,
    send: (u, w, id) => form(u.post(`/app/sessions/${w.osloSession}/move`), { prisonerId: w.p3, toSessionId: id }),
    foreign: (w) => w.bergenSession as string,
    own: (w) => w.moveTo as string,
    missing: 404,
  },
  {
    route: 'POST /app/planner/drafts',
    at: 'body.prisonId',
    as: O,
    send: (u, _w, id) => form(u.post('/app/planner/drafts'), { prisonId: id, week: '2026-W48' }),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'GET /app/planner/drafts/:id',
    at: 'query.prisonId',
    as: O,
    setup: makeDraft,
    send: (u, w, id) => u.get(`/app/planner/drafts/${w.draftId}?prisonId=${id}&week=2026-W48`),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/planner/drafts/:id/apply',
    at: 'body.prisonId',
    as: O,
    setup: makeDraft,
    send: (u, w, id) => form(u.post(`/app/planner/drafts/${w.draftId}/apply`), { prisonId: id, week: '2026-W48' }),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
  {
    route: 'POST /app/planner/drafts/:id/undo',
    at: 'body.prisonId',
    as: O,
    setup: makeAppliedDraft,
    send: (u, w, id) => form(u.post(`/app/planner/drafts/${w.draftId}/undo`), { prisonId: id, week: '2026-W48' }),
    foreign: (w) => w.bergen.prisonId,
    own: (w) => w.oslo.prisonId,
    missing: 404,
  },
];

/** Id fields that are not scoped to the caller's prisons, and why. */
export const NOT_SCOPED: Record<string, string> = {
  'GET /prisons query.regionId': 'regions and prisons are public organisation data: every signed-in user lists them',
  'GET /path-to-target/coming-weeks query.id':
    'aggregated planned figures, no personal data: managers and national administrators see any region or prison, as with GET /activity-rate',
  'GET /path-to-target/weeks/:week/offer query.regionId': 'national administrators only, who see every prison',
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply body.activityIds':
    "a filter over the draft's own changes, not a row read or written: another prison's id matches none of them and reveals nothing (the same 422, nothing to apply, as an own id with no change)",
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply body.unitIds':
    "a filter over the draft's own changes, not a row read or written: another prison's id matches none of them and reveals nothing (the same 422, nothing to apply, as an own id with no change)",
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply-preview body.activityIds':
    "a filter over the draft's own changes, not a row read or written: another prison's id matches none of them and reveals nothing (the same 422, nothing to apply, as an own id with no change)",
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply-preview body.unitIds':
    "a filter over the draft's own changes, not a row read or written: another prison's id matches none of them and reveals nothing (the same 422, nothing to apply, as an own id with no change)",
  'POST /integration/custody-events body.eventId': "the record system's own id of the event (idempotency key), not an id of a stored row",
};

// Tables a refused request may still touch: the audit trail records the attempt; sign-in state.
const BOOKKEEPING = new Set(['audit_event', 'auth_session', 'login_throttle', 'typeorm_migrations']);

/** Row counts of every table but the bookkeeping ones. */
export async function rowsOutsideBookkeeping(ds: DataSource): Promise<Record<string, number>> {
  const tables = (await ds.query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`))
    .map((r) => r.tablename)
    .filter((name) => !BOOKKEEPING.has(name));
  return countRows(ds, tables);
}
