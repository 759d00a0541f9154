import { DayPeriod } from '../src/activities/activity.enums';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { Role } from '../src/auth/roles';
import { createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { bookPrisoner, ClassSession, createClass, createClassSession } from './factories/teaching.factory';
import { signIn, SignedIn } from './support/auth';
import { discoverRoutes, Route } from './support/routes';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// DOMAIN.md: a teacher sees attendance only as attended / absent — excused / absent — refused / not
// recorded; never court, lawyer, visit, health or leave, nor free text written by prison staff.
// Officers record the specific reasons and notes; the teacher then walks every route they can reach.

const TODAY = '2026-11-23'; // the test clock's Monday
const TOMORROW = '2026-11-24';
const WEEK = '2026-W48';

// Every stored reason that is not the teacher's word, as a code and as the pages' labels (nb and en).
const FORBIDDEN_CODES = [
  'SICK',
  'REFUSED',
  'COURT',
  'VISIT',
  'HEALTH_APPOINTMENT',
  'LAWYER',
  'OTHER_CLASH',
  'NOT_REQUIRED',
  'LEAVE',
  'EXCLUDED_FROM_COMPANY',
];
const FORBIDDEN_LABELS = [
  'Retten',
  'Helsetime',
  'Advokat',
  'Besøk',
  'Syk',
  'Permisjon',
  'Annen avtale',
  'Fritatt',
  'Court',
  'Health appointment',
  'Lawyer',
  'Other clash',
  'Sick',
];
// Keys of the staff's attendance line.
const FORBIDDEN_KEYS = ['absenceReason', 'absenceNote', 'suggestedReason', 'unavailabilityKind'];

// Free text written by prison staff (plain letters and digits, so no escaping hides them).
const NOTES = {
  court: 'Tingrettsmote sak 4471',
  health: 'Tannlegetime kl 0930',
  sick: 'Feber siden natt',
  lawyer: 'Forsvarer Hansen kommer',
  visit: 'Besok av mor',
  other: 'Brannovelse i blokk C',
  refused: 'Ville ikke ga ut',
  comment: 'Kommentar fra betjent 88',
  unavailability: 'Transport til Borgarting 77',
  cancellation: 'Laereren er syk med omgangssyke 55',
};

/** What in `body` a teacher must not see (empty when none). */
function leaks(body: string): string[] {
  const text = body.replace(/\r\n[ \t]/g, ''); // unfold ICS lines
  return [
    ...FORBIDDEN_CODES.filter((c) => new RegExp(`\\b${c}\\b`).test(text)),
    ...FORBIDDEN_LABELS.filter((l) => new RegExp(`(^|[^\\p{L}])${l}($|[^\\p{L}])`, 'u').test(text)),
    ...FORBIDDEN_KEYS.filter((k) => text.includes(k)),
    ...Object.values(NOTES).filter((n) => text.includes(n)),
  ];
}

interface Seen {
  key: string;
  url: string;
  status: number;
  leaks: string[];
}

describe('teachers see attendance only in the neutral vocabulary, on every route they reach', () => {
  let t: TestApp;
  let officer: SignedIn;
  let teacher: SignedIn;
  let prisonId: string;
  let classId: string;
  let session: ClassSession;
  let cancelled: ClassSession;
  const pid: Record<'court' | 'health' | 'sick' | 'lawyer' | 'visit' | 'other' | 'refused' | 'attended' | 'unrecorded', string> =
    {} as never;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    const ds = t.dataSource;
    const { prison, unit } = await createPrisonWithUnit(ds);
    prisonId = prison.id;
    officer = await signIn(t, [Role.OFFICER], [prisonId]);
    teacher = await signIn(t, [Role.TEACHER], [prisonId]);
    const norsk = await createClass(ds, prisonId, { name: 'Norsk for voksne', capacity: 20 });
    classId = norsk.id;
    session = await createClassSession(ds, norsk, { date: TODAY, staffMemberId: teacher.staffMemberId, capacity: 20 });
    cancelled = await createClassSession(ds, norsk, {
      date: TOMORROW,
      period: DayPeriod.PM,
      staffMemberId: teacher.staffMemberId,
      capacity: 20,
    });
    let n = 0;
    for (const key of Object.keys({
      court: 1,
      health: 1,
      sick: 1,
      lawyer: 1,
      visit: 1,
      other: 1,
      refused: 1,
      attended: 1,
      unrecorded: 1,
    }) as Array<keyof typeof pid>) {
      const p = await createHeldPrisoner(ds, { prisonId, unitId: unit.id }, { firstName: `Elev${++n}`, lastName: `Klasse${n}` });
      pid[key] = p.id;
      await bookPrisoner(ds, p.id, [session, cancelled]);
    }
    // Known unavailabilities in today's morning: the court case (recorded) and one not yet recorded.
    await createUnavailability(ds, pid.court, { kind: UnavailabilityKind.COURT, fromDate: TODAY, note: NOTES.unavailability });
    await createUnavailability(ds, pid.unrecorded, {
      kind: UnavailabilityKind.HEALTH_APPOINTMENT,
      fromDate: TODAY,
      period: DayPeriod.AM,
      note: NOTES.unavailability,
    });

    // The officer records the specific reasons, with notes and a comment, through the API.
    const absent = (prisonerId: string, absenceReason: string, absenceNote: string) => ({
      prisonerId,
      outcome: 'ABSENT',
      absenceReason,
      absenceNote,
      comment: NOTES.comment,
    });
    await officer
      .put(`/sessions/${session.id}/attendance`)
      .send({
        records: [
          absent(pid.court, 'COURT', NOTES.court),
          absent(pid.health, 'HEALTH_APPOINTMENT', NOTES.health),
          absent(pid.sick, 'SICK', NOTES.sick),
          absent(pid.lawyer, 'LAWYER', NOTES.lawyer),
          absent(pid.visit, 'VISIT', NOTES.visit),
          absent(pid.other, 'OTHER', NOTES.other),
          absent(pid.refused, 'REFUSED', NOTES.refused),
          { prisonerId: pid.attended, outcome: 'ATTENDED', comment: NOTES.comment },
        ],
      })
      .expect(200);
    await officer.post(`/sessions/${cancelled.id}/cancel`).send({ reason: 'STAFF_UNAVAILABLE', note: NOTES.cancellation }).expect(200);
  });
  afterAll(() => t.close());

  // Proof that the check can fail: the officer's view holds every forbidden thing the teacher's must not.
  it("finds the officer's detail in the officer's own view", async () => {
    const body = (await officer.get(`/sessions/${session.id}/attendance`).expect(200)).text;
    expect(leaks(body)).toEqual(
      expect.arrayContaining([
        'SICK',
        'REFUSED',
        'COURT',
        'VISIT',
        'HEALTH_APPOINTMENT',
        'LAWYER',
        'absenceReason',
        NOTES.court,
        NOTES.comment,
      ]),
    );
    const page = (await officer.get(`/app/attendance/${session.id}`).expect(200)).text;
    expect(page).toContain('<option value="COURT" selected>Retten</option>');
    expect((await officer.get(`/sessions/${cancelled.id}`).expect(200)).body.cancelled).toMatchObject({
      reason: 'STAFF_UNAVAILABLE',
      note: NOTES.cancellation,
    });
  });

  it('GET /sessions/{id}/attendance as the teacher: no COURT, no notes, only the vocabulary', async () => {
    const res = await teacher.get(`/sessions/${session.id}/attendance`).expect(200);
    expect(leaks(res.text)).toEqual([]);
    const byId = new Map<string, { status: string; suggestedStatus: string | null }>(
      res.body.entries.map((e: { prisonerId: string }) => [e.prisonerId, e]),
    );
    expect(Object.fromEntries(Object.entries(pid).map(([k, id]) => [k, byId.get(id)?.status]))).toEqual({
      court: 'ABSENT_EXCUSED',
      health: 'ABSENT_EXCUSED',
      sick: 'ABSENT_EXCUSED',
      lawyer: 'ABSENT_EXCUSED',
      visit: 'ABSENT_EXCUSED',
      other: 'ABSENT_EXCUSED',
      refused: 'ABSENT_REFUSED',
      attended: 'ATTENDED',
      unrecorded: 'NOT_RECORDED',
    });
    expect(byId.get(pid.unrecorded)?.suggestedStatus).toBe('ABSENT_EXCUSED');
    expect(Object.keys(res.body.entries[0]).sort()).toEqual(
      [
        'educationLevel',
        'educationRight',
        'firstName',
        'lastName',
        'prisonerId',
        'prisonerNumber',
        'status',
        'suggestedStatus',
        'unitName',
      ].sort(),
    );
    const cancelledRoster = (await teacher.get(`/sessions/${cancelled.id}/attendance`).expect(200)).body;
    expect(cancelledRoster).toMatchObject({ cancelled: true, cancellationReason: 'STAFF_UNAVAILABLE', cancellationNote: null });
  });

  it('the web attendance page offers the teacher only the vocabulary', async () => {
    const page = (await teacher.get(`/app/attendance/${session.id}`).expect(200)).text;
    expect(leaks(page)).toEqual([]);
    const options = [...page.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(options)).toEqual(new Set(['', 'ABSENT_EXCUSED', 'ABSENT_REFUSED']));
    expect(page).toContain('<option value="ABSENT_EXCUSED" selected>');
  });

  it('walks every route a teacher can reach and finds nothing outside the vocabulary', async () => {
    const seen: Seen[] = [];
    const check = async (key: string, url: string, res: { status: number; text: string; headers: Record<string, string> }) => {
      seen.push({ key, url, status: res.status, leaks: leaks(`${res.text ?? ''}\n${JSON.stringify(res.headers)}`) });
      // Follow a redirect within the pages (post/redirect/get) and check where it lands too.
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location?.startsWith('/app') && !location.startsWith('/app/login')) {
        const next = await teacher.get(location);
        seen.push({ key: `${key} → redirect`, url: location, status: next.status, leaks: leaks(next.text ?? '') });
      }
    };

    // The calendar feed: issued on the page and by the API (the last one stays valid for the walk).
    const issuedPage = await teacher.post('/app/teacher/calendar-feed').send({});
    await check('POST /app/teacher/calendar-feed', '/app/teacher/calendar-feed', issuedPage);
    const issued = await teacher.post('/me/calendar-feed').send({}).expect(201);
    await check('POST /me/calendar-feed', '/me/calendar-feed', issued);
    const token = /\/calendar-feeds\/([^/]+)\.ics$/.exec(issued.body.url)?.[1] as string;

    // Every id a route might take; a route answers for the ones that fit it.
    const ids = [session.id, cancelled.id, prisonId, classId, pid.court, teacher.userId, teacher.staffMemberId];
    const valuesOf = (param: string): string[] => (param === 'week' ? [WEEK] : param === 'token' ? [token] : ids);
    const urlsOf = (path: string): string[] => {
      const params = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      let urls = [path];
      for (const p of params) urls = urls.flatMap((u) => valuesOf(p).map((v) => u.replace(`:${p}`, v)));
      return urls;
    };
    const queries = (path: string) => [
      '',
      `?from=${TODAY}&to=${TOMORROW}`,
      `?date=${TOMORROW}`,
      `?week=${WEEK}`,
      ...(path.startsWith('/app') ? ['?lang=en', `?date=${TOMORROW}&lang=en`] : []),
    ];

    // Routes the walk does not call, and why. Everything else is called.
    const skipped: Record<string, string> = {
      'POST /auth/logout': 'ends the session; returns nothing',
      'POST /app/logout': 'ends the session; redirects to sign-in',
      'POST /auth/login': 'public; answers tokens only',
      'POST /auth/refresh': 'public; answers tokens only',
      'GET /app/login': 'public sign-in form',
      'POST /app/login': 'public sign-in form',
      'POST /app/teacher/calendar-feed': 'called above',
      'POST /me/calendar-feed': 'called above',
      'DELETE /me/calendar-feed': 'revokes the feed; called last',
      'POST /app/teacher/calendar-feed/revoke': 'revokes the feed; called last',
    };
    // Bodies for the writes a teacher may make: keep every record as the teacher sees it (so nothing
    // staff recorded is destroyed), and a form with a row error (the page is shown again).
    const asShown = [
      ...[pid.court, pid.health, pid.sick, pid.lawyer, pid.visit, pid.other].map((prisonerId) => ({
        prisonerId,
        status: 'ABSENT_EXCUSED',
      })),
      { prisonerId: pid.refused, status: 'ABSENT_REFUSED' },
      { prisonerId: pid.attended, status: 'ATTENDED' },
    ];
    const form = (outcomes: Record<string, string>, reasons: Record<string, string>) => ({
      action: 'save',
      ...Object.fromEntries(Object.entries(outcomes).map(([id, v]) => [`outcome.${id}`, v])),
      ...Object.fromEntries(Object.entries(reasons).map(([id, v]) => [`reason.${id}`, v])),
    });
    const bodies: Record<string, object[]> = {
      'PUT /sessions/:id/attendance': [
        {},
        { records: asShown },
        { records: [{ prisonerId: pid.court, outcome: 'ABSENT', absenceReason: 'COURT' }] },
      ],
      'POST /app/attendance/:id': [
        {},
        form({ [pid.court]: 'ABSENT', [pid.unrecorded]: 'ABSENT' }, { [pid.court]: 'ABSENT_EXCUSED' }),
        form(
          { [pid.court]: 'ABSENT', [pid.sick]: 'ABSENT', [pid.refused]: 'ABSENT' },
          { [pid.court]: 'ABSENT_EXCUSED', [pid.sick]: 'ABSENT_EXCUSED', [pid.refused]: 'ABSENT_REFUSED' },
        ),
      ],
    };

    const routes: Route[] = discoverRoutes(t).filter((r) => !r.path.startsWith('/api/docs'));
    const reachable: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (skipped[key]) continue;
      const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      route: for (const url of urlsOf(r.path)) {
        for (const q of method === 'get' ? queries(r.path) : ['']) {
          for (const body of method === 'get' ? [undefined] : (bodies[key] ?? [{}])) {
            const req = teacher[method](url + q);
            const res = body === undefined ? await req : await req.send(body);
            // The guard decides by role alone: one 403 means the route is not a teacher's.
            if (res.status === 403) break route;
            if (!reachable.includes(key)) reachable.push(key);
            await check(key, url + q, res);
          }
        }
      }
    }
    // The ICS feed again, after the writes, and the feed's revocation last.
    await check('GET /calendar-feeds/:token.ics', issued.body.url, await t.http().get(issued.body.url));
    await check('DELETE /me/calendar-feed', '/me/calendar-feed', await teacher.delete('/me/calendar-feed'));
    await check(
      'POST /app/teacher/calendar-feed/revoke',
      '/app/teacher/calendar-feed/revoke',
      await teacher.post('/app/teacher/calendar-feed/revoke').send({}),
    );

    const leaked = seen.filter((s) => s.leaks.length > 0).map((s) => `${s.key} (${s.url}, ${s.status}): ${s.leaks.join(', ')}`);
    expect(leaked).toEqual([]);

    // The walk really reached the teacher's data: these answered 2xx at least once.
    const ok = new Set(seen.filter((s) => s.status >= 200 && s.status < 300).map((s) => s.key));
    for (const key of [
      'GET /sessions/:id/attendance',
      'GET /sessions/:id/roster',
      'GET /sessions/:id/roster.csv',
      'GET /sessions/:id',
      'GET /prisons/:prisonId/sessions',
      'GET /me/sessions',
      'GET /calendar-feeds/:token.ics',
      'GET /app/attendance',
      'GET /app/attendance/:id',
      'GET /app/teacher',
      'GET /app/teacher/sessions/:id',
      'GET /app/teacher/sessions/:id/roster.csv',
      // Post/redirect/get: the link is made, then shown on the calendar page the redirect leads to.
      'POST /app/teacher/calendar-feed → redirect',
      'POST /app/attendance/:id → redirect',
    ]) {
      expect({ key, ok: ok.has(key) }).toEqual({ key, ok: true });
    }
    // The error page of the form (a row without a choice) was shown to the teacher and checked.
    expect(seen.some((s) => s.key === 'POST /app/attendance/:id' && s.status === 400 && s.url.endsWith(session.id))).toBe(true);
    expect(reachable).toEqual(
      expect.arrayContaining(['PUT /sessions/:id/attendance', 'POST /app/attendance/:id', 'GET /activities', 'GET /auth/me']),
    );

    // The teacher's writes kept every specific reason, note and comment the officer recorded.
    const stored = await t.dataSource.query<
      Array<{ prisoner_id: string; outcome: string; absence_reason: string | null; absence_note: string | null; comment: string }>
    >(`SELECT prisoner_id, outcome, absence_reason, absence_note, comment FROM attendance WHERE session_id = $1`, [session.id]);
    const row = (id: string) => stored.find((s) => s.prisoner_id === id);
    expect(row(pid.court)).toMatchObject({ outcome: 'ABSENT', absence_reason: 'COURT', absence_note: NOTES.court, comment: NOTES.comment });
    expect(row(pid.health)).toMatchObject({ absence_reason: 'HEALTH_APPOINTMENT', absence_note: NOTES.health });
    expect(row(pid.sick)).toMatchObject({ absence_reason: 'SICK', absence_note: NOTES.sick, comment: NOTES.comment });
    expect(row(pid.other)).toMatchObject({ absence_reason: 'OTHER', absence_note: NOTES.other });
    expect(row(pid.refused)).toMatchObject({ absence_reason: 'REFUSED', absence_note: NOTES.refused });
    expect(row(pid.attended)).toMatchObject({ outcome: 'ATTENDED', comment: NOTES.comment });
    expect(row(pid.unrecorded)).toBeUndefined();
  });

  it("maps a teacher's writes onto stored reasons without destroying the officer's", async () => {
    const url = `/sessions/${session.id}/attendance`;
    const reasonOf = async (id: string) =>
      (
        await t.dataSource.query(
          `SELECT outcome, absence_reason, absence_note, comment FROM attendance WHERE session_id = $1 AND prisoner_id = $2`,
          [session.id, id],
        )
      )[0];

    // Saving what the teacher sees changes nothing.
    const same = await teacher
      .put(url)
      .send({
        records: [
          { prisonerId: pid.court, status: 'ABSENT_EXCUSED' },
          { prisonerId: pid.attended, outcome: 'ATTENDED' },
        ],
      })
      .expect(200);
    expect(same.body).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
    expect(await reasonOf(pid.court)).toEqual({
      outcome: 'ABSENT',
      absence_reason: 'COURT',
      absence_note: NOTES.court,
      comment: NOTES.comment,
    });

    // "Excused" for a prisoner not yet recorded but known to be at a health appointment stores that reason.
    await teacher
      .put(url)
      .send({ records: [{ prisonerId: pid.unrecorded, status: 'ABSENT_EXCUSED' }] })
      .expect(200);
    expect(await reasonOf(pid.unrecorded)).toEqual({
      outcome: 'ABSENT',
      absence_reason: 'HEALTH_APPOINTMENT',
      absence_note: null,
      comment: '',
    });

    // What the teacher saw happen wins over the officer's record; the officer's comment is kept.
    await teacher
      .put(url)
      .send({ records: [{ prisonerId: pid.sick, status: 'ATTENDED' }] })
      .expect(200);
    expect(await reasonOf(pid.sick)).toEqual({ outcome: 'ATTENDED', absence_reason: null, absence_note: null, comment: NOTES.comment });

    // A teacher cannot write a specific reason, a note or a comment.
    for (const record of [
      { prisonerId: pid.visit, outcome: 'ABSENT', absenceReason: 'COURT' },
      { prisonerId: pid.visit, outcome: 'ABSENT', absenceReason: 'OTHER', absenceNote: 'x' },
      { prisonerId: pid.visit, outcome: 'ATTENDED', comment: 'x' },
      { prisonerId: pid.visit, status: 'ABSENT_REFUSED', comment: 'x' },
    ]) {
      const res = await teacher
        .put(url)
        .send({ records: [record] })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ index: 0, prisonerId: pid.visit })]);
    }
    expect(await reasonOf(pid.visit)).toMatchObject({ absence_reason: 'VISIT', absence_note: NOTES.visit });

    // The officer still sees every detail, including who changed what.
    const forOfficer = (await officer.get(url).expect(200)).body.entries as Array<{ prisonerId: string; absenceReason: string | null }>;
    expect(forOfficer.find((e) => e.prisonerId === pid.unrecorded)?.absenceReason).toBe('HEALTH_APPOINTMENT');
  });
});
