import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';
import { IsoWeek } from '../calendar/domain/iso-week';
import { PlanDraftStatus } from './plan-draft.enums';

export interface NewPlanDraft {
  prisonId: string;
  week: IsoWeek;
  inputFingerprint: string;
  input: unknown;
  result: unknown;
  diff: unknown;
  prisonerDays: number;
  activeDaysBefore: number;
  activeDaysAfter: number;
  upperBound: number;
  createdByUserId: string | null;
}

export interface PlanDraftSummaryRow {
  id: string;
  prisonId: string;
  week: IsoWeek;
  status: PlanDraftStatus;
  inputFingerprint: string;
  prisonerDays: number;
  activeDaysBefore: number;
  activeDaysAfter: number;
  upperBound: number;
  createdByUserId: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  appliedByUserId: string | null;
}

export interface NewDraftApply {
  draftId: string;
  appliedAt: Date;
  appliedByUserId: string;
  part: unknown;
  /** "prisonerId|activityId" of the changes applied. */
  changeKeys: string[];
  record: unknown;
  summary: unknown;
}

export interface DraftApplyRow extends NewDraftApply {
  id: string;
  undoneAt: Date | null;
  undoneByUserId: string | null;
}

export interface PlanDraftRow extends PlanDraftSummaryRow {
  input: unknown;
  result: unknown;
  diff: unknown;
  applySummary: unknown;
}

const SUMMARY = `id, prison_id AS "prisonId", week, status, input_fingerprint AS "inputFingerprint", prisoner_days AS "prisonerDays",
  active_days_before AS "activeDaysBefore", active_days_after AS "activeDaysAfter", upper_bound AS "upperBound",
  created_by_user_id AS "createdByUserId", created_at AS "createdAt", applied_at AS "appliedAt", applied_by_user_id AS "appliedByUserId"`;

