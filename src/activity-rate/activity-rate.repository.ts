import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IsoDate } from '../calendar/domain/oslo-time';
import { RateRow } from './domain/prisoner-day';
import { RateGroupBy } from './dto/activity-rate.dto';

/** Which prisoner-days a figure covers: a date range and at most one of region, prison or unit. */
export interface RateFilter {
  from: IsoDate;
  to: IsoDate;
  regionId?: string;
  prisonId?: string;
  unitId?: string;
}

export interface KeyedRateRow extends RateRow {
  key: string;
  label: string;
}

export interface PrisonerRateRow extends RateRow {
  prisonerId: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  unitId: string;
  unitName: string;
}

export interface PrisonerDayRecord {
  date: string;
  prisonId: string;
  prisonName: string;
  unitId: string;
  unitName: string;
  plannedActive: boolean;
  realisedActive: boolean;
  reason: string | null;
  cancellationReason: string | null;
  absenceReason: string | null;
  activityKind: string | null;
}

// Group keys over the rollup (alias r = prison_day_rate, p = prison, rg = region, u = unit).
const ROLLUP_KEYS: Record<Exclude<RateGroupBy, RateGroupBy.KIND> | 'none', { key: string; label: string }> = {
  none: { key: `'total'`, label: `'total'` },
  [RateGroupBy.DAY]: { key: `r.date::text`, label: `r.date::text` },
  [RateGroupBy.WEEK]: { key: `to_char(r.date, 'IYYY-"W"IW')`, label: `to_char(r.date, 'IYYY-"W"IW')` },
  [RateGroupBy.MONTH]: { key: `to_char(r.date, 'YYYY-MM')`, label: `to_char(r.date, 'YYYY-MM')` },
  [RateGroupBy.REGION]: { key: `p.region_id::text`, label: `rg.name` },
  [RateGroupBy.PRISON]: { key: `r.prison_id::text`, label: `p.name` },
  [RateGroupBy.UNIT]: { key: `r.unit_id::text`, label: `p.name || ' – ' || u.name` },
};

const REASON_COUNTS = `json_build_object(
  'NO_OFFER', count(*) FILTER (WHERE pd.reason = 'NO_OFFER'), 'SESSION_CANCELLED', count(*) FILTER (WHERE pd.reason = 'SESSION_CANCELLED'),
  'ABSENT', count(*) FILTER (WHERE pd.reason = 'ABSENT'), 'NOT_RECORDED', count(*) FILTER (WHERE pd.reason = 'NOT_RECORDED'),
  'EXCLUDED', count(*) FILTER (WHERE pd.reason = 'EXCLUDED'))`;

type RawRateRow = {
  key: string;
  label: string;
  prisoner_days: string;
  planned: string;
  realised: string;
  reasons: Record<string, string | number>;
};

