import { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { bookOnSession, createAttendanceSession, createHeldPrisoners } from './factories/attendance.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { signIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The attendance roster (/app/attendance/:id) as an officer reads it on a phone.
describe('attendance roster page', () => {
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
});
