import { randomUUID } from 'node:crypto';
import { ALL_ROLES, Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { signIn, SignedIn } from './support/auth';
import {
  buildWorld,
  FOREIGN_ID_CASES,
  FOREIGN_MARK,
  ForeignIdCase,
  NOT_SCOPED,
  rowsOutsideBookkeeping,
  World,
} from './support/foreign-ids';
import { discoverIdFields, discoverIdInputs, discoverWebIdInputs } from './support/id-inputs';
import { answerOf, concrete, discoverRoutes, Route } from './support/routes';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

const { OFFICER: O, TEACHER: T, MANAGER: M, NATIONAL_ADMIN: A } = Role;
type Expect = 'PUBLIC' | Role[];

// The intended policy of every route. A route missing here (or a route gone) fails the first test,
// so no endpoint can be added without deciding who may use it.
const POLICY: Record<string, Expect> = {
  'GET /health': 'PUBLIC',
  'GET /': 'PUBLIC',
  'POST /auth/login': 'PUBLIC',
  'POST /auth/refresh': 'PUBLIC',
  'POST /auth/logout': ALL_ROLES.slice(),
  'GET /auth/me': ALL_ROLES.slice(),
  'GET /regions': ALL_ROLES.slice(),
  'GET /regions/:id': ALL_ROLES.slice(),
  'GET /prisons': ALL_ROLES.slice(),
  'GET /prisons/:id': ALL_ROLES.slice(),
  'GET /prisons/:id/units': ALL_ROLES.slice(),
  'GET /prisoners': [O, M, A],
  'GET /prisons/:prisonId/prisoners': [O, M, A],
  'GET /prisoners/:id': [O, M, A],
  'GET /prisoners/:id/custody-periods': [O, M, A],
  'POST /prisoners': [M, A],
  'POST /prisoners/:id/moves': [M, A],
  'GET /prisoners/:id/consents': [O, M, A],
  'POST /prisoners/:id/consents': [O, M, A],
  'POST /prisoners/:id/certificates': [O, M, A],
  'GET /prisoners/:id/qualifications-summary': [O, M, A],
  'GET /staff': [O, M, A],
  'GET /staff/:id': [O, M, A],
  'GET /activities': [O, T, M, A],
  'GET /activities/:id': [O, T, M, A],
  'POST /prisons/:prisonId/activities': [O, M, A],
  'PATCH /activities/:id': [O, M, A],
  'PUT /activities/:id/slots': [O, M, A],
  'GET /prisons/:prisonId/sessions': [O, T, M, A],
  'GET /sessions/:id': [O, T, M, A],
  'POST /sessions/:id/cancel': [O, M, A],
  'POST /sessions/:id/uncancel': [O, M, A],
  'POST /sessions/:id/moves': [O, M, A],
  'POST /prisoners/:id/unavailability': [O, M, A],
  'GET /prisoners/:id/unavailability': [O, M, A],
  'DELETE /unavailability/:id': [O, M, A],
  'POST /prisoners/:id/non-associations': [M, A],
  'GET /prisoners/:id/non-associations': [O, M, A],
  'POST /non-associations/:id/end': [M, A],
  'POST /activities/:id/referrals': [O, M, A],
  'GET /activities/:id/referrals': [O, M, A],
  'GET /prisoners/:id/referrals': [O, M, A],
  'POST /referrals/:id/approve': [O, M, A],
  'POST /referrals/:id/decline': [O, M, A],
  'POST /referrals/:id/withdraw': [O, M, A],
  'GET /activities/:id/suitability': [O, M, A],
  'POST /allocations': [O, M, A],
  'POST /allocations/bulk': [O, M, A],
  'GET /allocations/:id': [O, M, A],
  'POST /allocations/:id/end': [O, M, A],
  'PUT /allocations/:id/lock': [O, M, A],
  'DELETE /allocations/:id': [O, M, A],
  'GET /prisoners/:id/allocations': [O, M, A],
  'GET /activities/:id/allocations': [O, M, A],
  'GET /prisons/:prisonId/weeks/:week/plan': [O, M, A],
  'GET /prisons/:prisonId/weeks/:week/no-activity': [O, M, A],
  'POST /prisons/:prisonId/weeks/:week/plan-drafts': [O, M, A],
  'GET /prisons/:prisonId/weeks/:week/plan-drafts': [O, M, A],
  'GET /prisons/:prisonId/weeks/:week/plan-drafts/:id': [O, M, A],
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply': [O, M, A],
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/apply-preview': [O, M, A],
  'POST /prisons/:prisonId/weeks/:week/plan-drafts/:id/undo': [O, M, A],
  'GET /prisons/:prisonId/weeks/:week/plan.csv': [O, M, A],
  'GET /prisoners/:id/weeks/:week': [O, M, A],
  'GET /activity-rate': [O, M, A],
  'POST /activity-rate/rebuild': [A],
  'GET /prisons/:id/activity-rate/least-active': [M, A],
  'GET /path-to-target/coming-weeks': [M, A],
  'GET /path-to-target/prisons/:id/weeks/:week': [M, A],
  'GET /path-to-target/weeks/:week/offer': [A],
  'GET /prisoners/:id/days': [M, A],
  'GET /sessions/:id/attendance': [O, T, M, A],
  'PUT /sessions/:id/attendance': [O, T, M, A],
  'GET /prisons/:id/allowance': [O, M, A],
  'GET /me/sessions': ALL_ROLES.slice(),
  'GET /sessions/:id/roster': [O, T, M, A],
  'GET /sessions/:id/roster.csv': [O, T, M, A],
  'POST /me/calendar-feed': ALL_ROLES.slice(),
  'DELETE /me/calendar-feed': ALL_ROLES.slice(),
  // The one deliberate exception to sign-in: the secret token in the path is the credential (calendar apps cannot send a bearer token).
  'GET /calendar-feeds/:token.ics': 'PUBLIC',
  // Web pages (src/web, docs/web.md). Anonymous visitors are redirected to the sign-in page (see isWeb below).
  'GET /app': ALL_ROLES.slice(),
  'GET /app/login': 'PUBLIC',
  'POST /app/login': 'PUBLIC',
  'POST /app/logout': ALL_ROLES.slice(),
  'GET /app/planner': [O, M, A],
  'GET /app/planner/print': [O, M, A],
  'GET /app/planner/half-day': [O, M, A],
  'GET /app/unlock': [O, M, A],
  'GET /app/planner/sessions/:id': [O, M, A],
  'POST /app/planner/sessions/:id/check': [O, M, A],
  'POST /app/planner/sessions/:id/allocations': [O, M, A],
  'POST /app/planner/sessions/:id/remove': [O, M, A],
  'POST /app/planner/sessions/:id/lock': [O, M, A],
  'POST /app/planner/drafts': [O, M, A],
  'GET /app/planner/drafts/:id': [O, M, A],
  'POST /app/planner/drafts/:id/apply': [O, M, A],
  'POST /app/planner/drafts/:id/undo': [O, M, A],
  'GET /app/sessions': [O, M, A],
  'GET /app/sessions/:id': [O, M, A],
  'POST /app/sessions/:id/cancel': [O, M, A],
  'POST /app/sessions/:id/uncancel': [O, M, A],
  'POST /app/sessions/:id/move': [O, M, A],
  'GET /app/prisoners': [O, M, A],
  'GET /app/prisoners/:id': [O, M, A],
  'POST /app/prisoners/:id/unavailability': [O, M, A],
  'POST /app/prisoners/:id/unavailability/:entryId/end': [O, M, A],
  'GET /app/referrals': [O, M, A],
  'POST /app/referrals/activities/:activityId/referrals': [O, M, A],
  'POST /app/referrals/activities/:activityId/referrals/:id/approve': [O, M, A],
  'POST /app/referrals/activities/:activityId/referrals/:id/decline': [O, M, A],
  'POST /app/referrals/activities/:activityId/referrals/:id/allocate': [O, M, A],
  'GET /app/attendance': ALL_ROLES.slice(),
  'GET /app/attendance/:id': ALL_ROLES.slice(),
  'POST /app/attendance/:id': ALL_ROLES.slice(),
  'GET /app/teacher': [T, O, M],
  'GET /app/teacher/sessions/:id': [T, O, M],
  'GET /app/teacher/sessions/:id/roster.csv': [T, O, M],
  'GET /app/teacher/calendar': [T, O, M],
  'POST /app/teacher/calendar-feed': [T, O, M],
  'POST /app/teacher/calendar-feed/revoke': [T, O, M],
  'GET /app/dashboard': [M, A],
  'GET /app/dashboard/prisoners/:id': [M, A],
  'GET /audit': [M, A],
  'GET /users': [A],
  'POST /users': [A],
  'PATCH /users/:id': [A],
  // Organisation administration (src/org-admin): national administrators only.
  'POST /regions': [A],
  'PATCH /regions/:id': [A],
  'POST /prisons': [A],
  'PATCH /prisons/:id': [A],
  'POST /prisons/:id/units': [A],
  'PATCH /units/:id': [A],
  'POST /staff': [A],
  'PATCH /staff/:id': [A],
  'GET /app/admin': [A],
  'POST /app/admin/regions': [A],
  'POST /app/admin/regions/:id/active': [A],
  'GET /app/admin/prisons': [A],
  'POST /app/admin/prisons': [A],
  'GET /app/admin/prisons/:id': [A],
  'POST /app/admin/prisons/:id': [A],
  'POST /app/admin/prisons/:id/units': [A],
  'POST /app/admin/units/:id/active': [A],
  'GET /app/admin/staff': [A],
  'POST /app/admin/staff': [A],
  'POST /app/admin/staff/:id/active': [A],
  'GET /app/admin/users': [A],
  'POST /app/admin/users': [A],
  'POST /app/admin/users/:id/active': [A],
  'POST /prisons/:prisonId/population-import/dry-run': [M, A],
  'POST /prisons/:prisonId/population-import/apply': [M, A],
  'POST /prisons/:prisonId/activity-import/dry-run': [M, A],
  'POST /prisons/:prisonId/activity-import/apply': [M, A],
  'POST /integration-clients': [A],
  'POST /integration-clients/:id/token': [A],
  'POST /integration/custody-events': [Role.INTEGRATION],
  'GET /app/import': [M, A],
  'POST /app/import': [M, A],
  'GET /app/import/:id': [M, A],
  'POST /app/import/:id/apply': [M, A],
  // Any other address under /app: the pages' 404 page (after sign-in, as every page).
  'GET /app/*path': ALL_ROLES.slice(),
};

const isDocs = (r: Route) => r.path.startsWith('/api/docs');
// Web pages under /app answer "not signed in" with a redirect to the sign-in page instead of 401;
// the same guard, roles and 403 apply otherwise. API routes keep the plain 401 rule.
const isWeb = (r: Route) => r.path === '/app' || r.path.startsWith('/app/');
const toSignIn = (res: { status: number; headers: Record<string, string> }) =>
  res.status === 302 && String(res.headers.location).startsWith('/app/login');

describe('access policy of every route × every role', () => {
  let t: TestApp;
  let users: Partial<Record<Role, SignedIn>>;
  let integrationToken: string;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    const { prison } = await createPrisonWithUnit(t.dataSource);
    const admin = await signIn(t, [A]);
    users = {
      [O]: await signIn(t, [O], [prison.id]),
      [T]: await signIn(t, [T], [prison.id]),
      [M]: await signIn(t, [M], [prison.id]),
      [A]: admin,
    };
    // A prison record system signs in with an API token only (src/auth/integration-auth.service.ts).
    integrationToken = (await admin.post('/integration-clients').send({ username: 'matrix-client' }).expect(201)).body.token;
    // Sign-out last: it revokes the caller's session.
    routes = discoverRoutes(t).sort((a, b) => Number(a.path === '/auth/logout') - Number(b.path === '/auth/logout'));
  });
  afterAll(() => t.close());

  it('every application route has a decided policy, and every policy a route', () => {
    const found = routes.filter((r) => !isDocs(r)).map((r) => `${r.method} ${r.path}`);
    expect(found.slice().sort()).toEqual(Object.keys(POLICY).sort());
    expect(routes.some(isDocs)).toBe(true);
  });

  it('the API docs are public', async () => {
    for (const path of ['/api/docs', '/api/docs/openapi.json', '/api/docs-yaml']) {
      expect(routes.some((r) => r.path === path)).toBe(true);
      const res = await t.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('anonymous callers get 401 everywhere except the public routes', async () => {
    for (const r of routes.filter((x) => !isDocs(x))) {
      const res = await t.http()[r.method.toLowerCase() as 'get'](concrete(r.path)).send({});
      const expected = POLICY[`${r.method} ${r.path}`];
      if (expected === 'PUBLIC')
        expect({ route: `${r.method} ${r.path}`, status: res.status }).not.toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      else if (isWeb(r))
        expect({ route: `${r.method} ${r.path}`, toSignIn: toSignIn(res) }).toEqual({ route: `${r.method} ${r.path}`, toSignIn: true });
      else expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  it.each(ALL_ROLES.map((r) => [r]))('%s gets 403 outside its policy and is let through inside it', async (role) => {
    const user = users[role] as SignedIn;
    for (const r of routes.filter((x) => !isDocs(x))) {
      const key = `${r.method} ${r.path}`;
      const expected = POLICY[key];
      if (expected === 'PUBLIC') continue;
      const sent = await user[r.method.toLowerCase() as 'get'](concrete(r.path)).send({});
      // A web page's redirect to sign-in means "not signed in": the same as 401.
      const res = isWeb(r) && toSignIn(sent) ? { status: 401 } : sent;
      const allowed = expected.includes(role);
      // Allowed: the guard lets it through (the handler may still answer 400/404 for the made-up ids and empty bodies).
      expect({ key, status: allowed ? (res.status === 401 || res.status === 403 ? res.status : 'through') : res.status }).toEqual({
        key,
        status: allowed ? 'through' : 403,
      });
    }
  });

  it('INTEGRATION (an API token, not a person) gets 403 everywhere but the event endpoint', async () => {
    const bearer = `Bearer ${integrationToken}`;
    for (const r of routes.filter((x) => !isDocs(x))) {
      const key = `${r.method} ${r.path}`;
      const expected = POLICY[key];
      if (expected === 'PUBLIC') continue;
      const res = await t.http()[r.method.toLowerCase() as 'get'](concrete(r.path)).set('Authorization', bearer).send({});
      const allowed = expected.includes(Role.INTEGRATION);
      expect({ key, status: allowed ? (res.status === 401 || res.status === 403 ? res.status : 'through') : res.status }).toEqual({
        key,
        status: allowed ? 'through' : 403,
      });
    }
  });
});

// Issue 11: an id in a body or a query string is scoped like an id in the path. An Oslo user who sends a
// Bergen id gets exactly what a missing id gets (404, or the route's answer to an unknown id), and
// nothing is written; the same request with an Oslo id works.
describe('ids in bodies and query strings × another prison', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const key = (i: { route: string; at: string }) => `${i.route} ${i.at}`;

  it('every id field of every route has a case (found from the DTOs’ metadata and the pages’ form fields)', () => {
    const found = [...discoverIdInputs(t), ...discoverWebIdInputs()].map(key);
    const covered = new Set([...FOREIGN_ID_CASES.map(key), ...Object.keys(NOT_SCOPED)]);
    expect([...new Set(found)].sort()).toEqual([...covered].sort());
    // A DTO id field no route reaches would escape the list above.
    const reached = new Set(discoverIdInputs(t).map((i) => i.field));
    expect(discoverIdFields().filter((f) => !reached.has(f))).toEqual([]);
    // Each case is a route of the policy table above.
    expect(FOREIGN_ID_CASES.map((c) => c.route).filter((r) => !(r in POLICY))).toEqual([]);
  });

  // A case that writes (its control, or its setup) gets a fresh world; plain reads share one.
  let world: World | undefined;
  const readOnly = (c: ForeignIdCase) => c.route.startsWith('GET ') && !c.setup;

  it.each(FOREIGN_ID_CASES.map((c): [string, ForeignIdCase] => [`${key(c)}${c.label ? ` (${c.label})` : ''}`, c]))(
    '%s',
    async (_name, c) => {
      if (!world || !readOnly(c)) {
        await resetDatabase(t.dataSource);
        world = await buildWorld(t);
      }
      const w = world;
      if (!readOnly(c)) world = undefined;
      await c.setup?.(w);
      const user = await w.user(c.as);
      const foreignId = c.foreign ? await c.foreign(w) : undefined;
      const ownId = await c.own(w);
      const before = await rowsOutsideBookkeeping(t.dataSource);

      const missingId = randomUUID();
      const missing = answerOf(await c.send(user, w, missingId), missingId);
      expect(missing.status).toBe(c.missing);
      if (foreignId && !c.foreignAllowed) {
        const res = await c.send(user, w, foreignId);
        expect(answerOf(res, foreignId)).toEqual(missing);
        expect(res.text).not.toContain(FOREIGN_MARK);
      }
      expect(await rowsOutsideBookkeeping(t.dataSource)).toEqual(before);

      // The control: an id the caller may use works, and answers otherwise than a missing one.
      const used = foreignId && c.foreignAllowed ? foreignId : ownId;
      const ok = await c.send(user, w, used);
      expect({ status: ok.status, ok: ok.status < 400 }).toEqual({ status: ok.status, ok: true });
      expect(answerOf(ok, used)).not.toEqual(missing);
    },
  );
});
