import { EntityManager } from 'typeorm';
import { patternCoversSql } from '../../src/allocations/bookings-materialiser';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { TOUCH_ALL_READ_VERSIONS_SQL } from '../../src/read-version/read-version.repository';
import { dayOf } from './day-numbers';
import { historyDayRates } from './demo-history-rates';

// Twelve months of history for the demo data, generated in SQL: set-based INSERT … SELECT statements
// instead of millions of rows sent from JavaScript, so that it loads as fast as it can on the embedded
// database too (see docs/demo-data.md for the figures and the times). Randomness comes from hashes of
// ids and dates (see `uniform`), so the same demo data always gets the same history. The allocations
// (current and ended) are already loaded; this adds, for every weekday from `from` to yesterday:
//   1. sessions of every activity slot (no public holidays unless the activity runs on them), some
//      cancelled: staff away (more in summer and around Christmas), lockdowns, rooms unavailable;
//   2. bookings: each allocation's sessions (the allocations respect capacity by construction);
//   3. attendance for the bookings of sessions that ran: mostly attended; absent when a known
//      unavailability covers the half-day (court, visit, …, as the attendance screen pre-fills it),
//      or sick / refused for the day, or away for one half-day; the last week partly unrecorded;
//   4. prisoner-days for the whole range, by the same service as the nightly job.

export interface DemoHistoryOptions {
  /** First day of the history. */
  from: string;
  /** The demo's today: history runs to the day before. */
  today: string;
  /** Varies the draws; the demo seed by default. */
  seed: number;
  /**
   * Load only these days (within `from` … yesterday), e.g. one chunk of a backfill. The draws do not
   * depend on the chunking: the same days give the same history whether loaded at once or in pieces.
   */
  days?: { from: string; to: string };
  /** Recomputes prisoner-days (refreshPrisonerDaysWith), in the same transaction. */
  refreshPrisonerDays: (em: EntityManager, scope: { from: string; to: string }) => Promise<unknown>;
}

export interface DemoHistorySummary {
  sessions: number;
  cancelledSessions: number;
  bookings: number;
  attendance: number;
  timingsMs: Record<string, number>;
}

/** A uniform number in [0, 1) from 8 hex digits. */
const fromHex = (hex: string) => `((('x' || ${hex})::bit(32)::int)::float8 / 4294967296.0 + 0.5)`;
/** A uniform number in [0, 1) from the md5 of a text: the same text always gives the same number. */
const uniform = (text: string) => fromHex(`substr(md5(${text}), 1, 8)`);
/**
 * Ids for the millions of history rows, far cheaper than gen_random_uuid() on the embedded database and in
 * insertion order (the primary key grows at the end): the UUIDv7 layout, with the time the history was
 * loaded, a tag per table and a counter.
 */
const timeOrderedId = (tag: string, n: string) => `(${LOADED_AT} || '7${tag}8' || lpad(to_hex(${n}), 15, '0'))::uuid`;
/**
 * Milliseconds since 1970 when the statement started, as 12 hex digits (until the year 10889). A sub-select,
 * so that it is worked out once per statement (an InitPlan), not for each of the million rows.
 */
const LOADED_AT = `(SELECT lpad(to_hex((extract(epoch FROM statement_timestamp()) * 1000)::bigint), 12, '0'))`;

/**
 * Loads the history in the caller's transaction (every statement through `em`: the embedded
 * database has one connection). Expects the demo data and its allocations, and no sessions before
 * `today`. When the database user may (a superuser: the embedded database, a local server), the bulk
 * inserts and the prisoner-days run with triggers off, as pg_restore does: the rows are consistent by
 * construction (foreign keys hold), and the one trigger-kept column, session.booked, is written
 * directly. Otherwise the triggers run as usual: slower, same result.
 */