/** Reads of the activity measure: SQL aggregation over the rollup (or prisoner_day where the rollup has no key). */
@Injectable()
export class ActivityRateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rateGroups(filter: RateFilter, groupBy: RateGroupBy | null): Promise<KeyedRateRow[]> {
    if (groupBy === RateGroupBy.KIND) return this.kindGroups(filter);
    const { key, label } = ROLLUP_KEYS[groupBy ?? 'none'];
    const rows = await this.dataSource.query<RawRateRow[]>(
      `SELECT ${key} AS key, min(${label}) AS label,
              sum(r.prisoner_days) AS prisoner_days, sum(r.planned_active_days) AS planned, sum(r.realised_active_days) AS realised,
              json_build_object('NO_OFFER', sum(r.no_offer), 'SESSION_CANCELLED', sum(r.session_cancelled), 'ABSENT', sum(r.absent),
                                'NOT_RECORDED', sum(r.not_recorded), 'EXCLUDED', sum(r.excluded)) AS reasons
         FROM prison_day_rate r
         JOIN prison p ON p.id = r.prison_id
         JOIN region rg ON rg.id = p.region_id
         ${groupBy === RateGroupBy.UNIT ? 'JOIN unit u ON u.id = r.unit_id' : ''}
        WHERE r.date BETWEEN $1 AND $2
          AND ($3::uuid IS NULL OR p.region_id = $3) AND ($4::uuid IS NULL OR r.prison_id = $4) AND ($5::uuid IS NULL OR r.unit_id = $5)
        GROUP BY 1 ORDER BY 2, 1`,
      [filter.from, filter.to, filter.regionId ?? null, filter.prisonId ?? null, filter.unitId ?? null],
    );
    return rows.map(toKeyedRow);
  }

  /** By the day's activity kind (prisoner_day.activity_kind; NONE when the prisoner had no session that day). */
  private async kindGroups(filter: RateFilter): Promise<KeyedRateRow[]> {
    const rows = await this.dataSource.query<RawRateRow[]>(
      `SELECT coalesce(pd.activity_kind::text, 'NONE') AS key, coalesce(pd.activity_kind::text, 'NONE') AS label,
              count(*) AS prisoner_days, count(*) FILTER (WHERE pd.planned_active) AS planned, count(*) FILTER (WHERE pd.realised_active) AS realised,
              ${REASON_COUNTS} AS reasons
         FROM prisoner_day pd
         JOIN prison p ON p.id = pd.prison_id
        WHERE pd.date BETWEEN $1 AND $2
          AND ($3::uuid IS NULL OR p.region_id = $3) AND ($4::uuid IS NULL OR pd.prison_id = $4) AND ($5::uuid IS NULL OR pd.unit_id = $5)
        GROUP BY 1 ORDER BY 1`,
      [filter.from, filter.to, filter.regionId ?? null, filter.prisonId ?? null, filter.unitId ?? null],
    );
    return rows.map(toKeyedRow);
  }

  /** The latest day of the range on which the prison lost days as absent, and as not recorded (null: none). */
  async latestAttendanceLosses(
    prisonId: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ absent: IsoDate | null; notRecorded: IsoDate | null }> {
    const [row] = await this.dataSource.query<Array<{ absent: string | null; not_recorded: string | null }>>(
      `SELECT to_char(max(date) FILTER (WHERE absent > 0), 'YYYY-MM-DD') AS absent,
              to_char(max(date) FILTER (WHERE not_recorded > 0), 'YYYY-MM-DD') AS not_recorded
         FROM prison_day_rate WHERE prison_id = $1 AND date BETWEEN $2 AND $3`,
      [prisonId, from, to],
    );
    return { absent: row?.absent ?? null, notRecorded: row?.not_recorded ?? null };
  }

  /** The prisoners of a prison with the lowest realised rate over the range (their days at that prison). */
  async leastActive(prisonId: string, from: IsoDate, to: IsoDate, limit: number): Promise<PrisonerRateRow[]> {
    const rows = await this.dataSource.query<
      Array<
        RawRateRow & {
          prisoner_id: string;
          prisoner_number: string;
          first_name: string;
          last_name: string;
          unit_id: string;
          unit_name: string;
        }
      >
    >(
      `WITH per_prisoner AS (
         SELECT pd.prisoner_id, count(*) AS prisoner_days, count(*) FILTER (WHERE pd.planned_active) AS planned,
                count(*) FILTER (WHERE pd.realised_active) AS realised, ${REASON_COUNTS} AS reasons,
                (array_agg(pd.unit_id ORDER BY pd.date DESC))[1] AS unit_id
           FROM prisoner_day pd
          WHERE pd.prison_id = $1 AND pd.date BETWEEN $2 AND $3
          GROUP BY pd.prisoner_id
       )
       SELECT x.*, pr.prisoner_number, pr.first_name, pr.last_name, u.name AS unit_name
         FROM per_prisoner x JOIN prisoner pr ON pr.id = x.prisoner_id JOIN unit u ON u.id = x.unit_id
        ORDER BY x.realised::float / x.prisoner_days, x.prisoner_days DESC, pr.last_name, pr.first_name, pr.id
        LIMIT $4`,
      [prisonId, from, to, limit],
    );
    return rows.map((r) => ({
      ...toKeyedRow({ ...r, key: r.prisoner_id, label: r.prisoner_number }),
      prisonerId: r.prisoner_id,
      prisonerNumber: r.prisoner_number,
      firstName: r.first_name,
      lastName: r.last_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
    }));
  }

  /** A prisoner's days, oldest first; only at the given prisons unless `prisonIds` is undefined (all). */
  async prisonerDays(
    prisonerId: string,
    from: IsoDate,
    to: IsoDate,
    prisonIds: readonly string[] | undefined,
  ): Promise<PrisonerDayRecord[]> {
    return this.dataSource.query<PrisonerDayRecord[]>(
      `SELECT pd.date::text AS date, pd.prison_id AS "prisonId", p.name AS "prisonName", pd.unit_id AS "unitId", u.name AS "unitName",
              pd.planned_active AS "plannedActive", pd.realised_active AS "realisedActive", pd.reason, pd.cancellation_reason AS "cancellationReason",
              pd.absence_reason AS "absenceReason", pd.activity_kind AS "activityKind"
         FROM prisoner_day pd JOIN prison p ON p.id = pd.prison_id JOIN unit u ON u.id = pd.unit_id
        WHERE pd.prisoner_id = $1 AND pd.date BETWEEN $2 AND $3 AND ($4::uuid[] IS NULL OR pd.prison_id = ANY($4))
        ORDER BY pd.date`,
      [prisonerId, from, to, prisonIds ?? null],
    );
  }

  async regionName(id: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM region WHERE id = $1`, [id]);
    return row?.name ?? null;
  }

  async prison(id: string): Promise<{ name: string } | null> {
    const [row] = await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM prison WHERE id = $1`, [id]);
    return row ?? null;
  }

  async unit(id: string): Promise<{ name: string; prisonId: string } | null> {
    const [row] = await this.dataSource.query<Array<{ name: string; prisonId: string }>>(
      `SELECT p.name || ' – ' || u.name AS name, u.prison_id AS "prisonId" FROM unit u JOIN prison p ON p.id = u.prison_id WHERE u.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Whether the prisoner exists and was ever held at one of the prisons (any prison when undefined). */
  async prisonerHeldAt(prisonerId: string, prisonIds: readonly string[] | undefined): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ ok: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM prisoner pr WHERE pr.id = $1
                        AND ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM custody_period cp WHERE cp.prisoner_id = pr.id AND cp.prison_id = ANY($2)))) AS ok`,
      [prisonerId, prisonIds ?? null],
    );
    return row.ok;
  }
}

function toKeyedRow(r: RawRateRow): KeyedRateRow {
  const reasons = Object.fromEntries(Object.entries(r.reasons).map(([k, v]) => [k, Number(v)]));
  return {
    key: r.key,
    label: r.label,
    prisonerDays: Number(r.prisoner_days),
    plannedActiveDays: Number(r.planned),
    realisedActiveDays: Number(r.realised),
    reasons,
  };
}
