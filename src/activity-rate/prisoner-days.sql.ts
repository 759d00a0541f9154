// The statements that turn custody, bookings, sessions, attendance and exclusions into prisoner-days.
// They implement the reference in test/support/prisoner-day-oracle.ts (classifyPrisonerDay, prisonerDaysInRange);
// the e2e specs check them against the same worked examples.

/**
 * The prisoner-days in scope, computed from the source tables, as common table expressions ending in
 * "computed" (one row per prisoner per counted day held, with its status). Parameters:
 *
 * $1 date[] the counted days in the range (the rule lives in TypeScript: calendar/domain/counted-days.ts)
 * $2, $3    the range (inclusive)
 * $4 bool   every prisoner in the country
 * $5 uuid[] prisoner ids; $6 uuid[] prison ids (every prisoner held there, or recorded there, in the range)
 */
export const PRISONER_DAY_CTES = `
days AS (
  SELECT unnest($1::date[]) AS date
), scope AS (
  SELECT unnest($5::uuid[]) AS prisoner_id
  UNION
  SELECT cp.prisoner_id FROM custody_period cp
   WHERE cp.prison_id = ANY($6::uuid[]) AND cp.from_date <= $3::date AND (cp.to_date IS NULL OR cp.to_date > $2::date)
  UNION
  SELECT pd.prisoner_id FROM prisoner_day pd WHERE pd.prison_id = ANY($6::uuid[]) AND pd.date BETWEEN $2::date AND $3::date
), held AS (
  -- Held from the arrival day to the day before release or transfer out; periods never overlap, so the
  -- transfer day belongs to the receiving prison.
  SELECT cp.prisoner_id, d.date, cp.prison_id, cp.unit_id
    FROM custody_period cp
    JOIN days d ON d.date >= cp.from_date AND (cp.to_date IS NULL OR d.date < cp.to_date)
   WHERE cp.from_date <= $3::date AND (cp.to_date IS NULL OR cp.to_date > $2::date)
     AND ($4::boolean OR cp.prisoner_id IN (SELECT prisoner_id FROM scope))
), day_session AS (
  -- The prisoner's sessions that day: booked (the plan), or with attendance recorded.
  SELECT h.prisoner_id, h.date, b.session_id FROM held h JOIN booking b ON b.prisoner_id = h.prisoner_id AND b.date = h.date
  UNION
  SELECT h.prisoner_id, h.date, a.session_id FROM held h JOIN attendance a ON a.prisoner_id = h.prisoner_id AND a.date = h.date
), day_summary AS (
  SELECT x.prisoner_id, x.date,
         bool_or(s.cancelled_at IS NULL) AS planned,
         bool_or(s.cancelled_at IS NULL AND a.outcome IS NOT DISTINCT FROM 'ATTENDED') AS realised,
         bool_or(s.cancelled_at IS NULL AND a.id IS NULL) AS unrecorded,
         (array_agg(a.absence_reason ORDER BY s.start_time, s.period) FILTER (WHERE s.cancelled_at IS NULL AND a.outcome = 'ABSENT'))[1] AS absence_reason,
         (array_agg(s.cancellation_reason ORDER BY s.start_time, s.period) FILTER (WHERE s.cancelled_at IS NOT NULL))[1] AS cancellation_reason,
         -- The day's kind: the first attended session's, else the first held one's, else the first cancelled one's.
         (array_agg(act.kind ORDER BY (s.cancelled_at IS NULL AND a.outcome IS NOT DISTINCT FROM 'ATTENDED') DESC, (s.cancelled_at IS NULL) DESC, s.start_time, s.period))[1] AS kind
    FROM day_session x
    JOIN "session" s ON s.id = x.session_id
    JOIN activity act ON act.id = s.activity_id
    LEFT JOIN attendance a ON a.session_id = x.session_id AND a.prisoner_id = x.prisoner_id
   GROUP BY x.prisoner_id, x.date
), classified AS (
  SELECT h.prisoner_id, h.date, h.prison_id, h.unit_id,
         coalesce(ds.planned, false) AS planned_active,
         coalesce(ds.realised, false) AS realised_active,
         CASE
           WHEN coalesce(ds.realised, false) THEN NULL
           WHEN EXISTS (SELECT 1 FROM unavailability u
                         WHERE u.prisoner_id = h.prisoner_id AND u.kind = 'EXCLUDED_FROM_COMPANY'
                           AND h.date BETWEEN u.from_date AND u.to_date) THEN 'EXCLUDED'
           WHEN ds.unrecorded THEN 'NOT_RECORDED'
           WHEN ds.absence_reason IS NOT NULL THEN 'ABSENT'
           WHEN ds.prisoner_id IS NOT NULL THEN 'SESSION_CANCELLED'
           ELSE 'NO_OFFER'
         END::prisoner_day_reason AS reason,
         ds.cancellation_reason, ds.absence_reason, ds.kind
    FROM held h
    LEFT JOIN day_summary ds ON ds.prisoner_id = h.prisoner_id AND ds.date = h.date
), computed AS (
  SELECT c.prisoner_id, c.date, c.prison_id, c.unit_id, c.planned_active, c.realised_active, c.reason,
         CASE WHEN c.reason = 'SESSION_CANCELLED' THEN c.cancellation_reason END AS cancellation_reason,
         CASE WHEN c.reason = 'ABSENT' THEN c.absence_reason END AS absence_reason,
         c.kind AS activity_kind
    FROM classified c
)`;

