import { randomUUID } from 'node:crypto';
import { Role } from '../src/auth/roles';
import { DayPeriod } from '../src/activities/activity.enums';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { allocateWithBookings } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { concrete, discoverRoutes } from './support/routes';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

const TABLES = ['prisoner', 'custody_period'];

describe('bad input is rejected before anything is written', () => {
  let t: TestApp;
  let admin: SignedIn;
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    admin = await signInAdmin(t);
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    valid = {
      prisonerNumber: 'OSL-100',
      firstName: 'Ola',
      lastName: 'Nordmann',
      dateOfBirth: '1990-01-01',
      legalStatus: 'CONVICTED',
      nationality: 'NO',
      admission: { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-01' },
    };
  });

  const cases: Array<[string, (v: Record<string, unknown>) => Record<string, unknown>, string]> = [
    ['a number where a string belongs', (v) => ({ ...v, firstName: 42 }), 'firstName'],
    ['an unknown field', (v) => ({ ...v, isAdmin: true }), 'isAdmin'],
    ['an unknown enum value', (v) => ({ ...v, legalStatus: 'GUILTY' }), 'legalStatus'],
    ['an impossible date', (v) => ({ ...v, dateOfBirth: '1990-02-30' }), 'dateOfBirth'],
    ['a lower-case country code', (v) => ({ ...v, nationality: 'no' }), 'nationality'],
    ['an over-long name', (v) => ({ ...v, lastName: 'x'.repeat(101) }), 'lastName'],
    ['a missing nested object', (v) => ({ ...v, admission: undefined }), 'admission'],
    ['a bad nested id', (v) => ({ ...v, admission: { ...(v.admission as object), unitId: '1; DROP TABLE unit' } }), 'admission.unitId'],
    ['an unknown nested field', (v) => ({ ...v, admission: { ...(v.admission as object), bed: 3 } }), 'admission.bed'],
    ['a SQL fragment as prisoner number', (v) => ({ ...v, prisonerNumber: "x' OR 1=1 --" }), 'prisonerNumber'],
  ];

  it.each(cases)('%s → 400 naming the field, no rows written', async (_name, mutate, field) => {
    const before = await countRows(t.dataSource, TABLES);
    const res = await admin.post('/prisoners').send(mutate(valid)).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.message).toBe('Validation failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await countRows(t.dataSource, TABLES)).toEqual(before);
  });

  it.each([
    ['a NUL byte in a name', { firstName: 'Ola\u0000' }],
    [
      'a negative page in the body of a write',
      { admission: { prisonId: '00000000-0000-0000-0000-000000000000', unitId: -1, fromDate: '2026-11-01' } },
    ],
    ['an enormous number as a name', { lastName: 1e308 }],
    ['an array where an object belongs', { admission: [] }],
    ['nested SQL', { admission: { prisonId: "00000000-0000-0000-0000-000000000000' OR '1'='1", unitId: 'x', fromDate: '2026-11-01' } }],
  ])('hostile: %s → 4xx, nothing written', async (_name, patch) => {
    const before = await countRows(t.dataSource, TABLES);
    const res = await admin.post('/prisoners').send({ ...valid, ...patch });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.message).toBe('string');
    expect(await countRows(t.dataSource, TABLES)).toEqual(before);
  });

  it('a __proto__ key pollutes nothing', async () => {
    await admin
      .post('/prisoners')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({ ...valid, __proto__: { polluted: true } }).replace(
          '"prisonerNumber"',
          '"__proto__":{"polluted":true},"prisonerNumber"',
        ),
      );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts names in any script (unicode is not hostile)', async () => {
    const res = await admin
      .post('/prisoners')
      .send({ ...valid, firstName: 'Øyvind Ærø', lastName: 'عبد الله 李' })
      .expect(201);
    expect(res.body).toMatchObject({ firstName: 'Øyvind Ærø', lastName: 'عبد الله 李' });
  });

  it('accepts the valid body (so the cases above fail for their own reason)', async () => {
    await admin.post('/prisoners').send(valid).expect(201);
    expect(await countRows(t.dataSource, TABLES)).toEqual({ prisoner: 1, custody_period: 1 });
  });

  it('rejects malformed JSON and an oversized body with a clear 4xx', async () => {
    const malformed = await admin.post('/prisoners').set('content-type', 'application/json').send('{"firstName": ').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });
    const huge = await admin
      .post('/prisoners')
      .send({ ...valid, firstName: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.message).toBe('Request body is too large');
    expect(await countRows(t.dataSource, TABLES)).toEqual({ prisoner: 0, custody_period: 0 });
  });

  describe('deeply nested JSON', () => {
    // class-transformer walks a body recursively: a few thousand levels overflowed its stack (a 500 after a second or
    // more of blocked event loop), even on the sign-in route. The raw text is now refused past 32 levels.
    const nested = (levels: number, inner = '') => '['.repeat(levels) + inner + ']'.repeat(levels);
    const TOO_DEEP = { statusCode: 400, error: 'Bad Request', message: 'Request body nests more than 32 levels deep' };

    it('POST /auth/login with a 400 KB array nested 200,000 levels → 400, signed out', async () => {
      const body = `{"username":"a","password":"b","x":${nested(200_000)}}`;
      expect(body.length).toBeGreaterThan(400_000);
      const res = await t.http().post('/auth/login').set('content-type', 'application/json').send(body);
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: TOO_DEEP });
    });

    it('POST /prisoners (signed in) with objects nested 2,000 levels → 400, nothing written', async () => {
      const deep = '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000);
      const res = await admin.post('/prisoners').set('content-type', 'application/json').send(`{"prisonerNumber":"OSL-101","x":${deep}}`);
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: TOO_DEEP });
      expect(await countRows(t.dataSource, TABLES)).toEqual({ prisoner: 0, custody_period: 0 });
    });

    it('32 levels pass on to validation, 33 do not; brackets inside strings do not count', async () => {
      const at32 = await admin
        .post('/prisoners')
        .set('content-type', 'application/json')
        .send(`{"x":${nested(31)}}`)
        .expect(400);
      expect(at32.body.message).toBe('Validation failed');
      const at33 = await admin
        .post('/prisoners')
        .set('content-type', 'application/json')
        .send(`{"x":${nested(32)}}`)
        .expect(400);
      expect(at33.body).toEqual(TOO_DEEP);
      const quoted = await admin
        .post('/prisoners')
        .send({ ...valid, x: nested(100, '"\\"[') })
        .expect(400);
      expect(quoted.body.message).toBe('Validation failed');
    });

    it('a form post under /app with bracketed keys stays flat (extended: false) and never answers 500', async () => {
      const form = `username=a&password=b&${'x'}${'[a]'.repeat(5_000)}=1&y=${encodeURIComponent(nested(10_000))}`;
      const res = await t.http().post('/app/login').set('content-type', 'application/x-www-form-urlencoded').send(form);
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(500);
      const json = await t
        .http()
        .post('/app/login')
        .set('content-type', 'application/json')
        .send(`{"username":"a","x":${nested(5_000)}}`);
      expect(json.status).toBe(400);
    });
  });

  it.each([
    ['/prisons?page=0', 'page'],
    ['/prisons?pageSize=1000', 'pageSize'],
    ['/prisons?page=abc', 'page'],
    ['/prisons?page=-5', 'page'],
    ['/prisons?page=99999999999999999999', 'page'],
    ['/prisons?regionId=oslo', 'regionId'],
    ['/prisons?unknown=1', 'unknown'],
    ['/prisoners?onDate=23.11.2026', 'onDate'],
    ['/prisoners?legalStatus=convicted', 'legalStatus'],
    [`/prisoners?search=${'a'.repeat(101)}`, 'search'],
    ['/activities?kind=SPORT', 'kind'],
    ['/staff?role=JANITOR', 'role'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const res = await admin.get(url).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("the web attendance form keeps to the API's limits: an over-long note → a 400 page naming it, nothing stored", async () => {
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const activity = await createActivity(t.dataSource, prison.id);
    // The default test clock is 2026-11-23 10:00: the morning's session has ended.
    const [session] = await insertSessions(t.dataSource, activity, ['2026-11-23'], { periods: [DayPeriod.AM] });
    await allocateWithBookings(t.dataSource, {
      prisonerId: prisoner.id,
      activityId: activity.id,
      prisonId: prison.id,
      startDate: '2026-11-23',
      sessionIds: [session.id],
    });
    const post = (note: string) =>
      officer
        .post(`/app/attendance/${session.id}?lang=en`)
        .type('form')
        .send({ [`outcome.${prisoner.id}`]: 'ABSENT', [`reason.${prisoner.id}`]: 'OTHER', [`note.${prisoner.id}`]: note });
    const res = await post('x'.repeat(1001));
    expect({ status: res.status, type: res.type }).toEqual({ status: 400, type: 'text/html' });
    expect(res.text).toContain('absenceNote');
    expect(await countRows(t.dataSource, ['attendance', 'attendance_change'])).toEqual({ attendance: 0, attendance_change: 0 });
    // The longest note the API takes is stored (so the refusal above is for the length).
    expect((await post('x'.repeat(1000))).status).toBe(303);
    expect(await countRows(t.dataSource, ['attendance'])).toEqual({ attendance: 1 });
  });

  describe('weeks and dates outside 2000–2100', () => {
    // Year 9999 passed the format checks, then week and date arithmetic ran past year 9999 (luxon writes
    // +010000-01-02) and the request ended in a 500. Now a 400 names the parameter, on every route that takes one.
    let planner: SignedIn;
    let ids: { prison: string; prisoner: string };

    beforeEach(async () => {
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
      ids = { prison: prison.id, prisoner: prisoner.id };
      planner = await signIn(t, [Role.OFFICER, Role.MANAGER], [prison.id]);
    });

    const WEEK_ROUTES: Array<[string, (w: string) => string]> = [
      ['GET', (w) => `/prisons/${ids.prison}/weeks/${w}/plan`],
      ['GET', (w) => `/prisons/${ids.prison}/weeks/${w}/no-activity`],
      ['GET', (w) => `/prisons/${ids.prison}/weeks/${w}/plan.csv`],
      ['GET', (w) => `/prisoners/${ids.prisoner}/weeks/${w}`],
      ['GET', (w) => `/prisons/${ids.prison}/weeks/${w}/plan-drafts`],
      ['POST', (w) => `/prisons/${ids.prison}/weeks/${w}/plan-drafts`],
    ];

    it.each(['9999-W52', '2101-W01', '1999-W52'])('week %s → 400 naming week on every week route', async (week) => {
      for (const [method, url] of WEEK_ROUTES) {
        const res = await planner[method.toLowerCase() as 'get'](url(week));
        const route = `${method} ${url(':week')}`;
        expect({ route, status: res.status, details: res.body.details }).toEqual({
          route,
          status: 400,
          details: [{ field: 'week', messages: [expect.stringContaining(week)] }],
        });
      }
      expect(await countRows(t.dataSource, ['plan_draft'])).toEqual({ plan_draft: 0 });
    });

    it('the edges of the window are accepted: 2000-W01 and 2100-W52', async () => {
      for (const week of ['2000-W01', '2100-W52']) {
        await planner.get(`/prisons/${ids.prison}/weeks/${week}/plan`).expect(200);
        await planner.get(`/prisoners/${ids.prisoner}/weeks/${week}`).expect(200);
      }
    });

    // :prison and :prisoner stand for the scenario's ids.
    const at = (url: string) => url.replace(':prisoner', ids.prisoner).replace(':prison', ids.prison);

    it.each([
      ['/prisons/:prison/sessions?from=9999-12-25&to=9999-12-31', 'from'],
      ['/me/sessions?from=2026-11-23&to=9999-12-31', 'to'],
      ['/activity-rate?scope=PRISON&id=:prison&from=9999-01-01&to=9999-12-31', 'from'],
      ['/prisons/:prison/activity-rate/least-active?to=9999-12-31', 'to'],
      ['/prisoners/:prisoner/days?from=1899-12-01&to=1899-12-31', 'from'],
      ['/prisoners?onDate=9999-12-31', 'onDate'],
      ['/audit?from=9999-12-31', 'from'],
    ])('GET %s → 400 naming %s', async (url, field) => {
      const res = await (url.startsWith('/audit') ? admin : planner).get(at(url));
      expect({ status: res.status, fields: res.body.details?.map((d: { field: string }) => d.field) }).toEqual({
        status: 400,
        fields: expect.arrayContaining([field]),
      });
      expect(JSON.stringify(res.body.details)).toContain('between 2000-01-01 and 2100-12-31');
    });

    it.each<[string, string, Record<string, unknown>, string]>([
      ['an allocation starting in 9999', '/allocations', { startDate: '9999-12-31', pattern: 'ALL' }, 'startDate'],
      ['a release in 9999', '/prisoners/:prisoner/moves', { kind: 'RELEASE', date: '9999-12-31' }, 'date'],
      ['unavailability in 9999', '/prisoners/:prisoner/unavailability', { kind: 'COURT', fromDate: '9999-12-31' }, 'fromDate'],
      [
        'an arrival in 1999',
        '/prisoners',
        {
          admission: {
            prisonId: '00000000-0000-0000-0000-000000000000',
            unitId: '00000000-0000-0000-0000-000000000000',
            fromDate: '1999-12-31',
          },
        },
        'admission.fromDate',
      ],
      ['a date of birth in 1850', '/prisoners', { dateOfBirth: '1850-01-01' }, 'dateOfBirth'],
      ['a date of birth in 2101', '/prisoners', { dateOfBirth: '2101-01-01' }, 'dateOfBirth'],
    ])('POST with %s → 400 naming the field, nothing written', async (_name, url, patch, field) => {
      const before = await countRows(t.dataSource, [...TABLES, 'allocation', 'unavailability']);
      const rest = url === '/prisoners' ? valid : url === '/allocations' ? { prisonerId: ids.prisoner, activityId: randomUUID() } : {};
      const res = await admin.post(at(url)).send({ ...rest, ...patch });
      expect({ status: res.status, fields: res.body.details?.map((d: { field: string }) => d.field) }).toEqual({
        status: 400,
        fields: expect.arrayContaining([field]),
      });
      expect(await countRows(t.dataSource, [...TABLES, 'allocation', 'unavailability'])).toEqual(before);
    });

    it('a date of birth before 2000 is still a date of birth', async () => {
      await admin
        .post('/prisoners')
        .send({ ...valid, dateOfBirth: '1950-06-30' })
        .expect(201);
    });

    it.each([
      '/app/planner?week=9999-W52',
      '/app/planner?week=1999-W52',
      '/app/planner/print?date=9999-12-31',
      '/app/teacher?week=9999-W52',
      '/app/attendance?date=9999-12-31',
      '/app/dashboard?from=9999-01-01&to=9999-12-31',
    ])('page %s → a 400 page that says what is wrong', async (url) => {
      // In the page's language: Norwegian by default, English on request.
      const res = await planner.get(`${url}&prisonId=${ids.prison}&lang=en`);
      expect({ status: res.status, type: res.type }).toEqual({ status: 400, type: 'text/html' });
      expect(res.text).toMatch(/between 2000-01-01 and 2100-12-31|from 2000-W01 to 2100-W52/);
      const nb = await planner.get(`${url}&prisonId=${ids.prison}&lang=nb`);
      expect({ status: nb.status, type: nb.type }).toEqual({ status: 400, type: 'text/html' });
      expect(nb.text).toMatch(/mellom 2000-01-01 og 2100-12-31|fra 2000-W01 til 2100-W52/);
    });
  });

  it('never leaks SQL or stack traces in error bodies', async () => {
    const res = await admin.get('/prisoners?search=%27%3B%20SELECT%20pg_sleep(1)%3B--').expect(200);
    expect(res.body.total).toBe(0);
    const notFound = await admin.get('/nope').expect(404);
    expect(JSON.stringify(notFound.body)).not.toMatch(/at .*\.js|SELECT|stack/i);
  });

  describe('every API write route', () => {
    // Tables a rejected request may still touch: the audit trail records the attempt; sign-in state.
    const BOOKKEEPING = new Set(['audit_event', 'auth_session', 'login_throttle', 'typeorm_migrations']);
    const HOSTILE: Array<[string, unknown]> = [
      ['an unknown field with SQL in it', { unexpected: "x'); DROP TABLE prisoner; --" }],
      ['an array as the body', [{ id: 1 }]],
      ['a prototype-polluting body', JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}')],
      ['an array nested 2,000 levels deep', JSON.parse('['.repeat(2_000) + ']'.repeat(2_000))],
    ];

    async function rowsOutsideBookkeeping(): Promise<Record<string, number>> {
      const tables = (
        await t.dataSource.query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
      )
        .map((r) => r.tablename)
        .filter((name) => !BOOKKEEPING.has(name));
      return countRows(t.dataSource, tables);
    }

    it.each(HOSTILE)('%s → a 4xx with an error body, and nothing written', async (_name, body) => {
      // Sign-in routes and the web pages' forms (CSRF, redirects) have tests of their own; the caller's own
      // calendar feed (/me/calendar-feed) takes no input at all, so any body is simply not read.
      const writes = discoverRoutes(t).filter(
        (r) => r.method !== 'GET' && !['/auth/', '/app', '/me/'].some((prefix) => r.path.startsWith(prefix)),
      );
      expect(writes.length).toBeGreaterThanOrEqual(28);
      const before = await rowsOutsideBookkeeping();
      for (const r of writes) {
        const res = await admin[r.method.toLowerCase() as 'post'](concrete(r.path)).send(body as object);
        const route = `${r.method} ${r.path}`;
        expect({ route, clientError: res.status >= 400 && res.status < 500 }).toEqual({ route, clientError: true });
        expect({ route, statusCode: res.body.statusCode, hasMessage: typeof res.body.message === 'string' }).toEqual({
          route,
          statusCode: res.status,
          hasMessage: true,
        });
      }
      expect(await rowsOutsideBookkeeping()).toEqual(before);
    });
  });
});
