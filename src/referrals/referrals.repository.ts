import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';
import { ReferralDto } from './dto/referral.dto';
import { ReferralSource, ReferralStatus } from './referral.enums';

export interface ActivityRef {
  id: string;
  prisonId: string;
  name: string;
  endDate: IsoDate | null;
}

export interface ReferralState {
  id: string;
  status: ReferralStatus;
  prisonId: string;
}

export interface NewReferral {
  prisonerId: string;
  activityId: string;
  requestedBy: ReferralSource;
  note: string;
  createdByUserId: string;
  createdAt: Date;
}

/** Which referrals to list: one, an activity's (by status), or a prisoner's (within prisons). */
export type ReferralSelection =
  { id: string } | { activityId: string; statuses: readonly ReferralStatus[] } | { prisonerId: string; prisonIds: string[] | undefined };

type Row = Omit<ReferralDto, 'createdAt' | 'decidedAt'> & { createdAt: Date; decidedAt: Date | null };

@Injectable()
export class ReferralsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async findActivity(id: string): Promise<ActivityRef | undefined> {
    const rows = await this.txHost.tx.query<ActivityRef[]>(
      `SELECT id, prison_id AS "prisonId", name, to_char(end_date, 'YYYY-MM-DD') AS "endDate" FROM activity WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async isHeldAt(prisonerId: string, prisonId: string, onDate: IsoDate): Promise<boolean> {
    const rows = await this.txHost.tx.query<unknown[]>(
      `SELECT 1 FROM custody_period WHERE prisoner_id = $1 AND prison_id = $2 AND from_date <= $3::date AND (to_date IS NULL OR to_date > $3::date)`,
      [prisonerId, prisonId, onDate],
    );
    return rows.length > 0;
  }

  async findOpen(prisonerId: string, activityId: string): Promise<ReferralState | undefined> {
    const rows = await this.txHost.tx.query<ReferralState[]>(
      `SELECT r.id, r.status, a.prison_id AS "prisonId" FROM referral r JOIN activity a ON a.id = r.activity_id
        WHERE r.prisoner_id = $1 AND r.activity_id = $2 AND r.status IN ('PENDING', 'APPROVED')`,
      [prisonerId, activityId],
    );
    return rows[0];
  }

  async insert(v: NewReferral): Promise<string> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO referral (prisoner_id, activity_id, requested_by, note, created_by_user_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [v.prisonerId, v.activityId, v.requestedBy, v.note, v.createdByUserId, v.createdAt],
    );
    return rows[0].id;
  }

  async findState(id: string): Promise<ReferralState | undefined> {
    const rows = await this.txHost.tx.query<ReferralState[]>(
      `SELECT r.id, r.status, a.prison_id AS "prisonId" FROM referral r JOIN activity a ON a.id = r.activity_id WHERE r.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * Moves the referral to `to` only if it is still in one of `from`: the row lock and the re-checked
   * WHERE serialise concurrent decisions, and only the first finds the status it expects.
   */
  async transition(
    id: string,
    to: ReferralStatus,
    from: readonly ReferralStatus[],
    decision: { note: string | null; userId: string; at: Date },
  ): Promise<boolean> {
    const [rows] = await this.txHost.tx.query<[Array<{ id: string }>, number]>(
      `UPDATE referral SET status = $2, decision_note = $4, decided_by_user_id = $5, decided_at = $6, updated_at = $6
        WHERE id = $1 AND status = ANY($3::referral_status[]) RETURNING id`,
      [id, to, from, decision.note, decision.userId, decision.at],
    );
    return rows.length > 0;
  }

  /** APPROVED → ALLOCATED for the prisoner and activity, within the caller's transaction. Keeps the approval's decision fields. */
  async markAllocated(prisonerId: string, activityId: string, from: readonly ReferralStatus[], at: Date): Promise<boolean> {
    const [rows] = await this.txHost.tx.query<[Array<{ id: string }>, number]>(
      `UPDATE referral SET status = 'ALLOCATED', updated_at = $4
        WHERE prisoner_id = $1 AND activity_id = $2 AND status = ANY($3::referral_status[]) RETURNING id`,
      [prisonerId, activityId, from, at],
    );
    return rows.length > 0;
  }

  /** markAllocated for many (prisoner, activity) pairs in one statement; answers how many referrals moved. */
  async markAllocatedMany(
    pairs: ReadonlyArray<{ prisonerId: string; activityId: string }>,
    from: readonly ReferralStatus[],
    at: Date,
  ): Promise<number> {
    if (pairs.length === 0) return 0;
    const [{ n }] = await this.txHost.tx.query<Array<{ n: number }>>(
      `WITH moved AS (
         UPDATE referral r SET status = 'ALLOCATED', updated_at = $4
           FROM unnest($1::uuid[], $2::uuid[]) AS p(prisoner_id, activity_id)
          WHERE r.prisoner_id = p.prisoner_id AND r.activity_id = p.activity_id AND r.status = ANY($3::referral_status[])
         RETURNING r.id
       )
       SELECT count(*)::int AS n FROM moved`,
      [pairs.map((p) => p.prisonerId), pairs.map((p) => p.activityId), from, at],
    );
    return n;
  }

  /** Referrals with the prisoner's name, number and unit today (at the activity's prison), and days waited. */
  async findViews(selection: ReferralSelection, today: IsoDate): Promise<ReferralDto[]> {
    const params: unknown[] = [today];
    let where: string;
    let order = 'r.created_at, r.id';
    if ('id' in selection) {
      params.push(selection.id);
      where = 'r.id = $2';
    } else if ('activityId' in selection) {
      params.push(selection.activityId, selection.statuses);
      // Only prisoners this prison is responsible for (held here today, else their latest stay was here):
      // someone transferred away is not on this prison's list.
      where = `r.activity_id = $2 AND r.status = ANY($3::referral_status[]) AND (
        SELECT cp2.prison_id FROM custody_period cp2 WHERE cp2.prisoner_id = r.prisoner_id
         ORDER BY (cp2.from_date <= $1::date AND (cp2.to_date IS NULL OR cp2.to_date > $1::date)) DESC, cp2.from_date DESC LIMIT 1
      ) = a.prison_id`;
    } else {
      params.push(selection.prisonerId, selection.prisonIds ?? null);
      where = 'r.prisoner_id = $2 AND ($3::uuid[] IS NULL OR a.prison_id = ANY($3::uuid[]))';
      order = 'r.created_at DESC, r.id';
    }
    const rows = await this.txHost.tx.query<Row[]>(
      `SELECT r.id, r.activity_id AS "activityId", a.name AS "activityName", a.prison_id AS "prisonId",
              r.prisoner_id AS "prisonerId", p.prisoner_number AS "prisonerNumber", p.first_name AS "firstName", p.last_name AS "lastName",
              u.name AS "unitName", r.requested_by AS "requestedBy", r.status, r.note, r.decision_note AS "decisionNote",
              r.decided_by_user_id AS "decidedByUserId", r.decided_at AS "decidedAt", r.created_at AS "createdAt",
              GREATEST(0, (CASE WHEN r.status IN ('PENDING', 'APPROVED') THEN $1::date
                                ELSE (r.updated_at AT TIME ZONE 'Europe/Oslo')::date END)
                          - (r.created_at AT TIME ZONE 'Europe/Oslo')::date) AS "daysWaiting"
         FROM referral r
         JOIN activity a ON a.id = r.activity_id
         JOIN prisoner p ON p.id = r.prisoner_id
         LEFT JOIN custody_period cp ON cp.prisoner_id = r.prisoner_id AND cp.prison_id = a.prison_id
                                    AND cp.from_date <= $1::date AND (cp.to_date IS NULL OR cp.to_date > $1::date)
         LEFT JOIN unit u ON u.id = cp.unit_id
        WHERE ${where}
        ORDER BY ${order}`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      daysWaiting: Number(r.daysWaiting),
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
