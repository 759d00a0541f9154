import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { AllocationPatternKind } from '../src/allocations/allocation.enums';
import { Role } from '../src/auth/roles';
import { EducationLevel, EducationRight, LegalStatus } from '../src/prisoners/prisoner.enums';
import { CancellationReason } from '../src/sessions/session.enums';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { bookPrisoner, cancelClassSession, ClassSession, createClass, createClassSession } from './factories/teaching.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';
import { parseCsv, rawBody } from './support/csv';

// The clock is pinned to Monday 2026-11-23 10:00 (Oslo): "this week" is 2026-11-23 .. 2026-11-29.

const TEACHER_KEYS = ['educationLevel', 'educationRight', 'firstName', 'lastName', 'prisonerId', 'prisonerNumber', 'unitName'];
const STAFF_KEYS = [...TEACHER_KEYS, 'allocationId', 'allocationPattern', 'dateOfBirth'].sort();
const SESSION_KEYS = [
  'activityId',
  'activityName',
  'booked',
  'cancelled',
  'capacity',
  'date',
  'endTime',
  'kind',
  'location',
  'period',
  'prisonId',
  'prisonName',
  'sessionId',
  'startTime',
];

describe('teaching: timetable and rosters (e2e)', () => {
  let t: TestApp;
  let prisonId: string;
  let prisonName: string;
  let unitName: string;
  let teacher: SignedIn;
  let otherTeacher: SignedIn;
  let officer: SignedIn;
  let officerElsewhere: SignedIn;
  let admin: SignedIn;
  let norskId: string;
  let monday: ClassSession;
  let tuesday: ClassSession;
  let cancelled: ClassSession;
  let othersClass: ClassSession;
  let nextWeek: ClassSession;
  let atOtherPrison: ClassSession;
  let aasen: { id: string; prisonerNumber: string; allocationId: string };
  let berg: { id: string; prisonerNumber: string; allocationId: string };

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    const ds = t.dataSource;
    const { prison, unit } = await createPrisonWithUnit(ds, {}, { name: 'Avdeling Vest' });
    const other = await createPrisonWithUnit(ds);
    prisonId = prison.id;
    prisonName = prison.name;
    unitName = unit.name;
    teacher = await signIn(t, [Role.TEACHER], [prisonId]);
    otherTeacher = await signIn(t, [Role.TEACHER], [prisonId]);
    officer = await signIn(t, [Role.OFFICER], [prisonId]);
    officerElsewhere = await signIn(t, [Role.OFFICER], [other.prison.id]);
    admin = await signIn(t, [Role.NATIONAL_ADMIN]);

    const norsk = await createClass(ds, prisonId, { name: 'Norsk for voksne, nivå 2', location: 'Skolebygget, rom 2' });
    const matte = await createClass(ds, prisonId, { name: 'Matematikk' });
    const elsewhere = await createClass(ds, other.prison.id, { name: 'Norsk (annet fengsel)' });
    norskId = norsk.id;
    const mine = { staffMemberId: teacher.staffMemberId };
    monday = await createClassSession(ds, norsk, { date: '2026-11-23', ...mine });
    tuesday = await createClassSession(ds, norsk, { date: '2026-11-24', ...mine });
    cancelled = await createClassSession(ds, norsk, { date: '2026-11-26', period: DayPeriod.PM, ...mine });
    othersClass = await createClassSession(ds, norsk, { date: '2026-11-25', staffMemberId: otherTeacher.staffMemberId });
    nextWeek = await createClassSession(ds, matte, { date: '2026-11-30', ...mine });
    // Run by the teacher at a prison they do not serve: outside their scope.
    atOtherPrison = await createClassSession(ds, elsewhere, { date: '2026-11-24', period: DayPeriod.PM, ...mine });
    await cancelClassSession(ds, cancelled.id, CancellationReason.STAFF_TRAINING, 'Kurs i Bergen');

    const held = { prisonId, unitId: unit.id };
    const p1 = await createHeldPrisoner(ds, held, {
      firstName: 'Åse',
      lastName: 'Aasen',
      dateOfBirth: '2004-05-17',
      legalStatus: LegalStatus.CONVICTED,
      educationRight: EducationRight.YOUTH,
      educationLevel: EducationLevel.LOWER_SECONDARY,
    });
    // Cells made to break a careless CSV: the delimiter, quotes and a formula.
    const p2 = await createHeldPrisoner(ds, held, {
      firstName: '=HYPERLINK("http://x.test";"klikk")',
      lastName: 'Berg; "Junior"',
      dateOfBirth: '1988-02-29',
      legalStatus: LegalStatus.REMAND,
      educationRight: EducationRight.ADULT,
      educationLevel: EducationLevel.UPPER_SECONDARY_INCOMPLETE,
    });
    const p3 = await createHeldPrisoner(ds, held, { lastName: 'Christensen' });
    aasen = { id: p1.id, prisonerNumber: p1.prisonerNumber, allocationId: await bookPrisoner(ds, p1.id, [monday, tuesday]) };
    berg = {
      id: p2.id,
      prisonerNumber: p2.prisonerNumber,
      allocationId: await bookPrisoner(ds, p2.id, [monday], AllocationPatternKind.AM_ONLY),
    };
    await bookPrisoner(ds, p3.id, [othersClass]);
  });
  afterAll(() => t.close());

  describe('GET /me/sessions', () => {
    it("gives the teacher's own sessions of this week, with the booked count and cancellation", async () => {
      const res = await teacher.get('/me/sessions').expect(200);
      expect(res.body.map((s: { sessionId: string }) => s.sessionId)).toEqual([monday.id, tuesday.id, cancelled.id]);
      for (const s of res.body) expect(Object.keys(s).sort()).toEqual(SESSION_KEYS);
      expect(res.body[0]).toEqual({
        sessionId: monday.id,
        date: '2026-11-23',
        period: 'AM',
        startTime: '08:00',
        endTime: '11:30',
        activityId: norskId,
        activityName: 'Norsk for voksne, nivå 2',
        kind: ActivityKind.EDUCATION,
        location: 'Skolebygget, rom 2',
        prisonId,
        prisonName,
        capacity: 8,
        booked: 2,
        cancelled: null,
      });
      expect(res.body[1]).toMatchObject({ date: '2026-11-24', booked: 1, cancelled: null });
      // The reason category only: the note is free text written by prison staff (docs/teachers.md).
      expect(res.body[2]).toMatchObject({
        date: '2026-11-26',
        period: 'PM',
        startTime: '12:00',
        endTime: '15:00',
        booked: 0,
        cancelled: { reason: 'STAFF_TRAINING', note: null },
      });
      expect(res.text).not.toContain('Kurs i Bergen');
    });

    it('takes a date range, and leaves out sessions at prisons the teacher does not serve', async () => {
      const res = await teacher.get('/me/sessions?from=2026-11-24&to=2026-11-30').expect(200);
      expect(res.body.map((s: { sessionId: string }) => s.sessionId)).toEqual([tuesday.id, cancelled.id, nextWeek.id]);
      expect(res.body.map((s: { sessionId: string }) => s.sessionId)).not.toContain(atOtherPrison.id);
      expect(res.body[2]).toMatchObject({ activityName: 'Matematikk', date: '2026-11-30' });
    });

    it('with only `from`, gives the 7 days from it', async () => {
      const res = await teacher.get('/me/sessions?from=2026-11-26').expect(200);
      expect(res.body.map((s: { sessionId: string }) => s.sessionId)).toEqual([cancelled.id, nextWeek.id]);
    });

    it('gives every staff member only their own sessions', async () => {
      expect((await otherTeacher.get('/me/sessions').expect(200)).body.map((s: { sessionId: string }) => s.sessionId)).toEqual([
        othersClass.id,
      ]);
      expect((await officer.get('/me/sessions').expect(200)).body).toEqual([]);
      expect((await admin.get('/me/sessions').expect(200)).body).toEqual([]);
    });

    it.each([
      ['from=2026-11-01&to=2027-01-02', 'At most 62 days'],
      ['from=2026-11-30&to=2026-11-23', 'is after'],
      ['from=2026-13-01', 'from must be a calendar date'],
      ['to=yesterday', 'to must be a calendar date'],
      ['staffMemberId=00000000-0000-4000-8000-000000000000', 'should not exist'],
    ])('refuses %s with 400', async (query, message) => {
      const res = await teacher.get(`/me/sessions?${query}`).expect(400);
      expect(JSON.stringify(res.body)).toContain(message);
    });

    it('needs sign-in', async () => {
      await t.http().get('/me/sessions').expect(401);
    });
  });

  describe('GET /sessions/:id/roster', () => {
    it('gives a teacher exactly the teacher-safe fields of each prisoner on their session', async () => {
      const res = await teacher.get(`/sessions/${monday.id}/roster`).expect(200);
      expect(res.body).toMatchObject({
        sessionId: monday.id,
        prisonId,
        activityName: 'Norsk for voksne, nivå 2',
        date: '2026-11-23',
        period: 'AM',
        booked: 2,
        cancelled: null,
      });
      expect(res.body.entries).toHaveLength(2);
      for (const e of res.body.entries) expect(Object.keys(e).sort()).toEqual(TEACHER_KEYS);
      expect(res.body.entries).toEqual([
        {
          prisonerId: aasen.id,
          firstName: 'Åse',
          lastName: 'Aasen',
          prisonerNumber: aasen.prisonerNumber,
          unitName,
          educationRight: 'YOUTH',
          educationLevel: 'LOWER_SECONDARY',
        },
        {
          prisonerId: berg.id,
          firstName: '=HYPERLINK("http://x.test";"klikk")',
          lastName: 'Berg; "Junior"',
          prisonerNumber: berg.prisonerNumber,
          unitName,
          educationRight: 'ADULT',
          educationLevel: 'UPPER_SECONDARY_INCOMPLETE',
        },
      ]);
    });

    it("never shows a teacher the officers' fields, anywhere in the response", async () => {
      const text = (await teacher.get(`/sessions/${monday.id}/roster`).expect(200)).text;
      for (const forbidden of [
        'dateOfBirth',
        '2004-05-17',
        '1988-02-29',
        'legalStatus',
        'REMAND',
        'CONVICTED',
        'allocation',
        aasen.allocationId,
      ]) {
        expect({ forbidden, found: text.includes(forbidden) }).toEqual({ forbidden, found: false });
      }
    });

    it("answers 404 to a teacher for another teacher's session and for sessions outside their prisons", async () => {
      await teacher.get(`/sessions/${othersClass.id}/roster`).expect(404);
      await teacher.get(`/sessions/${atOtherPrison.id}/roster`).expect(404);
      await otherTeacher.get(`/sessions/${monday.id}/roster`).expect(404);
      await teacher.get(`/sessions/${othersClass.id}/roster.csv`).expect(404);
    });

    it("gives officers of the prison the fuller roster of any session, including a teacher's", async () => {
      const res = await officer.get(`/sessions/${monday.id}/roster`).expect(200);
      for (const e of res.body.entries) expect(Object.keys(e).sort()).toEqual(STAFF_KEYS);
      expect(
        res.body.entries.map((e: { prisonerId: string; dateOfBirth: string; allocationId: string; allocationPattern: string }) => [
          e.prisonerId,
          e.dateOfBirth,
          e.allocationId,
          e.allocationPattern,
        ]),
      ).toEqual([
        [aasen.id, '2004-05-17', aasen.allocationId, 'ALL'],
        [berg.id, '1988-02-29', berg.allocationId, 'AM_ONLY'],
      ]);
      // Lean: no legal status even for officers.
      expect(res.text).not.toContain('REMAND');
      expect((await officer.get(`/sessions/${othersClass.id}/roster`).expect(200)).body.entries).toHaveLength(1);
      expect(
        (await admin.get(`/sessions/${tuesday.id}/roster`).expect(200)).body.entries.map((e: { prisonerId: string }) => e.prisonerId),
      ).toEqual([aasen.id]);
    });

    it('answers 404 for another prison, an unknown session, and 400 for a malformed id', async () => {
      await officerElsewhere.get(`/sessions/${monday.id}/roster`).expect(404);
      await officer.get(`/sessions/${atOtherPrison.id}/roster`).expect(404);
      await officer.get('/sessions/00000000-0000-4000-8000-000000000000/roster').expect(404);
      await officer.get('/sessions/not-a-uuid/roster').expect(400);
    });

    it('shows a cancelled session with its reason and an empty roster', async () => {
      const res = await teacher.get(`/sessions/${cancelled.id}/roster`).expect(200);
      expect(res.body).toMatchObject({ cancelled: { reason: 'STAFF_TRAINING', note: null }, booked: 0, entries: [] });
      // Officers of the prison see the note staff wrote.
      expect((await officer.get(`/sessions/${cancelled.id}/roster`).expect(200)).body).toMatchObject({
        cancelled: { reason: 'STAFF_TRAINING', note: 'Kurs i Bergen' },
      });
    });

    it('records each read in the audit log, and refused reads as denied', async () => {
      const before = await auditRows(teacher.userId);
      await teacher.get(`/sessions/${tuesday.id}/roster`).expect(200);
      await teacher.get(`/sessions/${othersClass.id}/roster`).expect(404);
      await teacher.get(`/sessions/${tuesday.id}/roster.csv`).expect(200);
      const after = (await auditRows(teacher.userId)).slice(before.length);
      expect(after).toEqual([
        { action: 'roster.read', subject_type: 'session', subject_id: tuesday.id, prison_id: prisonId, outcome: 'SUCCESS' },
        // Filed under the prison of the session (issue 11: the export and the refusal had none).
        { action: 'roster.read', subject_type: 'session', subject_id: othersClass.id, prison_id: prisonId, outcome: 'DENIED' },
        { action: 'roster.export', subject_type: 'session', subject_id: tuesday.id, prison_id: prisonId, outcome: 'SUCCESS' },
      ]);
    });
  });

  describe('GET /sessions/:id/roster.csv', () => {
    it('gives a teacher their roster as a `;`-separated UTF-8 CSV with a BOM, named after the class and day', async () => {
      const res = await teacher.get(`/sessions/${monday.id}/roster.csv`).buffer(true).parse(rawBody).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="roster-Norsk-for-voksne-niva-2-2026-11-23-AM.csv"; filename*=UTF-8''roster-Norsk-for-voksne-niv%C3%A5-2-2026-11-23-AM.csv`,
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(parseCsv(text)).toEqual([
        ['Prisoner number', 'Last name', 'First name', 'Unit', 'Education right', 'Education level'],
        [aasen.prisonerNumber, 'Aasen', 'Åse', unitName, 'Youth', 'Lower secondary'],
        // The formula is defused with a leading quote; the delimiter and quotes survive the round trip.
        [berg.prisonerNumber, 'Berg; "Junior"', `'=HYPERLINK("http://x.test";"klikk")`, unitName, 'Adult', 'Upper secondary incomplete'],
      ]);
      expect(text).toContain(`;"Berg; ""Junior""";"'=HYPERLINK(""http://x.test"";""klikk"")";`);
      expect(text).not.toMatch(/2004-05-17|1988-02-29/);
    });

    it('gives officers the fuller columns', async () => {
      const res = await officer.get(`/sessions/${monday.id}/roster.csv`).buffer(true).parse(rawBody).expect(200);
      const rows = parseCsv((res.body as Buffer).subarray(3).toString('utf8'));
      expect(rows[0]).toEqual([
        'Prisoner number',
        'Last name',
        'First name',
        'Unit',
        'Education right',
        'Education level',
        'Date of birth',
        'Allocation pattern',
      ]);
      expect(rows.slice(1).map((r) => [r[0], r[6], r[7]])).toEqual([
        [aasen.prisonerNumber, '2004-05-17', 'All'],
        [berg.prisonerNumber, '1988-02-29', 'Am only'],
      ]);
    });

    it('from the pages, the file is named in the page language too', async () => {
      const name = async (query: string) =>
        (await teacher.get(`/app/teacher/sessions/${monday.id}/roster.csv${query}`).buffer(true).parse(rawBody).expect(200)).headers[
          'content-disposition'
        ];
      expect(await name('')).toContain(`filename*=UTF-8''deltakerliste-Norsk-for-voksne-niv%C3%A5-2-2026-11-23-formiddag.csv`);
      expect(await name('?lang=en')).toContain(`filename*=UTF-8''roster-Norsk-for-voksne-niv%C3%A5-2-2026-11-23-morning.csv`);
    });

    it('from the pages, in the page language: Norwegian by default, English with lang=en (the API stays English)', async () => {
      const page = async (who: SignedIn, query: string) =>
        parseCsv(
          ((await who.get(`/app/teacher/sessions/${monday.id}/roster.csv${query}`).buffer(true).parse(rawBody).expect(200)).body as Buffer)
            .subarray(3)
            .toString('utf8'),
        );
      const nb = await page(teacher, '');
      expect(nb[0]).toEqual(['Fangenummer', 'Etternavn', 'Fornavn', 'Avdeling', 'Opplæringsrett', 'Utdanningsnivå']);
      expect(nb[1]).toEqual([aasen.prisonerNumber, 'Aasen', 'Åse', unitName, 'Ungdomsrett', 'Grunnskole']);
      const en = await page(teacher, '?lang=en');
      expect(en[0]).toEqual(['Prisoner number', 'Last name', 'First name', 'Unit', 'Education right', 'Education level']);
      expect(en[2].slice(4)).toEqual(['Adult right', 'Upper secondary (incomplete)']);
      const staff = await page(officer, '');
      expect(staff[0].slice(6)).toEqual(['Fødselsdato', 'Tildelingsmønster']);
      expect(staff.slice(1).map((r) => r[7])).toEqual(['Alle økter', 'Bare formiddag']);
    });
  });

  async function auditRows(userId: string) {
    return t.dataSource.query<Array<Record<string, string | null>>>(
      `SELECT action, subject_type, subject_id, prison_id, outcome FROM audit_event WHERE user_id = $1 AND action LIKE 'roster.%' ORDER BY occurred_at, id`,
      [userId],
    );
  }
});
