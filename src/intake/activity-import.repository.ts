import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ActivityKind, DayPeriod } from '../activities/activity.enums';
import { Employer } from '../staff/staff.enums';
import { SecurityLevel } from '../organisation/organisation.enums';

export interface StoredSlot {
  weekday: number;
  period: DayPeriod;
  startTime: string | null;
  endTime: string | null;
  staffMemberId: string | null;
}

/** An activity of the prison as the catalogue import compares it. */
export interface StoredActivity {
  id: string;
  kind: ActivityKind;
  category: string;
  name: string;
  description: string;
  location: string;
  capacity: number;
  maxCapacity: number | null;
  provider: Employer;
  providerName: string | null;
  securityLevels: SecurityLevel[];
  minAge: number | null;
  maxAge: number | null;
  requiresReferral: boolean;
  runsOnPublicHolidays: boolean;
  startDate: string;
  endDate: string | null;
  slots: StoredSlot[];
}

@Injectable()
export class ActivityImportRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async prisonExists(prisonId: string): Promise<boolean> {
    return (await this.txHost.tx.query<unknown[]>(`SELECT 1 FROM prison WHERE id = $1`, [prisonId])).length > 0;
  }

  /** One catalogue (or population) import of a prison at a time: the row lock on the prison, till the transaction ends. */
  async lockPrison(prisonId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM prison WHERE id = $1 FOR UPDATE`, [prisonId]);
  }

  async findActivities(prisonId: string): Promise<StoredActivity[]> {
    return this.txHost.tx.query<StoredActivity[]>(
      `SELECT a.id, a.kind, a.category, a.name, a.description, a.location, a.capacity, a.max_capacity AS "maxCapacity",
              a.provider, a.provider_name AS "providerName", a.security_levels::text[] AS "securityLevels",
              a.min_age AS "minAge", a.max_age AS "maxAge", a.requires_referral AS "requiresReferral",
              a.runs_on_public_holidays AS "runsOnPublicHolidays", to_char(a.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(a.end_date, 'YYYY-MM-DD') AS "endDate",
              COALESCE((SELECT json_agg(json_build_object('weekday', s.weekday, 'period', s.period,
                                 'startTime', to_char(s.start_time, 'HH24:MI'), 'endTime', to_char(s.end_time, 'HH24:MI'),
                                 'staffMemberId', s.staff_member_id) ORDER BY s.weekday, s.period)
                        FROM activity_slot s WHERE s.activity_id = a.id), '[]'::json) AS slots
         FROM activity a
        WHERE a.prison_id = $1
        ORDER BY a.name, a.id`,
      [prisonId],
    );
  }
}
