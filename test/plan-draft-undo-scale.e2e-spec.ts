import { Role } from '../src/auth/roles';
import { osloSizedPrison, OsloSized, W49 } from './browser/support/oslo-sized';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

const WEEK = '2026-W49';

describe("plan drafts at Oslo's size: the whole draft applied, then undone", () => {
  jest.setTimeout(600_000);
  let t: TestApp;
  let data: OsloSized;
  let officer: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(); // Monday 23 November 2026: week 49 is next week
    await resetDatabase(t.dataSource);
    data = await osloSizedPrison(t.dataSource);
    officer = await signIn(t, [Role.OFFICER], [data.prisonId]);
  });
  afterAll(() => t.close());

  /** Every booking and every allocation of the prison, to compare before and after. */
  async function state() {
    const bookings = await t.dataSource.query<Array<{ k: string }>>(
      `SELECT b.prisoner_id || '|' || b.session_id AS k FROM booking b JOIN "session" s ON s.id = b.session_id WHERE s.prison_id = $1 ORDER BY 1`,
      [data.prisonId],
    );
    const allocations = await t.dataSource.query<Array<{ k: string }>>(
      `SELECT concat_ws('|', prisoner_id, activity_id, start_date, end_date, pattern, chosen_slots::text, ended_reason, ended_note) AS k
         FROM allocation WHERE prison_id = $1 ORDER BY 1`,
      [data.prisonId],
    );
    return { bookings: bookings.map((r) => r.k), allocations: allocations.map((r) => r.k) };
  }

  it('undo of the whole apply brings back every booking and allocation of the prison as it was', async () => {
    const original = await state();
    const url = `/prisons/${data.prisonId}/weeks/${WEEK}/plan-drafts`;
    const { body: draft } = await officer.post(url).expect(201);
    expect(draft.days).toEqual(W49);
    expect(draft.allocationChanges.length).toBeGreaterThan(100);
    let at = Date.now();
    const applied = await officer.post(`${url}/${draft.id}/apply`).expect(200);
    const applyMs = Date.now() - at;
    expect(applied.body.status).toBe('APPLIED');
    expect(applied.body.applies).toHaveLength(1);
    expect((await state()).bookings).not.toEqual(original.bookings);
    at = Date.now();
    const undone = await officer.post(`${url}/${draft.id}/undo`).expect(200);
    const undoMs = Date.now() - at;
    expect(undone.body.status).toBe('UNDONE');
    const back = await state();
    expect(back.bookings).toEqual(original.bookings);
    expect(back.allocations).toEqual(original.allocations);
    console.log(`Oslo-sized: ${draft.allocationChanges.length} allocation changes; apply ${applyMs} ms, undo ${undoMs} ms`);
  });
});
