import { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { bookOnSession, createAttendanceSession, createHeldPrisoners } from './factories/attendance.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createActivity } from './factories/activity.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createReferral } from './factories/referral.factory';
import { attend, createRateActivity } from './factories/rate.factory';
import { signIn, SignedIn, signInAdmin } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Refused forms on the pages (src/web): the values sent come back, the reason is at the field it
// concerns, and the page's links lead to GET pages; unknown addresses under /app get the pages' 404.
describe('web forms after a refusal, and unknown addresses', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
  });

  async function officerWithSession(): Promise<{ officer: SignedIn; prisonId: string; unitId: string; sessionId: string }> {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const session = await createAttendanceSession(ds, prison.id, { date: '2026-11-25' });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    return { officer, prisonId: prison.id, unitId: unit.id, sessionId: session.id };
  }

  /** The href of the page's language switch, unescaped. */
  const langLink = (page: string) => page.match(/<a href="([^"]*)" lang="(?:en|nb)" hreflang=/)?.[1].replace(/&amp;/g, '&');

  it('cancelling for "Other" without a note: the reason and note kept, the note field says it is needed, nothing written', async () => {
    const { officer, sessionId } = await officerWithSession();
    for (const [lang, needed] of [
      ['nb', 'Skriv en merknad når årsaken er «Annet»'],
      ['en', 'Write a note when the reason is “Other”'],
    ]) {
      const res = await officer
        .post(`/app/sessions/${sessionId}/cancel?lang=${lang}`)
        .type('form')
        .send({ reason: 'OTHER', note: '  ' })
        .expect(400);
      // The reason chosen stays chosen (not the first option), so adding the note cancels for that reason.
      expect(res.text).toMatch(/<option value="OTHER" selected>/);
      expect(res.text).not.toMatch(/<option value="STAFF_UNAVAILABLE" selected>/);
      // The reason at the field, the field pointing to it, and a link to it from the top.
      expect(res.text).toContain(`<p id="note-error" class="field-error">${needed}</p>`);
      expect(res.text).toMatch(
        /<textarea id="note" name="note" rows="2" maxlength="500" aria-invalid="true" aria-describedby="note-error note-help">/,
      );
      expect(res.text).toMatch(new RegExp(`<div id="feedback"[^>]*>.*<a href="#note">[^<]*${needed}</a>`, 's'));
      expect(res.text).not.toMatch(
        /\((valgfritt|optional)\)<\/span><\/label>\s*(<p id="note-error"[^>]*>[^<]*<\/p>)?\s*<textarea id="note"/,
      );
    }
    expect((await ds.query(`SELECT cancelled_at FROM "session" WHERE id = $1`, [sessionId]))[0].cancelled_at).toBeNull();
    // With the note the officer then adds, the session is cancelled for the reason chosen.
    await officer.post(`/app/sessions/${sessionId}/cancel`).type('form').send({ reason: 'OTHER', note: 'Vannlekkasje' }).expect(303);
    expect((await ds.query(`SELECT cancellation_reason AS r FROM "session" WHERE id = $1`, [sessionId]))[0].r).toBe('OTHER');
    await officer.post(`/app/sessions/${sessionId}/uncancel`).type('form').send({ confirm: 'yes' }).expect(303);
    await officer.post(`/app/sessions/${sessionId}/cancel`).type('form').send({ reason: 'LOCATION_UNAVAILABLE', note: '' }).expect(303);
    expect((await ds.query(`SELECT cancellation_reason AS r FROM "session" WHERE id = $1`, [sessionId]))[0].r).toBe('LOCATION_UNAVAILABLE');
  });

  it('cancelling a session with attendance recorded is refused with that reason, in the page language', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const sessionId = await attend(ds, prisoner.id, await createRateActivity(ds, prison.id), '2026-11-20');
    for (const [lang, text] of [
      ['nb', 'Det er registrert oppmøte for 1 innsatt(e) på økten'],
      ['en', 'Attendance is recorded for 1 prisoner(s) on this session'],
    ]) {
      const res = await officer
        .post(`/app/sessions/${sessionId}/cancel?lang=${lang}`)
        .type('form')
        .send({ reason: 'LOCKDOWN' })
        .expect(409);
      expect(res.text).toContain(text);
    }
    expect((await ds.query(`SELECT cancelled_at FROM "session" WHERE id = $1`, [sessionId]))[0].cancelled_at).toBeNull();
    // The session's page does not offer to cancel it, and says why.
    const page = (await officer.get(`/app/sessions/${sessionId}`).expect(200)).text;
    expect(page).toContain('Oppmøte er registrert for 1 innsatt(e): økten ble holdt og kan ikke avlyses.');
    expect(page).not.toContain('/cancel"');
  });

  it('two officers on one register: saving a page read before the other saved does not overwrite their record', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const session = await createAttendanceSession(ds, prison.id, { date: '2026-11-20' });
    const [a, b, c] = await createHeldPrisoners(ds, { prisonId: prison.id, unitId: unit.id }, 3);
    await bookOnSession(ds, session, [a, b, c]);
    const first = await signIn(t, [Role.OFFICER], [prison.id]);
    const second = await signIn(t, [Role.OFFICER], [prison.id]);
    const versions = (page: string) =>
      Object.fromEntries([a, b, c].map((id) => [id, page.match(new RegExp(`name="version\\.${id}" value="(\\d*)"`))?.[1]]));
    // Both open the register while nothing is recorded: every row shows version "" (not recorded).
    const read = versions((await first.get(`/app/attendance/${session.id}`).expect(200)).text);
    expect(read).toEqual({ [a]: '', [b]: '', [c]: '' });
    // The second records B absent, sick.
    await second
      .post(`/app/attendance/${session.id}`)
      .type('form')
      .send({ [`outcome.${b}`]: 'ABSENT', [`reason.${b}`]: 'SICK', [`version.${b}`]: '' })
      .expect(303);
    // The first presses "mark all attended" on the page read before: refused, nothing written, B's row shows what is stored now.
    const form = Object.fromEntries([a, b, c].map((id) => [`version.${id}`, read[id]]));
    for (const [lang, text] of [
      ['nb', 'Noen andre har registrert oppmøte for noen av disse etter at du åpnet listen; ingenting ble lagret.'],
      ['en', 'Someone else recorded attendance for some of these prisoners after you opened the list; nothing was saved.'],
    ]) {
      const refused = await first
        .post(`/app/attendance/${session.id}?lang=${lang}`)
        .type('form')
        .send({ action: 'all-attended', ...form })
        .expect(409);
      expect(refused.text).toContain(text);
      expect(refused.text).toMatch(new RegExp(`name="outcome\\.${b}" value="ABSENT" checked`));
      expect(refused.text).toMatch(new RegExp(`name="outcome\\.${a}" value="ATTENDED" checked`));
      expect(versions(refused.text)[b]).toBe('1');
    }
    const stored = async () =>
      ds.query(`SELECT prisoner_id, outcome, absence_reason FROM attendance WHERE session_id = $1 ORDER BY outcome`, [session.id]);
    expect(await stored()).toEqual([{ prisoner_id: b, outcome: 'ABSENT', absence_reason: 'SICK' }]);
    // Saved again from the page that now shows B's record: the others are recorded, B stays absent.
    await first
      .post(`/app/attendance/${session.id}`)
      .type('form')
      .send({
        [`outcome.${a}`]: 'ATTENDED',
        [`outcome.${b}`]: 'ABSENT',
        [`reason.${b}`]: 'SICK',
        [`outcome.${c}`]: 'ATTENDED',
        ...form,
        [`version.${b}`]: '1',
      })
      .expect(303);
    expect(await stored()).toEqual([
      { prisoner_id: expect.any(String), outcome: 'ATTENDED', absence_reason: null },
      { prisoner_id: expect.any(String), outcome: 'ATTENDED', absence_reason: null },
      { prisoner_id: b, outcome: 'ABSENT', absence_reason: 'SICK' },
    ]);
  });

  it("a teacher's register read before an officer recorded a prisoner does not overwrite the officer's record either", async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const teacher = await signIn(t, [Role.TEACHER], [prison.id]);
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const session = await createAttendanceSession(ds, prison.id, { date: '2026-11-20', staffMemberId: teacher.staffMemberId });
    const [a, b] = await createHeldPrisoners(ds, { prisonId: prison.id, unitId: unit.id }, 2);
    await bookOnSession(ds, session, [a, b]);
    const page = (await teacher.get(`/app/attendance/${session.id}`).expect(200)).text;
    expect(page).toContain(`name="version.${b}" value=""`);
    // The officer records B absent (court) after the teacher opened the page.
    await officer
      .put(`/sessions/${session.id}/attendance`)
      .send({ records: [{ prisonerId: b, outcome: 'ABSENT', absenceReason: 'COURT' }] })
      .expect(200);
    const refused = await teacher
      .post(`/app/attendance/${session.id}?lang=en`)
      .type('form')
      .send({ action: 'all-attended', [`version.${a}`]: '', [`version.${b}`]: '' })
      .expect(409);
    expect(refused.text).toContain('Someone else recorded attendance for some of these prisoners after you opened the list');
    expect(refused.text).toContain(`name="version.${b}" value="1"`);
    expect(await ds.query(`SELECT prisoner_id, outcome, absence_reason FROM attendance WHERE session_id = $1`, [session.id])).toEqual([
      { prisoner_id: b, outcome: 'ABSENT', absence_reason: 'COURT' },
    ]);
    // An "excused" from the teacher keeps the officer's court absence: no conflict, nothing changes for B.
    await teacher
      .post(`/app/attendance/${session.id}`)
      .type('form')
      .send({
        [`outcome.${a}`]: 'ATTENDED',
        [`outcome.${b}`]: 'ABSENT',
        [`reason.${b}`]: 'ABSENT_EXCUSED',
        [`version.${a}`]: '',
        [`version.${b}`]: '',
      })
      .expect(303);
    expect(await ds.query(`SELECT outcome, absence_reason FROM attendance WHERE session_id = $1 ORDER BY outcome`, [session.id])).toEqual([
      { outcome: 'ATTENDED', absence_reason: null },
      { outcome: 'ABSENT', absence_reason: 'COURT' },
    ]);
  });

  it('a note typed with a refused cancellation comes back in the field, which says it is too long', async () => {
    const { officer, sessionId } = await officerWithSession();
    // A note over the limit (the browser's maxlength stops it, a script or an old browser may not) is refused
    // by the DTO; what was typed is not lost, and the note field says what is wrong, not only "the form has errors".
    for (const [lang, tooLong] of [
      ['nb', 'Merknaden kan ha høyst 500 tegn.'],
      ['en', 'The note can have at most 500 characters.'],
    ]) {
      const res = await officer
        .post(`/app/sessions/${sessionId}/cancel?lang=${lang}`)
        .type('form')
        .send({ reason: 'OTHER', note: 'x'.repeat(600) })
        .expect(400);
      expect(res.text).toContain(`>${'x'.repeat(600)}</textarea>`);
      expect(res.text).toMatch(/<option value="OTHER" selected>/);
      expect(res.text).toContain(`<p id="note-error" class="field-error">${tooLong}</p>`);
      expect(res.text).toMatch(
        /<textarea id="note" name="note" rows="2" maxlength="500" aria-invalid="true" aria-describedby="note-error note-help">/,
      );
      expect(res.text).toMatch(new RegExp(`<div id="feedback"[^>]*>.*<a href="#note">[^<]*${tooLong.replace('.', '\\.')}</a>`, 's'));
    }
    expect((await ds.query(`SELECT cancelled_at FROM "session" WHERE id = $1`, [sessionId]))[0].cancelled_at).toBeNull();
  });

  it('declining a referral without a reason, or with one too long: said at the reason field, the box open, values kept, nothing written', async () => {
    const { officer, prisonId, unitId } = await officerWithSession();
    const prisoner = await createHeldPrisoner(ds, { prisonId, unitId });
    const programme = await createActivity(ds, prisonId, { name: 'Sinnemestring', requiresReferral: true });
    const referral = await createReferral(ds, { prisonerId: prisoner.id, activityId: programme.id });
    const url = `/app/referrals/activities/${programme.id}/referrals/${referral.id}/decline`;
    for (const [lang, note, text] of [
      ['nb', '', 'Skriv hvorfor henvisningen avslås.'],
      ['en', '   ', 'Write why the referral is declined.'],
      ['nb', 'x'.repeat(1001), 'Begrunnelsen kan ha høyst 1000 tegn.'],
    ]) {
      const res = await officer.post(`${url}?lang=${lang}`).type('form').send({ note }).expect(400);
      const id = `note-${referral.id}`;
      expect(res.text).toContain(`<p id="${id}-error" class="field-error">${text}</p>`);
      expect(res.text).toContain(`<details class="decline" open>`);
      expect(res.text).toContain(`value="${note}" aria-invalid="true" aria-describedby="${id}-error">`);
      expect(res.text).toMatch(new RegExp(`<div id="feedback"[^>]*>.*<a href="#${id}">[^<]*${text.replace('.', '\\.')}</a>`, 's'));
    }
    expect((await ds.query(`SELECT status FROM referral WHERE id = $1`, [referral.id]))[0].status).toBe('PENDING');
    // A refused allocation from the list keeps how often was chosen (not back to "every session").
    await ds.query(`UPDATE referral SET status = 'APPROVED' WHERE id = $1`, [referral.id]);
    const refused = await officer
      .post(`/app/referrals/activities/${programme.id}/referrals/${referral.id}/allocate`)
      .type('form')
      .send({ pattern: 'PM_ONLY', startDate: '2000-01-03' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.text).toMatch(/<option value="PM_ONLY" selected>/);
  });

  it('unavailability whose last day is before its first: said at the last-day field, values kept, nothing written', async () => {
    const { officer, prisonId, unitId } = await officerWithSession();
    const prisoner = await createHeldPrisoner(ds, { prisonId, unitId });
    const before = await countRows(ds, ['unavailability']);
    const res = await officer
      .post(`/app/prisoners/${prisoner.id}/unavailability`)
      .type('form')
      .send({ kind: 'COURT', fromDate: '2026-11-26', toDate: '2026-11-24', period: '', note: 'Tingretten' })
      .expect(400);
    expect(res.text).toContain('<p id="toDate-error" class="field-error">Siste dag kan ikke være før første dag.</p>');
    expect(res.text).toMatch(
      /<input id="toDate" name="toDate" type="date" value="2026-11-24" aria-invalid="true" aria-describedby="toDate-error toDate-help">/,
    );
    expect(res.text).toContain('<a href="#toDate">Siste dag: Siste dag kan ikke være før første dag.</a>');
    const en = await officer
      .post(`/app/prisoners/${prisoner.id}/unavailability?lang=en`)
      .type('form')
      .send({ kind: 'OTHER', fromDate: '2026-11-26', toDate: '2026-11-24', period: '', note: '' })
      .expect(400);
    expect(en.text).toContain('<p id="toDate-error" class="field-error">The last day cannot be before the first day.</p>');
    expect(en.text).toContain('<p id="note-error" class="field-error">Write a note when it is “Other”.</p>');
    expect(await countRows(ds, ['unavailability'])).toEqual(before);
  });

  it('the language link of a page answering a refused post leads to the GET page the form is on', async () => {
    const { officer, prisonId, sessionId } = await officerWithSession();
    const cancelled = await officer.post(`/app/sessions/${sessionId}/cancel`).type('form').send({ reason: 'OTHER' }).expect(400);
    expect(langLink(cancelled.text)).toBe(`/app/sessions/${sessionId}?lang=en`);
    await officer.get(langLink(cancelled.text) as string).expect(200);

    // A unit that still holds a prisoner cannot be deactivated: the refusal is on its prison's page, and so is the link.
    const admin = await signInAdmin(t);
    const { prison, unit } = await createPrisonWithUnit(ds);
    await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const refused = await admin.post(`/app/admin/units/${unit.id}/active`).type('form').send({ active: 'false' }).expect(422);
    expect(langLink(refused.text)).toBe(`/app/admin/prisons/${prison.id}?lang=en`);
    expect((await admin.get(langLink(refused.text) as string).expect(200)).text).toContain('<html lang="en">');

    // A draft that is not there (refused apply): the draft's page, with the form's prison and week.
    const draftId = '00000000-0000-4000-8000-000000000001';
    const apply = await officer.post(`/app/planner/drafts/${draftId}/apply`).type('form').send({ prisonId, week: '2026-W49' });
    expect(apply.status).toBe(404);
    expect(langLink(apply.text)).toBe(`/app/planner/drafts/${draftId}?prisonId=${prisonId}&week=2026-W49&lang=en`);
  });

  it('an unknown address under /app is the pages’ own 404 page, in the chosen language; the API keeps its JSON', async () => {
    const { officer } = await officerWithSession();
    for (const [url, title, back] of [
      ['/app/finnesikke', 'Fant ikke siden', 'Til forsiden'],
      ['/app/finnesikke/heller/ikke?lang=en', 'Page not found', 'To the start page'],
      ['/app/admin/units/00000000-0000-4000-8000-000000000001/active?lang=en', 'Page not found', 'To the start page'],
    ]) {
      const res = await officer.get(url).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(`<h1>${title}</h1>`);
      expect(res.text).toContain(`<a href="/app">${back}</a>`);
      expect(res.text).toContain('/app/assets/app.css');
      expect(res.text).not.toContain('"statusCode"');
    }
    // Not signed in: to the sign-in page first (as every page), then the 404.
    const anonymous = await t.http().get('/app/finnesikke').expect(302);
    expect(anonymous.headers.location).toBe('/app/login?next=%2Fapp%2Ffinnesikke');
    // A language chosen in the address holds for the sign-in page it leads to.
    const english = await t.http().get('/app/finnesikke?lang=en').expect(302);
    const cookie = (english.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('ka_lang=en'));
    expect(cookie).toBeDefined();
    const signInPage = await t.http().get(english.headers.location).set('Cookie', cookie!.split(';')[0]).expect(200);
    expect(signInPage.text).toContain('<html lang="en"');
    const api = await officer.get('/finnesikke').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  // The attendance roster (/app/attendance/:id) as an officer reads it on a phone.
  it('the note help at the top of the register says which field and which reason it is about', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const session = await createAttendanceSession(ds, prison.id, { date: '2026-11-23' });
    await bookOnSession(ds, session, await createHeldPrisoners(ds, { prisonId: prison.id, unitId: unit.id }, 2));
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    // Shown once above the rows, far from any note field: "Required when the reason is Other" alone said neither.
    const nb = await officer.get(`/app/attendance/${session.id}?lang=nb`).expect(200);
    expect(nb.text).toContain('<p id="note-help" class="muted small">Merknad må fylles ut når fraværsårsaken er «Annet».</p>');
    const en = await officer.get(`/app/attendance/${session.id}?lang=en`).expect(200);
    expect(en.text).toContain(
      '<p id="note-help" class="muted small">A note is needed when the reason for absence is &quot;Other&quot;.</p>',
    );
  });

  // A prisoner's page (/app/prisoners/:id): recording unavailability with values the form's own rules refuse.
  it('says at the field what is wrong: a date out of range, a note too long', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const post = (form: Record<string, string>, lang = 'nb') =>
      officer
        .post(`/app/prisoners/${prisoner.id}/unavailability?lang=${lang}`)
        .type('form')
        .send({ kind: 'COURT', ...form })
        .expect(400);

    // A year typed wrong (2126 for 2026): the first day's field says so, and the summary at the top links to it.
    const year = await post({ fromDate: '2126-12-20' });
    expect(year.text).toContain('<p id="fromDate-error" class="field-error">Skriv en gyldig dato mellom 01.01.2000 og 31.12.2100.</p>');
    expect(year.text).toMatch(/<a href="#fromDate">[^<]*Skriv en gyldig dato/);
    const english = await post({ fromDate: '2126-12-20' }, 'en');
    expect(english.text).toContain('<p id="fromDate-error" class="field-error">Enter a valid date between 01.01.2000 and 31.12.2100.</p>');

    // A note over 1000 characters is not "write a note for Other".
    const long = await post({ fromDate: '2026-12-20', note: 'x'.repeat(1001) });
    expect(long.text).toContain('<p id="note-error" class="field-error">Merknaden kan ha høyst 1000 tegn.</p>');
    expect(long.text).not.toContain('Skriv en merknad når det gjelder «Annet».</p>');
    expect(await countRows(ds, ['unavailability'])).toEqual({ unavailability: 0 });
  });

  // A form sent after the web session has ended (idle timeout, signed out in another tab, cookies cleared):
  // what was sent is not saved, so the sign-in page says so and leads back to the page the form was on.
  it('goes to sign-in with the form’s page as next, and the sign-in page says nothing was saved', async () => {
    const { prison } = await createPrisonWithUnit(ds);
    const session = await createAttendanceSession(ds, prison.id, { date: '2026-11-23' });
    const res = await t.http().post(`/app/attendance/${session.id}`).type('form').send({ action: 'save' }).expect(302);
    expect(res.headers.location).toBe(`/app/login?next=${encodeURIComponent(`/app/attendance/${session.id}`)}&expired=1`);
    const nb = await t.http().get(res.headers.location).expect(200);
    expect(nb.text).toContain('Du var ikke lenger innlogget, så det du sendte ble ikke lagret. Logg inn og gjør det på nytt.');
    expect(nb.text).toContain(`<input type="hidden" name="next" value="/app/attendance/${session.id}">`);
    const en = await t.http().get(`${res.headers.location}&lang=en`).expect(200);
    expect(en.text).toContain('You were no longer signed in, so what you sent was not saved. Sign in and do it again.');

    // A post to an address without a page of its own leads to the page the form was on, with its prison and week.
    const draft = await t.http().post('/app/planner/drafts').type('form').send({ prisonId: prison.id, week: '2026-W49' }).expect(302);
    expect(draft.headers.location).toBe(
      `/app/login?next=${encodeURIComponent(`/app/planner?prisonId=${prison.id}&week=2026-W49`)}&expired=1`,
    );
    // Signing out with no session left is no loss.
    const out = await t.http().post('/app/logout').type('form').send({}).expect(302);
    expect(out.headers.location).toBe('/app/login');
  });
});
