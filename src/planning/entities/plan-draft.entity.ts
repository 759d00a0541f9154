import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Prison } from '../../organisation/entities/prison.entity';
import { PlanDraftStatus } from '../plan-draft.enums';

/**
 * A proposal of the automatic week planner for one prison and ISO week: the input it was made from
 * (and its fingerprint), the engine's result, the diff against the bookings at the time, and the
 * predicted planned activity rate. Applying it turns the diff into allocations and bookings.
 */
@Entity({ name: 'plan_draft' })
@Index('plan_draft_prison_week_idx', ['prisonId', 'week', 'createdAt'])
// Only one draft per prison and week is applied (in full or in part) at a time.
@Index('plan_draft_one_applied_per_week', ['prisonId', 'week'], { unique: true, where: `"status" IN ('APPLIED', 'PARTIAL')` })
@Check('plan_draft_week_format', `"week" ~ '^[0-9]{4}-W[0-9]{2}$'`)
@Check('plan_draft_applied_when_applied', `("status" IN ('APPLIED', 'PARTIAL', 'UNDONE')) = ("applied_at" IS NOT NULL)`)
export class PlanDraft {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'plan_draft_prison_fk' })
  prison?: Prison;

  // ISO week, e.g. 2026-W49.
  @Column({ type: 'varchar', length: 8 }) week: string;

  @Column({ type: 'enum', enum: PlanDraftStatus, enumName: 'plan_draft_status', default: PlanDraftStatus.DRAFT }) status: PlanDraftStatus;

  // sha256 of the canonical JSON of the planning input: the data the draft was made from.
  @Column({ type: 'char', length: 64 }) inputFingerprint: string;

  // The PlanningInput (to tell what changed when the draft has gone stale).
  @Column({ type: 'jsonb' }) input: unknown;

  // assignments, metrics, greedy, explanations (with names), conflicts, solver.
  @Column({ type: 'jsonb' }) result: unknown;

  // Per prisoner: sessions added, removed, moved; and the allocation changes apply makes.
  @Column({ type: 'jsonb' }) diff: unknown;

  // Counted prisoner-days of the planned days, and how many are active before (bookings) and after (the plan).
  @Column({ type: 'int' }) prisonerDays: number;
  @Column({ type: 'int' }) activeDaysBefore: number;
  @Column({ type: 'int' }) activeDaysAfter: number;
  @Column({ type: 'int' }) upperBound: number;

  // Null when made by the weekly job.
  @Column({ type: 'uuid', nullable: true }) createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  // When its first part (or all of it) was applied; each apply is a plan_draft_apply row.
  @Column({ type: 'timestamptz', nullable: true }) appliedAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) appliedByUserId: string | null;

  // What apply wrote: allocations ended, deleted and created, bookings removed and created.
  @Column({ type: 'jsonb', nullable: true }) applySummary: unknown;
}