export async function loadDemoHistory(em: EntityManager, options: DemoHistoryOptions): Promise<DemoHistorySummary> {
  const { today, seed } = options;
  const lastDay = addDays(today, -1);
  // The chunk to load; the day chances still come from the whole history (they follow its trend).
  const from = options.days && options.days.from > options.from ? options.days.from : options.from;
  const yesterday = options.days && options.days.to < lastDay ? options.days.to : lastDay;
  const salt = `'${Math.trunc(seed)}'`;
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    timingsMs[label] = Date.now() - started;
    return result;
  };

  const rates = historyDayRates(options.from, lastDay, today).filter((r) => r.date >= from && r.date <= yesterday);
  // Distinct ids across chunks even if two loaded within the same millisecond.
  const idBase = `${dayOf(from)}::bigint * 4294967296`;
  const column = <K extends keyof (typeof rates)[number]>(key: K) => rates.map((r) => r[key]);
  const [{ rolsuper }] = await em.query<Array<{ rolsuper: boolean }>>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  // Big joins and sorts: enough memory for them not to spill to disk (this transaction only).
  await em.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
  if (rolsuper) await em.query(`SET LOCAL session_replication_role = replica`);

  // Known unavailability, one row per prisoner and half-day it touches (by the prison's day regime), the
  // first kind if two overlap: what the attendance screen would pre-fill as the reason of absence.
  await timed('unavailable-half-days', () =>
    em.query(
      `CREATE TEMPORARY TABLE demo_unavailable_half_day ON COMMIT DROP AS
       SELECT DISTINCT ON (u.prisoner_id, d.date, h.period) u.prisoner_id, d.date::date AS date, h.period, u.kind
         FROM unavailability u
         CROSS JOIN LATERAL generate_series(greatest(u.from_date, $1::date), least(u.to_date, $2::date), interval '1 day') AS d(date)
         JOIN custody_period cp ON cp.prisoner_id = u.prisoner_id AND cp.from_date <= d.date AND (cp.to_date IS NULL OR cp.to_date > d.date)
         JOIN prison p ON p.id = cp.prison_id
         CROSS JOIN LATERAL (VALUES ('AM'::day_period, p.am_start, p.am_end), ('PM'::day_period, p.pm_start, p.pm_end)) AS h(period, start_time, end_time)
        WHERE u.from_date <= $2::date AND u.to_date >= $1::date
          AND CASE WHEN u.period IS NOT NULL THEN u.period = h.period
                   WHEN u.start_time IS NOT NULL THEN u.start_time < h.end_time AND u.end_time > h.start_time
                   ELSE true END
        ORDER BY u.prisoner_id, d.date, h.period, u.kind`,
      [from, yesterday],
    ),
  );
  await em.query(`ANALYZE demo_unavailable_half_day`);

  // Sessions, bookings and attendance in one statement, so that the roster is computed once.
  const [counts] = await timed('sessions-bookings-attendance', () =>
    em.query<Array<{ sessions: number; cancelled: number; bookings: number; attendance: number }>>(HISTORY_SQL(salt, rolsuper, idBase), [
      column('date'),
      column('holiday'),
      column('staffAbsent'),
      column('training'),
      column('lockdown'),
      column('sick'),
      column('refused'),
      column('halfDayAbsent'),
      column('unrecorded'),
    ]),
  );

  // Still without triggers: those on prisoner_day are foreign keys (true by construction) and the read-version
  // touch, made up for below.
  await timed('prisoner-days', () => options.refreshPrisonerDays(em, { from, to: yesterday }));
  if (rolsuper) {
    await em.query(`SET LOCAL session_replication_role = origin`);
    // The cached week plans and rates were computed without these rows: their read versions must move.
    await em.query(TOUCH_ALL_READ_VERSIONS_SQL);
  }
  return {
    sessions: counts.sessions,
    cancelledSessions: counts.cancelled,
    bookings: counts.bookings,
    attendance: counts.attendance,
    timingsMs,
  };
}

const WORK_MEM = '128MB';

/**
 * $1.. the weekdays of the history and their chances (see HistoryDayRates). With triggers off, each
 * session is inserted with its roster count; with triggers on, the booking trigger counts it.
 */