/**
 * One statement: computes every prisoner-day in scope, upserts the rows that differ, deletes the rows in
 * scope that are no longer a counted day in custody, and returns the (prison, date) pairs whose figures
 * may have moved (for the rollup). Parameters as PRISONER_DAY_CTES.
 */
export const REFRESH_PRISONER_DAYS_SQL = `
WITH ${PRISONER_DAY_CTES}, upserted AS (
  INSERT INTO prisoner_day AS pd (prisoner_id, date, prison_id, unit_id, planned_active, realised_active, reason, cancellation_reason, absence_reason, activity_kind, computed_at)
  SELECT prisoner_id, date, prison_id, unit_id, planned_active, realised_active, reason, cancellation_reason, absence_reason, activity_kind, now() FROM computed
  ON CONFLICT (prisoner_id, date) DO UPDATE
     SET prison_id = EXCLUDED.prison_id, unit_id = EXCLUDED.unit_id, planned_active = EXCLUDED.planned_active,
         realised_active = EXCLUDED.realised_active, reason = EXCLUDED.reason, cancellation_reason = EXCLUDED.cancellation_reason,
         absence_reason = EXCLUDED.absence_reason, activity_kind = EXCLUDED.activity_kind, computed_at = EXCLUDED.computed_at
   WHERE (pd.prison_id, pd.unit_id, pd.planned_active, pd.realised_active, pd.reason, pd.cancellation_reason, pd.absence_reason, pd.activity_kind)
         IS DISTINCT FROM (EXCLUDED.prison_id, EXCLUDED.unit_id, EXCLUDED.planned_active, EXCLUDED.realised_active, EXCLUDED.reason, EXCLUDED.cancellation_reason, EXCLUDED.absence_reason, EXCLUDED.activity_kind)
  RETURNING pd.prisoner_id, pd.date, pd.prison_id
), previous AS (
  -- Where updated rows were before (every part of the statement sees the table as it was).
  SELECT old.prison_id, old.date FROM prisoner_day old JOIN upserted u ON u.prisoner_id = old.prisoner_id AND u.date = old.date
), deleted AS (
  DELETE FROM prisoner_day pd
   WHERE pd.date BETWEEN $2::date AND $3::date
     AND ($4::boolean OR pd.prisoner_id IN (SELECT prisoner_id FROM scope))
     AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.prisoner_id = pd.prisoner_id AND c.date = pd.date)
  RETURNING pd.prison_id, pd.date
), touched AS (
  SELECT prison_id, date FROM upserted UNION SELECT prison_id, date FROM previous UNION SELECT prison_id, date FROM deleted
)
SELECT (SELECT count(*) FROM upserted)::int AS written,
       (SELECT count(*) FROM deleted)::int AS deleted,
       (SELECT array_agg(prison_id ORDER BY prison_id, date) FROM touched) AS prison_ids,
       (SELECT array_agg(date::text ORDER BY prison_id, date) FROM touched) AS dates`;

/** Recounts the rollup for the given (prison, date) pairs ($1 uuid[], $2 date[], same length), after their rows were deleted. */
export const REFRESH_RATE_ROLLUP_SQL = `
INSERT INTO prison_day_rate (prison_id, date, unit_id, prisoner_days, planned_active_days, realised_active_days, no_offer, session_cancelled, absent, not_recorded, excluded)
SELECT pd.prison_id, pd.date, pd.unit_id,
       count(*),
       count(*) FILTER (WHERE pd.planned_active),
       count(*) FILTER (WHERE pd.realised_active),
       count(*) FILTER (WHERE pd.reason = 'NO_OFFER'),
       count(*) FILTER (WHERE pd.reason = 'SESSION_CANCELLED'),
       count(*) FILTER (WHERE pd.reason = 'ABSENT'),
       count(*) FILTER (WHERE pd.reason = 'NOT_RECORDED'),
       count(*) FILTER (WHERE pd.reason = 'EXCLUDED')
  FROM prisoner_day pd
  JOIN unnest($1::uuid[], $2::date[]) AS t(prison_id, date) ON t.prison_id = pd.prison_id AND t.date = pd.date
 GROUP BY pd.prison_id, pd.date, pd.unit_id`;
