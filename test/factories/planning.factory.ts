import { DataSource } from 'typeorm';

export const WEEK_49 = '2026-W49';
/** Monday 30 November to Friday 4 December 2026: five counted days (no holiday). */
export const WEEK_49_DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

/**
 * An allocation with bookings on the given sessions, written directly (as if made earlier through
 * the allocation API). `locked` marks it as locked by an officer.
 */
export async function allocateWithBookings(
  ds: DataSource,
  values: {
    prisonerId: string;
    activityId: string;
    prisonId: string;
    startDate: string;
    pattern?: 'ALL' | 'AM_ONLY' | 'PM_ONLY' | 'CHOSEN';
    chosenSlots?: Array<{ weekday: number; period: 'AM' | 'PM' }>;
    locked?: boolean;
    sessionIds: string[];
  },
): Promise<string> {
  const [{ id }] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern, chosen_slots, locked) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      values.prisonerId,
      values.activityId,
      values.prisonId,
      values.startDate,
      values.pattern ?? 'ALL',
      values.chosenSlots ? JSON.stringify(values.chosenSlots) : null,
      values.locked ?? false,
    ],
  );
  for (const sessionId of values.sessionIds) {
    await ds.query(
      `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) SELECT id, $2, $3, date, period FROM "session" WHERE id = $1`,
      [sessionId, values.prisonerId, id],
    );
  }
  return id;
}

/** Prisoner ids booked on each session of a week plan view, by session id. */
export function rosterOf(plan: {
  activities: Array<{ sessions: Array<{ sessionId: string; prisoners: Array<{ prisonerId: string }> }> }>;
}): Map<string, string[]> {
  return new Map(
    plan.activities.flatMap((a) => a.sessions.map((s) => [s.sessionId, s.prisoners.map((p) => p.prisonerId).sort()] as const)),
  );
}