const HISTORY_SQL = (salt: string, countHere: boolean, idBase: string) => `
WITH r AS (
  SELECT * FROM unnest($1::date[], $2::boolean[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
    AS r(date, holiday, staff_absent, training, lockdown, sick, refused, half_day, unrecorded)
), planned AS (
  -- Every slot's session on every weekday in its activity's dates (no public holidays unless it runs on them),
  -- cancelled when its staff member is away that day (so a workshop officer's whole day goes), the prison is
  -- locked down, or (rarely) the room is unavailable.
  SELECT md5(sl.id::text || r.date::text)::uuid AS id, a.id AS activity_id, sl.id AS slot_id, a.prison_id, r.date, sl.period,
         coalesce(sl.start_time, CASE WHEN sl.period = 'AM' THEN p.am_start ELSE p.pm_start END) AS start_time,
         coalesce(sl.end_time, CASE WHEN sl.period = 'AM' THEN p.am_end ELSE p.pm_end END) AS end_time,
         sl.staff_member_id, a.capacity,
         (r.date + coalesce(sl.end_time, CASE WHEN sl.period = 'AM' THEN p.am_end ELSE p.pm_end END)) AT TIME ZONE 'Europe/Oslo' AS ended_at,
         (CASE
            WHEN ${uniform(`p.id::text || r.date::text || ${salt}`)} < r.lockdown THEN 'LOCKDOWN'
            WHEN ${fromHex('substr(st.hex, 1, 8)')} < r.staff_absent THEN
              CASE WHEN ${fromHex('substr(st.hex, 9, 8)')} < r.training THEN 'STAFF_TRAINING' ELSE 'STAFF_UNAVAILABLE' END
            WHEN ${uniform(`a.id::text || r.date::text || 'room' || ${salt}`)} < 0.002 THEN 'LOCATION_UNAVAILABLE'
          END)::cancellation_reason AS cancellation_reason
    FROM activity_slot sl
    JOIN activity a ON a.id = sl.activity_id
    JOIN prison p ON p.id = a.prison_id
    JOIN r ON extract(isodow FROM r.date) = sl.weekday
    -- The staff member's day (or the activity's, if it has no one): away or not, and why.
    CROSS JOIN LATERAL (SELECT md5(coalesce(sl.staff_member_id, a.id)::text || r.date::text || ${salt}) AS hex) st
   WHERE r.date >= a.start_date AND (a.end_date IS NULL OR r.date <= a.end_date)
     AND (a.runs_on_public_holidays OR NOT r.holiday)
), roster AS MATERIALIZED (
  -- Each allocation's sessions (its dates and pattern); the allocations respect capacity by construction.
  -- In prisoner and date order: the indexes by prisoner (and prisoner-days, which read them so) grow at the end.
  -- day_hex: one hash per prisoner and day (for the attendance draws), made here once per row: written in the
  -- attendance statement below, the planner would copy it into each of its uses there.
  SELECT row_number() OVER (ORDER BY al.prisoner_id, s.date, s.period) AS n, s.id AS session_id, al.prisoner_id, al.id AS allocation_id, s.prison_id, s.date, s.period,
         s.ended_at, s.cancellation_reason, md5(al.prisoner_id::text || s.date::text || ${salt}) AS day_hex
    FROM allocation al
    JOIN planned s ON s.activity_id = al.activity_id AND s.date BETWEEN al.start_date AND coalesce(al.end_date, s.date)
   WHERE ${patternCoversSql('al', 's')}
), new_sessions AS (
  INSERT INTO "session" (id, activity_id, slot_id, prison_id, date, period, start_time, end_time, staff_member_id, capacity, booked,
                         cancelled_at, cancellation_reason)
  SELECT s.id, s.activity_id, s.slot_id, s.prison_id, s.date, s.period, s.start_time, s.end_time, s.staff_member_id, s.capacity,
         ${countHere ? 'coalesce(n.booked, 0)' : '0'},
         CASE WHEN s.cancellation_reason IS NOT NULL THEN ((s.date - 1) + time '15:30') AT TIME ZONE 'Europe/Oslo' END, s.cancellation_reason
    FROM planned s
    LEFT JOIN (SELECT session_id, count(*)::int AS booked FROM roster GROUP BY session_id) n ON n.session_id = s.id
  RETURNING cancellation_reason
), new_bookings AS (
  INSERT INTO booking (id, session_id, prisoner_id, allocation_id, date, period)
  SELECT ${timeOrderedId('b00', `${idBase} + n`)}, session_id, prisoner_id, allocation_id, date, period FROM roster
  RETURNING 1
), new_attendance AS (
  -- Sessions that ran: absent when a known unavailability covers the half-day (the reason the attendance
  -- screen pre-fills), sick or refusing for the day, or away for one half-day; otherwise attended. In the last
  -- week some sessions are not recorded yet.
  INSERT INTO attendance (id, session_id, prisoner_id, prison_id, date, period, outcome, absence_reason, recorded_at, updated_at)
  SELECT ${timeOrderedId('a00', `${idBase} + b.n`)}, b.session_id, b.prisoner_id, b.prison_id, b.date, b.period,
         (CASE WHEN x.reason IS NULL THEN 'ATTENDED' ELSE 'ABSENT' END)::attendance_outcome, x.reason, b.ended_at, b.ended_at
    FROM roster b
    JOIN r ON r.date = b.date
    LEFT JOIN demo_unavailable_half_day du ON du.prisoner_id = b.prisoner_id AND du.date = b.date AND du.period = b.period
    -- The prisoner's day hash: its first 8 hex digits draw for the day, the next 8 (AM) or 8 after (PM) for the half-day.
    CROSS JOIN LATERAL (SELECT ${fromHex('substr(b.day_hex, 1, 8)')} AS day_draw,
                               ${fromHex(`substr(b.day_hex, CASE WHEN b.period = 'AM' THEN 9 ELSE 17 END, 8)`)} AS half_draw) h
    CROSS JOIN LATERAL (
      SELECT (CASE
        WHEN du.kind IS NOT NULL THEN
          CASE du.kind WHEN 'EXCLUDED_FROM_COMPANY' THEN 'OTHER_CLASH' WHEN 'OTHER' THEN 'OTHER_CLASH' ELSE du.kind::text END
        WHEN h.day_draw < r.sick THEN 'SICK'
        WHEN h.day_draw < r.sick + r.refused THEN 'REFUSED'
        WHEN h.half_draw < r.half_day THEN
          (ARRAY['HEALTH_APPOINTMENT', 'OTHER_CLASH', 'NOT_REQUIRED', 'VISIT', 'LAWYER'])[1 + floor(h.half_draw / r.half_day * 5)::int]
      END)::absence_reason AS reason
    ) x
   WHERE b.cancellation_reason IS NULL
     AND CASE WHEN r.unrecorded = 0 THEN true ELSE ${uniform(`b.session_id::text || ${salt}`)} >= r.unrecorded END
  RETURNING 1
)
SELECT (SELECT count(*) FROM new_sessions)::int AS sessions,
       (SELECT count(cancellation_reason) FROM new_sessions)::int AS cancelled,
       (SELECT count(*) FROM new_bookings)::int AS bookings,
       (SELECT count(*) FROM new_attendance)::int AS attendance`;
