import { DataSource } from 'typeorm';
import { createAttendanceSession } from './factories/attendance.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// A form sent after the web session has ended (idle timeout, signed out in another tab, cookies cleared):
// what was sent is not saved, so the sign-in page says so and leads back to the page the form was on.
describe('a form sent after the session ended', () => {
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
