import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PRISONER_DAY_CTES } from '../activity-rate/prisoner-days.sql';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { WhatIfActivity } from './domain/capacity-what-if';

export interface PrisonRegion {
  prisonId: string;
  prisonName: string;
  regionId: string;
  regionName: string;
}

export interface PlannedWeekRow {
  prisonId: string;
  week: string;
  prisonerDays: number;
  plannedActiveDays: number;
}

/** Realised losses of booked days over a past range (prisoner_day). */
export interface LossHistoryRow {
  /** Days with a session (booked or attended, cancelled or not): the days a plan could lose. */
  bookedDays: number;
  realisedActiveDays: number;
  /** The booked days lost, by their reason; they add up to bookedDays − realisedActiveDays. */
  absent: number;
  sessionCancelled: number;
  notRecorded: number;
  excluded: number;
}

export interface WhatIfActivityRow extends WhatIfActivity {
  name: string;
}

/** Reads of the path to the target: planned days of coming weeks, loss history, activity sizes, staff. */
@Injectable()
export class PathToTargetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async prisonsWithRegion(): Promise<PrisonRegion[]> {
    return this.dataSource.query(
      `SELECT p.id AS "prisonId", p.name AS "prisonName", r.id AS "regionId", r.name AS "regionName"
         FROM prison p JOIN region r ON r.id = p.region_id ORDER BY p.name, p.id`,
    );
  }

  /**
   * Prisoner-days and planned active days per prison and ISO week for future counted days: the very
   * statement that fills prisoner_day (PRISONER_DAY_CTES: custody with its known end, bookings on sessions
   * not cancelled), run on days that prisoner_day does not hold yet. `prisonIds` null = the whole country.
   */
  async plannedDaysByPrisonAndWeek(days: readonly IsoDate[], prisonIds: readonly string[] | null): Promise<PlannedWeekRow[]> {
    if (days.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ prison_id: string; week: string; prisoner_days: string; planned: string }>>(
      `WITH ${PRISONER_DAY_CTES}
       SELECT c.prison_id, to_char(c.date, 'IYYY-"W"IW') AS week, count(*) AS prisoner_days, count(*) FILTER (WHERE c.planned_active) AS planned
         FROM computed c
        WHERE $4::boolean OR c.prison_id = ANY($6::uuid[])
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [days, days[0], days[days.length - 1], prisonIds === null, [], prisonIds ?? []],
    );
    return rows.map((r) => ({
      prisonId: r.prison_id,
      week: r.week,
      prisonerDays: Number(r.prisoner_days),
      plannedActiveDays: Number(r.planned),
    }));
  }

  /**
   * A prison's booked days over a past range and how they were lost. Read from prisoner_day, not the rollup:
   * an excluded day is a lost booked day only when it had a session, and only prisoner_day knows that
   * (activity_kind is null exactly when the day had no session). The rollup's excluded count also holds the
   * excluded days nobody had booked, which made the expected loss by exclusion larger than the plan itself.
   */
  async lossHistory(prisonId: string, from: IsoDate, to: IsoDate): Promise<LossHistoryRow> {
    const [r] = await this.dataSource.query<Array<Record<string, string>>>(
      `SELECT count(*) FILTER (WHERE activity_kind IS NOT NULL) AS booked, count(*) FILTER (WHERE realised_active) AS realised,
              count(*) FILTER (WHERE reason = 'ABSENT') AS absent, count(*) FILTER (WHERE reason = 'SESSION_CANCELLED') AS cancelled,
              count(*) FILTER (WHERE reason = 'NOT_RECORDED') AS not_recorded,
              count(*) FILTER (WHERE reason = 'EXCLUDED' AND activity_kind IS NOT NULL) AS excluded
         FROM prisoner_day WHERE prison_id = $1 AND date BETWEEN $2 AND $3`,
      [prisonId, from, to],
    );
    return {
      bookedDays: Number(r.booked),
      realisedActiveDays: Number(r.realised),
      absent: Number(r.absent),
      sessionCancelled: Number(r.cancelled),
      notRecorded: Number(r.not_recorded),
      excluded: Number(r.excluded),
    };
  }

  async activities(ids: readonly string[]): Promise<WhatIfActivityRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, name, kind::text AS kind, capacity, max_capacity AS "maxCapacity" FROM activity WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  /**
   * For each activity and half-day asked: is a staff member who runs the activity (on a slot or a session)
   * free then, i.e. has no running session of any activity at that date and period?
   */
  async staffFree(
    activityIds: readonly string[],
    halfDays: ReadonlyArray<{ activityId: string; date: IsoDate; period: string }>,
  ): Promise<Set<string>> {
    if (halfDays.length === 0) return new Set();
    const rows = await this.dataSource.query<Array<{ key: string }>>(
      `WITH asked AS (
         SELECT * FROM unnest($2::uuid[], $3::date[], $4::text[]) AS t(activity_id, date, period)
       ), qualified AS (
         SELECT DISTINCT activity_id, staff_member_id FROM activity_slot WHERE activity_id = ANY($1::uuid[]) AND staff_member_id IS NOT NULL
         UNION
         SELECT DISTINCT activity_id, staff_member_id FROM "session" WHERE activity_id = ANY($1::uuid[]) AND staff_member_id IS NOT NULL
       )
       SELECT DISTINCT a.activity_id || '|' || a.date::text || '|' || a.period AS key
         FROM asked a JOIN qualified q ON q.activity_id = a.activity_id
        WHERE NOT EXISTS (SELECT 1 FROM "session" s WHERE s.staff_member_id = q.staff_member_id AND s.date = a.date
                             AND s.period::text = a.period AND s.cancelled_at IS NULL)`,
      [activityIds, halfDays.map((h) => h.activityId), halfDays.map((h) => h.date), halfDays.map((h) => h.period)],
    );
    return new Set(rows.map((r) => r.key));
  }
}
