import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanDraft } from './plan-draft.entity';

/**
 * One apply of a plan draft (all of it or a chosen part), with what it wrote, so that it can be undone:
 * the allocations it created, ended (with their previous end) and deleted (whole rows), the referrals it
 * marked allocated, and the week's bookings of the prisoners it changed before and after. Undoing it is
 * a new change: the row keeps who undid it and when.
 */
@Entity({ name: 'plan_draft_apply' })
@Index('plan_draft_apply_draft_idx', ['draftId', 'createdAt'])
export class PlanDraftApply {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) draftId: string;

  @ManyToOne(() => PlanDraft, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'draft_id', foreignKeyConstraintName: 'plan_draft_apply_draft_fk' })
  draft?: PlanDraft;

  // The app's clock (what users see); created_at orders the applies (undo takes the latest).
  @Column({ type: 'timestamptz' }) appliedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column({ type: 'uuid' }) appliedByUserId: string;

  // The part chosen ({ activityIds, unitIds }), or null for everything left of the draft.
  @Column({ type: 'jsonb', nullable: true }) part: unknown;

  // "prisonerId|activityId" of every allocation change applied.
  @Column({ type: 'jsonb' }) changeKeys: unknown;

  // What was written (see ApplyRecord in plan-draft-undo.service.ts).
  @Column({ type: 'jsonb' }) record: unknown;

  // Counts: allocations ended, deleted and created, bookings removed and created.
  @Column({ type: 'jsonb' }) summary: unknown;

  @Column({ type: 'timestamptz', nullable: true }) undoneAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) undoneByUserId: string | null;
}
