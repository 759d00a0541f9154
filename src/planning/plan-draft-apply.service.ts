import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationPatternKind } from '../allocations/allocation.enums';
import { BookingsMaterialiser } from '../allocations/bookings-materialiser';
import { AllocationChecks, withMessage } from '../allocations/allocation-checks';
import { SuitabilityCheck, SuitabilityCode } from '../allocations/domain/suitability';
import { englishPart } from '../common/messages/english-rule';
import { RuleCode, RuleMessage, ruleMessage } from '../common/messages/rule-message';
import { Principal } from '../auth/principal';
import { IsoWeek, parseIsoWeek } from '../calendar/domain/iso-week';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { ReferralsService } from '../referrals/referrals.service';
import { horizonEnd } from '../sessions/domain/session-horizon';
import { AllocationChange, allocationChanges, currentPlan, effectivePlan, WeekPlan } from './domain/draft-diff';
import { describeInputChanges, InputChanges } from './domain/input-changes';
import { ApplySummaryDto, PlanDraftDto } from './dto/plan-draft.dto';
import type { DraftInput } from './domain/week-input';
import type { PlanningInput } from './engine';
import { PlanDraftStatus } from './plan-draft.enums';
import type { StoredResult } from './plan-draft.view';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { assertVisible, PlanDraftsService } from './plan-drafts.service';
import { BuiltInput, PlanningInputBuilder } from './planning-input.builder';

const PG_CHECK_VIOLATION = '23514';
const PG_UNIQUE_VIOLATION = '23505';
const PG_EXCLUSION_VIOLATION = '23P01';

interface FailedChange {
  prisonerId: string;
  activityId: string;
  failedChecks: SuitabilityCheck[];
}

/**
 * Applying a draft: in one transaction, with the prison's week locked, the input is read again and
 * must have the draft's fingerprint (else 409 with what changed, the draft becomes STALE and nothing
 * else is written). Then every (prisoner, activity) whose sessions in the week change gets its
 * allocation(s) ended the day before and a new one from that day with the proposed pattern; every new
 * allocation passes the allocation checks on locked rows for the week; bookings are made to the end of
 * the session horizon. Any failure rolls everything back (409 with the failed checks).
 */
