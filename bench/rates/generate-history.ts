import { DataSource, QueryRunner } from 'typeorm';
import { countedDaysBetween } from '../../src/calendar/domain/counted-days';
import { IsoDate } from '../../src/calendar/domain/oslo-time';

export interface HistorySpec {
  /** Prisoners held on any one day (beds); each bed sees a sequence of stays, each stay a new prisoner. */
  beds: number;
  from: IsoDate;
  to: IsoDate;
}

/**
 * A national history written straight into the source tables with set-based SQL: 45 prisons of very
 * different sizes in 5 regions, 3 units each, stays of 2–24 months (one in six with a transfer half-way),
 * activities (work, school, programmes) with AM/PM sessions on counted days, ~3 % cancelled, bookings for
 * most prisoner-days (many split days), attendance with ~9 % absences and ~1.5 % never recorded, and some
 * exclusions from company. Triggers and foreign keys are off during the load (session_replication_role);
 * check constraints still hold. Deterministic layout; the random parts use a fixed seed.
 */
export async function generateHistory(ds: DataSource, spec: HistorySpec, log: (line: string) => void): Promise<void> {
  const counted = countedDaysBetween(spec.from, spec.to);
  const qr = ds.createQueryRunner();
  await qr.connect();
  // Values are inlined (checked ISO dates and whole numbers), so that one step can hold several statements.
  const step = async (label: string, sql: string) => {
    const t = Date.now();
    await qr.query(sql);
    log(`  ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  if (!Number.isInteger(spec.beds) || !/^\d{4}-\d{2}-\d{2}$/.test(spec.from) || !/^\d{4}-\d{2}-\d{2}$/.test(spec.to))
    throw new RangeError('bad history spec');
  const FROM = `date '${spec.from}'`;
  const TO = `date '${spec.to}'`;
  const COUNTED = `'{${counted.join(',')}}'::date[]`;
  try {
    await qr.query(`SET session_replication_role = replica`);
    // Secondary indexes and unique constraints of the big tables are dropped for the load and built again
    // after it (much faster than maintaining them row by row); primary keys stay.
    const rebuildIndexes = await dropSecondaryIndexes(qr, ['booking', 'attendance']);
    await qr.query(`SELECT setseed(0.2026)`);
    await step(
      'regions, prisons, units',
      `
      INSERT INTO region (code, name) SELECT 'R' || i, 'Region ' || i FROM generate_series(1, 5) i;
      INSERT INTO prison (code, name, region_id, security_level, capacity)
      SELECT 'P' || lpad(i::text, 2, '0'), 'Prison ' || lpad(i::text, 2, '0'), (SELECT id FROM region WHERE code = 'R' || (1 + i % 5)),
             (CASE WHEN i % 3 = 0 THEN 'LOW' ELSE 'HIGH' END)::security_level, 13 + (i * 97) % 380
        FROM generate_series(1, 45) i;
      INSERT INTO unit (prison_id, name, security_level, capacity) SELECT p.id, 'Unit ' || u, p.security_level, p.capacity / 3 + 1 FROM prison p, generate_series(0, 2) u;
      CREATE TEMP TABLE bench_prison AS
        SELECT p.id, (row_number() OVER (ORDER BY p.code) - 1)::int AS no, p.capacity,
               sum(p.capacity) OVER (ORDER BY p.code) AS cum, sum(p.capacity) OVER () AS total FROM prison p;
      CREATE TEMP TABLE bench_unit AS SELECT bp.no AS prison_no, bp.id AS prison_id, (right(u.name, 1))::int AS u, u.id AS unit_id FROM unit u JOIN bench_prison bp ON bp.id = u.prison_id;`,
    );
    await step(
      'beds and stays (prisoners, custody periods)',
      `
      CREATE TEMP TABLE bench_bed AS
        SELECT s AS bed, bp.no AS prison_no FROM generate_series(0, ${spec.beds} - 1) s
          JOIN bench_prison bp ON s < bp.cum * ${spec.beds}::numeric / bp.total AND s >= (bp.cum - bp.capacity) * ${spec.beds}::numeric / bp.total;
      CREATE TEMP TABLE bench_stay AS
        SELECT b.bed, k, b.prison_no, x.len, ${FROM} - (b.bed * 13) % x.len + k * (x.len + b.bed % 4) AS from_date
          FROM bench_bed b
          CROSS JOIN LATERAL (SELECT 60 + (b.bed * 7919) % 660 AS len) x
          CROSS JOIN LATERAL generate_series(0, (${TO} - ${FROM}) / 60 + 2) k
         WHERE ${FROM} - (b.bed * 13) % x.len + k * (x.len + b.bed % 4) <= ${TO}
           AND ${FROM} - (b.bed * 13) % x.len + k * (x.len + b.bed % 4) + x.len > ${FROM};
      ALTER TABLE bench_stay ADD COLUMN prisoner_id uuid;
      UPDATE bench_stay SET prisoner_id = md5('prisoner-' || bed || '-' || k)::uuid;
      INSERT INTO prisoner (id, prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality)
      SELECT prisoner_id, 'B-' || bed || '-' || k, 'Ola' || bed, 'Bench' || k, date '1990-01-01' + (bed * 37 + k) % 9000,
             (CASE WHEN (bed + k) % 4 = 0 THEN 'REMAND' ELSE 'CONVICTED' END)::legal_status, 'NO' FROM bench_stay;
      -- One stay in six is split by a transfer to the next prison half-way; stays still running are open.
      INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date, to_date, end_reason)
      SELECT s.prisoner_id, u.prison_id, u.unit_id, s.from_date,
             CASE WHEN k % 6 = 5 THEN s.from_date + s.len / 2 WHEN s.from_date + s.len > ${TO} THEN NULL ELSE s.from_date + s.len END,
             (CASE WHEN k % 6 = 5 THEN 'TRANSFERRED' WHEN s.from_date + s.len > ${TO} THEN NULL ELSE 'RELEASED' END)::custody_end_reason
        FROM bench_stay s JOIN bench_unit u ON u.prison_no = s.prison_no AND u.u = s.bed % 3
      UNION ALL
      SELECT s.prisoner_id, u.prison_id, u.unit_id, s.from_date + s.len / 2,
             CASE WHEN s.from_date + s.len > ${TO} THEN NULL ELSE s.from_date + s.len END,
             (CASE WHEN s.from_date + s.len > ${TO} THEN NULL ELSE 'RELEASED' END)::custody_end_reason
        FROM bench_stay s JOIN bench_unit u ON u.prison_no = (s.prison_no + 1) % 45 AND u.u = s.bed % 3
       WHERE k % 6 = 5;`,
    );
    await step(
      'activities and sessions',
      `
      ALTER TABLE bench_prison ADD COLUMN n_act int;
      UPDATE bench_prison bp SET n_act = greatest(3, (SELECT count(*) FROM bench_bed b WHERE b.prison_no = bp.no) / 8);
      INSERT INTO activity (id, prison_id, kind, category, name, capacity, provider, security_levels, start_date)
      SELECT md5('activity-' || bp.no || '-' || a)::uuid, bp.id,
             (CASE a % 4 WHEN 1 THEN 'EDUCATION' WHEN 3 THEN 'PROGRAMME' ELSE 'WORK' END)::activity_kind,
             'BENCH', 'Activity ' || bp.no || '-' || a, 1000, 'CORRECTIONAL_SERVICE', ARRAY['HIGH', 'LOW']::security_level[], ${FROM}
        FROM bench_prison bp, generate_series(0, bp.n_act - 1) a;
      INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity, cancelled_at, cancellation_reason, cancellation_note)
      SELECT a.id, a.prison_id, d.date, p.period, CASE p.period WHEN 'AM' THEN time '08:00' ELSE time '12:00' END,
             CASE p.period WHEN 'AM' THEN time '11:30' ELSE time '15:00' END, 1000,
             CASE WHEN c.r < 0.03 THEN now() END,
             CASE WHEN c.r < 0.03 THEN (ARRAY['STAFF_UNAVAILABLE', 'STAFF_UNAVAILABLE', 'STAFF_TRAINING', 'LOCATION_UNAVAILABLE', 'LOCKDOWN', 'OTHER'])[least(6, 1 + floor(c.r / 0.005)::int)]::cancellation_reason END,
             CASE WHEN c.r < 0.03 AND least(6, 1 + floor(c.r / 0.005)::int) = 6 THEN 'Bench' END
        FROM activity a, unnest(${COUNTED}) d(date), (VALUES ('AM'::day_period), ('PM'::day_period)) p(period), LATERAL (SELECT random() + 0 * extract(day FROM d.date) AS r) c;`,
    );
    await step(
      'prisoner-days held (scratch)',
      `
      CREATE TEMP TABLE bench_day AS
        SELECT cp.prisoner_id, d.date, bp.no AS prison_no, bp.n_act, abs(hashtext(cp.prisoner_id::text)) AS h
          FROM custody_period cp JOIN bench_prison bp ON bp.id = cp.prison_id
          JOIN unnest(${COUNTED}) d(date) ON d.date >= cp.from_date AND (cp.to_date IS NULL OR d.date < cp.to_date);`,
    );
    await step(
      'bookings (AM, and PM on most days: split days)',
      `
      -- The offer varies by prison (72–86 %) and improves over the years (+6 points).
      INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
      SELECT s.id, x.prisoner_id, md5('allocation-' || x.prisoner_id || '-' || x.act)::uuid, x.date, x.period
        FROM (SELECT d.prisoner_id, d.date, p.period,
                     md5('activity-' || d.prison_no || '-' || ((d.h + CASE WHEN p.period = 'PM' AND d.h % 3 = 0 THEN 1 ELSE 0 END) % d.n_act))::uuid AS act_id,
                     (d.h + CASE WHEN p.period = 'PM' AND d.h % 3 = 0 THEN 1 ELSE 0 END) % d.n_act AS act,
                     0.72 + 0.15 * ((d.prison_no * 7) % 10) / 10.0 + 0.06 * (d.date - ${FROM}) / greatest(1, ${TO} - ${FROM}) AS p_offer,
                     CASE WHEN p.period = 'AM' THEN 1.0 ELSE 0.75 END AS p_half
                FROM bench_day d, (VALUES ('AM'::day_period), ('PM'::day_period)) p(period)) x
        JOIN "session" s ON s.activity_id = x.act_id AND s.date = x.date AND s.period = x.period
       WHERE random() < x.p_offer * x.p_half;
      INSERT INTO allocation (id, prisoner_id, activity_id, prison_id, start_date, pattern)
      SELECT DISTINCT ON (b.allocation_id) b.allocation_id, b.prisoner_id, s.activity_id, s.prison_id, ${FROM}, 'ALL'::allocation_pattern
        FROM booking b JOIN "session" s ON s.id = b.session_id;`,
    );
    await step(
      'attendance (≈ 9 % absent, ≈ 1.5 % not recorded)',
      `
      INSERT INTO attendance (session_id, prisoner_id, prison_id, date, period, outcome, absence_reason, absence_note)
      SELECT y.session_id, y.prisoner_id, y.prison_id, y.date, y.period,
             (CASE WHEN y.reason IS NULL THEN 'ATTENDED' ELSE 'ABSENT' END)::attendance_outcome,
             y.reason::absence_reason, CASE WHEN y.reason = 'OTHER' THEN 'Bench' END
        FROM (SELECT x.*, CASE WHEN x.r >= 0.91 THEN (ARRAY['SICK', 'SICK', 'SICK', 'REFUSED', 'REFUSED', 'COURT', 'VISIT', 'HEALTH_APPOINTMENT', 'LAWYER', 'OTHER_CLASH', 'NOT_REQUIRED', 'LEAVE', 'OTHER'])[least(13, 1 + floor((x.r - 0.91) / 0.09 * 13)::int)] END AS reason
                FROM (SELECT b.session_id, b.prisoner_id, s.prison_id, b.date, b.period, random() AS r
                        FROM booking b JOIN "session" s ON s.id = b.session_id WHERE s.cancelled_at IS NULL) x) y
       WHERE random() >= 0.015;`,
    );
    await step(
      'exclusions from company',
      `
      INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, note)
      SELECT prisoner_id, 'EXCLUDED_FROM_COMPANY', from_date + 10, from_date + 16, 'Bench' FROM bench_stay WHERE (bed + k) % 40 = 0;`,
    );
    await step('indexes and unique constraints rebuilt', rebuildIndexes.join(';\n'));
    await qr.query(`SET session_replication_role = origin`);
    await step('analyze', `ANALYZE`);
  } finally {
    await qr.release();
  }
}

/** Drops the unique constraints (other than primary keys) and plain indexes of the tables; returns the DDL that restores them. */
async function dropSecondaryIndexes(qr: QueryRunner, tables: string[]): Promise<string[]> {
  const constraints: Array<{ table: string; name: string; def: string }> = await qr.query(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.conrelid = ANY($1::regclass[]) AND c.contype = 'u'`,
    [tables],
  );
  const indexes: Array<{ name: string; def: string }> = await qr.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const c of constraints) await qr.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await qr.query(`DROP INDEX ${i.name}`);
  return [...constraints.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.def}`), ...indexes.map((i) => i.def)];
}