/** The plan_draft table, in the use case's transaction (TransactionHost) when there is one. */
@Injectable()
export class PlanDraftsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** Serialises drafting and applying for one prison and week (until the transaction ends). */
  async lockWeek(prisonId: string, week: IsoWeek): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`plan-draft:${prisonId}:${week}`]);
  }

  /** Stores a new draft; older DRAFT drafts of the prison and week are SUPERSEDED. */
  async insert(d: NewPlanDraft): Promise<string> {
    await this.txHost.tx.query(`UPDATE plan_draft SET status = 'SUPERSEDED' WHERE prison_id = $1 AND week = $2 AND status = 'DRAFT'`, [
      d.prisonId,
      d.week,
    ]);
    const [row] = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO plan_draft (prison_id, week, input_fingerprint, input, result, diff, prisoner_days, active_days_before, active_days_after, upper_bound, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        d.prisonId,
        d.week,
        d.inputFingerprint,
        JSON.stringify(d.input),
        JSON.stringify(d.result),
        JSON.stringify(d.diff),
        d.prisonerDays,
        d.activeDaysBefore,
        d.activeDaysAfter,
        d.upperBound,
        d.createdByUserId,
      ],
    );
    return row.id;
  }

  async find(id: string, lock = false): Promise<PlanDraftRow | undefined> {
    const rows = await this.txHost.tx.query<PlanDraftRow[]>(
      `SELECT ${SUMMARY}, input, result, diff, apply_summary AS "applySummary" FROM plan_draft WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** Latest first. */
  async list(prisonId: string, week: IsoWeek): Promise<PlanDraftSummaryRow[]> {
    return this.txHost.tx.query(`SELECT ${SUMMARY} FROM plan_draft WHERE prison_id = $1 AND week = $2 ORDER BY created_at DESC, id DESC`, [
      prisonId,
      week,
    ]);
  }

  /** The week's draft applied in full or in part (at most one: plan_draft_one_applied_per_week). */
  async findApplied(prisonId: string, week: IsoWeek): Promise<PlanDraftSummaryRow | undefined> {
    const rows = await this.txHost.tx.query<PlanDraftSummaryRow[]>(
      `SELECT ${SUMMARY} FROM plan_draft WHERE prison_id = $1 AND week = $2 AND status IN ('APPLIED', 'PARTIAL')`,
      [prisonId, week],
    );
    return rows[0];
  }

  /** A DRAFT made from exactly this data (the weekly job's idempotency). */
  async hasDraftFrom(prisonId: string, week: IsoWeek, fingerprint: string): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `SELECT 1 FROM plan_draft WHERE prison_id = $1 AND week = $2 AND status = 'DRAFT' AND input_fingerprint = $3 LIMIT 1`,
      [prisonId, week, fingerprint],
    );
    return rows.length > 0;
  }

  async markStale(id: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE plan_draft SET status = 'STALE' WHERE id = $1 AND status = 'DRAFT'`, [id]);
  }

  /**
   * APPLIED (nothing left) or PARTIAL, with what the latest apply wrote; the week's other DRAFT drafts can no
   * longer be applied and are SUPERSEDED.
   */
  async markApplied(
    draft: { id: string; prisonId: string; week: IsoWeek },
    status: PlanDraftStatus.APPLIED | PlanDraftStatus.PARTIAL,
    userId: string,
    at: Date,
    summary: unknown,
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE plan_draft SET status = 'SUPERSEDED' WHERE prison_id = $1 AND week = $2 AND status = 'DRAFT' AND id <> $3`,
      [draft.prisonId, draft.week, draft.id],
    );
    await this.txHost.tx.query(
      `UPDATE plan_draft SET status = $5, applied_at = $2, applied_by_user_id = $3, apply_summary = $4 WHERE id = $1`,
      [draft.id, at, userId, JSON.stringify(summary), status],
    );
  }

  /** After an apply of a part or an undo: the draft's input is the week as it now is (the rest is checked against it). */
  async setInput(id: string, fingerprint: string, input: unknown): Promise<void> {
    await this.txHost.tx.query(`UPDATE plan_draft SET input_fingerprint = $2, input = $3 WHERE id = $1`, [
      id,
      fingerprint,
      JSON.stringify(input),
    ]);
  }

  async setStatus(id: string, status: PlanDraftStatus): Promise<void> {
    await this.txHost.tx.query(`UPDATE plan_draft SET status = $2 WHERE id = $1`, [id, status]);
  }

  async insertApply(a: NewDraftApply): Promise<string> {
    const [row] = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO plan_draft_apply (draft_id, applied_at, applied_by_user_id, part, change_keys, record, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        a.draftId,
        a.appliedAt,
        a.appliedByUserId,
        a.part === null ? null : JSON.stringify(a.part),
        JSON.stringify(a.changeKeys),
        JSON.stringify(a.record),
        JSON.stringify(a.summary),
      ],
    );
    return row.id;
  }

  /** The draft's applies, oldest first (undone ones too). */
  async listApplies(draftId: string): Promise<DraftApplyRow[]> {
    return this.txHost.tx.query(
      `SELECT id, draft_id AS "draftId", applied_at AS "appliedAt", applied_by_user_id AS "appliedByUserId", part, change_keys AS "changeKeys",
              record, summary, undone_at AS "undoneAt", undone_by_user_id AS "undoneByUserId"
         FROM plan_draft_apply WHERE draft_id = $1 ORDER BY created_at, id`,
      [draftId],
    );
  }

  async markUndone(applyId: string, userId: string, at: Date): Promise<void> {
    await this.txHost.tx.query(`UPDATE plan_draft_apply SET undone_at = $2, undone_by_user_id = $3 WHERE id = $1 AND undone_at IS NULL`, [
      applyId,
      at,
      userId,
    ]);
  }

  async prisonExists(prisonId: string): Promise<boolean> {
    return (await this.txHost.tx.query<unknown[]>(`SELECT 1 FROM prison WHERE id = $1`, [prisonId])).length > 0;
  }

  async prisonIds(): Promise<string[]> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(`SELECT id FROM prison ORDER BY code`);
    return rows.map((r) => r.id);
  }
}