@Injectable()
export class PlanDraftApplyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly builder: PlanningInputBuilder,
    private readonly drafts: PlanDraftsRepository,
    private readonly views: PlanDraftsService,
    private readonly checks: AllocationChecks,
    private readonly bookings: BookingsMaterialiser,
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  async apply(prisonId: string, week: IsoWeek, id: string, principal: Principal): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const today = this.clock.today();
    const outcome = await this.dataSource.transaction(async (em): Promise<{ stale: InputChanges } | { applied: true }> => {
      await this.drafts.lockWeek(em, prisonId, week);
      const draft = await this.drafts.find(em, id, true);
      if (!draft || draft.prisonId !== prisonId || draft.week !== week) throw new NotFoundError('Plan draft', id);
      if (draft.status !== PlanDraftStatus.DRAFT) throw new ConflictError(notApplicable(draft.status), { status: draft.status });
      const applied = await this.drafts.findApplied(em, prisonId, week);
      if (applied)
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_OTHER_APPLIED, { week, draftId: applied.id }), {
          appliedDraftId: applied.id,
        });

      const built = await this.builder.build(em, prisonId, week, today);
      if (built.fingerprint !== draft.inputFingerprint) {
        await this.drafts.markStale(em, id);
        return { stale: describeInputChanges(draft.input as DraftInput, built.input) };
      }
      const summary = await this.write(em, built, (draft.result as StoredResult).assignments, principal, `${week} (draft ${id})`);
      await this.drafts.markApplied(em, draft, principal.userId, this.clock.now().toJSDate(), summary);
      return { applied: true };
    });
    if ('stale' in outcome) {
      // The API's details keep the summary as English lines.
      const summary = outcome.stale.summary.map(englishPart);
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_DATA_CHANGED, { changes: outcome.stale.summary }), {
        changes: { ...outcome.stale, summary },
      });
    }
    return this.views.get(prisonId, week, id, principal);
  }

  private async write(
    em: EntityManager,
    built: BuiltInput,
    assignments: StoredResult['assignments'],
    principal: Principal,
    label: string,
  ): Promise<ApplySummaryDto> {
    const { input } = built;
    const before = currentPlan(input);
    const after = effectivePlan(input, assignments);
    const changes = allocationChanges(input, before, after);
    const sunday = parseIsoWeek(input.isoWeek!).sunday;
    const lastDay = input.days[input.days.length - 1];
    const horizon = horizonEnd(this.clock.today());
    const summary: ApplySummaryDto = {
      allocationsEnded: 0,
      allocationsDeleted: 0,
      allocationsCreated: 0,
      bookingsRemoved: 0,
      bookingsCreated: 0,
    };
    try {
      // Every old allocation first, so that places and half-days freed by one change are there for the others.
      const ends = new Map<AllocationChange, IsoDate | null>();
      for (const change of changes) ends.set(change, await this.endCurrent(em, change, sunday, principal, label, summary));
      const failed: FailedChange[] = [];
      const created: string[] = [];
      for (const change of changes) {
        if (change.pattern === null) continue;
        const outcome = await this.create(em, change, ends.get(change)!, lastDay, principal);
        if ('failedChecks' in outcome)
          failed.push({ prisonerId: change.prisonerId, activityId: change.activityId, failedChecks: outcome.failedChecks });
        else created.push(outcome.id);
      }
      if (failed.length === 0 && created.length > 0) {
        // One set-based statement for all new allocations, to the end of the session horizon (within capacity).
        const from = changes.map((c) => c.fromDate).sort()[0];
        summary.allocationsCreated = created.length;
        summary.bookingsCreated = await this.bookings.materialise(em, { from, to: horizon, allocationIds: created });
        failed.push(...(await this.apartTogether(em, created, input)));
      }
      if (failed.length > 0) {
        const names = failed.map((f) => ({
          prisoner: built.prisoners.get(f.prisonerId)?.name ?? f.prisonerId,
          activity: built.activities.get(f.activityId)?.name ?? f.activityId,
        }));
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_BREAKS_RULES, { count: failed.length, names }), {
          failed,
        });
      }
      await this.assertBooked(em, input, after, changes);
    } catch (e) {
      throw translateWriteError(e);
    }
    return summary;
  }

  /** Ends (or removes, when it starts within the change) the prisoner's allocations to the activity; returns the end the new one keeps. */
  private async endCurrent(
    em: EntityManager,
    c: AllocationChange,
    sunday: IsoDate,
    principal: Principal,
    label: string,
    summary: ApplySummaryDto,
  ): Promise<IsoDate | null> {
    const rows = await em.query<Array<{ id: string; startDate: string; endDate: string | null; locked: boolean }>>(
      `SELECT id, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", locked
         FROM allocation WHERE prisoner_id = $1 AND activity_id = $2 AND (end_date IS NULL OR end_date >= $3)
        ORDER BY start_date FOR UPDATE`,
      [c.prisonerId, c.activityId, c.fromDate],
    );
    if (rows.some((r) => r.locked && r.startDate <= sunday)) {
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_LOCKED_CHANGED), {
        prisonerId: c.prisonerId,
        activityId: c.activityId,
      });
    }
    // An allocation planned to start after the week is left alone: the new one ends the day before it.
    const later = rows.filter((r) => r.startDate > sunday);
    let keepEnd: IsoDate | null = later.length > 0 ? addDays(later[0].startDate, -1) : null;
    const current = rows.filter((r) => r.startDate <= sunday);
    if (keepEnd === null && current.length > 0 && current.every((r) => r.endDate !== null)) {
      keepEnd = current.map((r) => r.endDate!).sort()[current.length - 1];
      if (keepEnd < sunday) keepEnd = sunday;
    }
    for (const r of current) {
      // Counted here: removeFrom's own count is not the number of rows (TypeORM answers [rows, count] for a DELETE).
      const [{ n }] = await em.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM booking WHERE allocation_id = $1 AND date >= $2`,
        [r.id, c.fromDate],
      );
      await this.bookings.removeFrom(em, r.id, c.fromDate);
      summary.bookingsRemoved += n;
      if (r.startDate >= c.fromDate) {
        await em.query(`DELETE FROM allocation WHERE id = $1`, [r.id]);
        summary.allocationsDeleted++;
      } else {
        await em.query(
          `UPDATE allocation SET end_date = $2, ended_reason = 'OTHER', ended_note = $3, ended_by_user_id = $4, updated_at = now() WHERE id = $1`,
          [r.id, addDays(c.fromDate, -1), `Changed by the automatic week plan for ${label}`, principal.userId],
        );
        summary.allocationsEnded++;
      }
    }
    return keepEnd;
  }

  /**
   * Checks one new allocation and inserts it (bookings come after, for all of them at once). Each
   * check sees the bookings left after every old allocation was ended; that the new ones fit together
   * (places, non-associations) is checked once they are booked: assertBooked and apartTogether.
   */
  private async create(
    em: EntityManager,
    c: AllocationChange,
    endDate: IsoDate | null,
    lastDay: IsoDate,
    principal: Principal,
  ): Promise<{ id: string } | { failedChecks: SuitabilityCheck[] }> {
    const proposal = {
      prisonerId: c.prisonerId,
      activityId: c.activityId,
      pattern: AllocationPatternKind[c.pattern!],
      chosenSlots: c.chosenSlots,
    };
    // Every rule re-checked on locked rows for the days planned. Later weeks (and sessions on holidays, which the
    // planner does not plan) get bookings within capacity like any allocation; clashes there show in their views.
    const { activity, checks } = await this.checks.run(em, { ...proposal, startDate: c.fromDate, endDate: lastDay }, { lock: true });
    const allocatedReferral =
      activity.requiresReferral &&
      (
        await em.query(`SELECT 1 FROM referral WHERE prisoner_id = $1 AND activity_id = $2 AND status = 'ALLOCATED'`, [
          c.prisonerId,
          c.activityId,
        ])
      ).length > 0;
    // A member whose days change keeps the referral they were allocated through; a booking the plan keeps on a
    // half-day the prisoner is unavailable (a one-off: see effectivePlan) was there before and stays flagged in the views.
    const current = new Set(c.currentSessionIds);
    const failedChecks = checks.filter(
      (k) =>
        !k.passed &&
        !(k.code === SuitabilityCode.REFERRAL && allocatedReferral) &&
        !(k.code === SuitabilityCode.UNAVAILABILITY_CLASH && (k.affected ?? []).every((x) => current.has(x.sessionId))),
    );
    if (failedChecks.length > 0) return { failedChecks };
    const [row] = await em.query<Array<{ id: string }>>(
      `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, pattern, chosen_slots, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        c.prisonerId,
        c.activityId,
        activity.prisonId,
        c.fromDate,
        endDate,
        c.pattern,
        c.chosenSlots ? JSON.stringify(c.chosenSlots) : null,
        principal.userId,
      ],
    );
    if (activity.requiresReferral && !allocatedReferral) await this.referrals.markAllocated(em, c.prisonerId, c.activityId);
    return { id: row.id };
  }

  /** New bookings in the week that put someone beside a prisoner they must be kept apart from. */
  private async apartTogether(em: EntityManager, allocationIds: string[], input: PlanningInput): Promise<FailedChange[]> {
    const rows = await em.query<
      Array<{ prisonerId: string; otherId: string; activityId: string; sessionId: string; date: string; period: 'AM' | 'PM' }>
    >(
      `SELECT mine.prisoner_id AS "prisonerId", other.prisoner_id AS "otherId", s.activity_id AS "activityId", s.id AS "sessionId",
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period
         FROM booking mine
         JOIN booking other ON other.session_id = mine.session_id AND other.prisoner_id <> mine.prisoner_id
         JOIN "session" s ON s.id = mine.session_id
         JOIN non_association na ON na.prisoner_a_id = least(mine.prisoner_id, other.prisoner_id) AND na.prisoner_b_id = greatest(mine.prisoner_id, other.prisoner_id)
                                AND na.from_date <= s.date AND (na.to_date IS NULL OR na.to_date >= s.date)
        WHERE mine.allocation_id = ANY($1::uuid[]) AND mine.session_id = ANY($2::uuid[])
        ORDER BY 1, 4`,
      [allocationIds, input.sessions.map((x) => x.id)],
    );
    return rows.map((r) => ({
      prisonerId: r.prisonerId,
      activityId: r.activityId,
      failedChecks: [
        withMessage({
          code: SuitabilityCode.NON_ASSOCIATION,
          passed: false,
          rule: RuleCode.NON_ASSOCIATION,
          params: { days: [{ date: r.date, period: r.period }] },
          affected: [{ sessionId: r.sessionId, date: r.date, period: r.period as never, otherPrisonerId: r.otherId }],
        }),
      ],
    }));
  }

  /** The week's bookings of everyone changed must now be the plan, or nothing is kept. */
  private async assertBooked(
    em: EntityManager,
    input: PlanningInput,
    after: WeekPlan,
    changes: readonly AllocationChange[],
  ): Promise<void> {
    const prisoners = [...new Set(changes.map((c) => c.prisonerId))];
    if (prisoners.length === 0) return;
    const rows = await em.query<Array<{ prisonerId: string; sessionId: string }>>(
      `SELECT prisoner_id AS "prisonerId", session_id AS "sessionId" FROM booking WHERE prisoner_id = ANY($1::uuid[]) AND session_id = ANY($2::uuid[])`,
      [prisoners, input.sessions.map((s) => s.id)],
    );
    const booked = new Map<string, Set<string>>();
    for (const r of rows) (booked.get(r.prisonerId) ?? booked.set(r.prisonerId, new Set()).get(r.prisonerId)!).add(r.sessionId);
    const mismatched = prisoners.filter((p) => {
      const want = new Set(after.get(p) ?? []);
      const got = booked.get(p) ?? new Set<string>();
      return want.size !== got.size || [...want].some((s) => !got.has(s));
    });
    if (mismatched.length > 0) {
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_BOOKINGS_DIFFER, { count: mismatched.length }), {
        prisonerIds: mismatched,
      });
    }
  }
}

function notApplicable(status: PlanDraftStatus): RuleMessage {
  switch (status) {
    case PlanDraftStatus.APPLIED:
      return ruleMessage(RuleCode.DRAFT_ALREADY_APPLIED);
    case PlanDraftStatus.STALE:
      return ruleMessage(RuleCode.DRAFT_STALE);
    case PlanDraftStatus.SUPERSEDED:
      return ruleMessage(RuleCode.DRAFT_SUPERSEDED);
    default:
      return ruleMessage(RuleCode.DRAFT_NOT_APPLICABLE, { status });
  }
}

/** What the database refused, as a conflict (the transaction is rolled back either way). */
function translateWriteError(e: unknown): unknown {
  const err = ((e as { driverError?: unknown }).driverError ?? e) as { code?: string; constraint?: string };
  if (err.code === PG_CHECK_VIOLATION || err.code === PG_UNIQUE_VIOLATION || err.code === PG_EXCLUSION_VIOLATION) {
    return new ConflictError(ruleMessage(RuleCode.DRAFT_DATABASE_REFUSED, { constraint: err.constraint ?? err.code ?? '' }));
  }
  return e;
}
