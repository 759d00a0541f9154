import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { BookingsMaterialiser } from '../allocations/bookings-materialiser';
import { canSeePrison, isTeacherOnly, Principal } from '../auth/principal';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { JOB_LOCK, withJobLockTx } from '../database/advisory-lock';
import { generateSessions, planSessionRegeneration } from './domain/session-generation';
import { firstChangeableDay, horizonEnd } from './domain/session-horizon';
import { CancelSessionDto, SessionDto, SessionListQueryDto } from './dto/session.dto';
import { CancellationReason } from './session.enums';
import { ChangeableSession, NewSession, SessionScope, SessionsRepository, SessionView } from './sessions.repository';
import { groupBy } from '../common/collections/group-by';
import { listRange } from '../common/http/date-range';

/** What a generation run did. */
const BULK_CHANGE_ROWS = 5000;

export interface SessionChanges {
  created: number;
  removed: number;
  updated: number;
  bookingsCreated: number;
  /** No longer wanted but attendance is recorded, so kept. */
  keptWithAttendance: number;
}

export interface HorizonOptions extends SessionScope {
  /**
   * A session whose new capacity would be below its roster: 'refuse' (default) throws a 409 naming
   * the sessions and nothing is written; 'keep' leaves such sessions at their booked count (the job).
   */
  capacityBelowBooked?: 'refuse' | 'keep';
  /** Book allocations onto the sessions (default). The chunked job books week by week itself. */
  book?: boolean;
}

/** Progress of the chunked horizon job: which step, how many of how many chunks. */
export interface HorizonProgress {
  step: 'sessions' | 'bookings';
  done: number;
  total: number;
}

export const MAX_LIST_DAYS = 62;

@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly repo: SessionsRepository,
    private readonly bookings: BookingsMaterialiser,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  /**
   * Makes the sessions of the activities in scope match their slots from today to the horizon end:
   * missing sessions are created from today on; from tomorrow on, sessions of removed slots are deleted
   * (unless attendance is recorded) and times, staff and capacity are refreshed. Past sessions are never
   * touched. Then allocations get their bookings on the new sessions. Idempotent; runs in the caller's
   * transaction (the active one on TransactionHost).
   */
  async ensureHorizon(today: IsoDate, opts: HorizonOptions = {}): Promise<SessionChanges> {
    const end = horizonEnd(today);
    const changeFrom = firstChangeableDay(today);
    const activities = await this.repo.lockActivitiesToGenerate(today, opts);
    const existing = await this.repo.findChangeableSessions(
      activities.map((a) => a.id),
      changeFrom,
      end,
    );
    const existingOf = groupBy(existing, (s) => s.activityId);

    const inserts: NewSession[] = [];
    const deletes: string[] = [];
    const updates: Array<{ id: string; startTime: string; endTime: string; staffMemberId: string | null; capacity: number }> = [];
    const tooSmall: ChangeableSession[] = [];
    let keptWithAttendance = 0;
    for (const activity of activities) {
      let desired;
      try {
        desired = generateSessions(activity, activity.regime, { from: today, to: end });
      } catch (err) {
        // Bad stored data (writes validate, so this should not happen) must not stop every other activity.
        if (!(err instanceof RangeError)) throw err;
        this.logger.warn(`Activity ${activity.id} skipped: ${err.message}`);
        continue;
      }
      const own = { activityId: activity.id, prisonId: activity.prisonId };
      // Today: only what is missing (ON CONFLICT skips the rest).
      inserts.push(...desired.filter((d) => d.date < changeFrom).map((d) => ({ ...d, ...own })));
      const plan = planSessionRegeneration(
        existingOf.get(activity.id) ?? [],
        desired.filter((d) => d.date >= changeFrom),
        changeFrom,
      );
      inserts.push(...plan.insert.map((d) => ({ ...d, ...own })));
      deletes.push(...plan.delete.map((s) => s.id));
      keptWithAttendance += plan.keptWithAttendance.length;
      for (const { existing: e, planned: p } of plan.keep) {
        let capacity = p.capacity;
        if (capacity < e.booked) {
          tooSmall.push(e);
          capacity = e.booked;
        }
        if (e.startTime !== p.startTime || e.endTime !== p.endTime || e.staffMemberId !== p.staffMemberId || e.capacity !== capacity) {
          updates.push({ id: e.id, startTime: p.startTime, endTime: p.endTime, staffMemberId: p.staffMemberId, capacity });
        }
      }
    }
    if (tooSmall.length > 0) {
      const sessions = tooSmall.map((s) => ({ id: s.id, date: s.date, period: s.period, booked: s.booked }));
      if ((opts.capacityBelowBooked ?? 'refuse') === 'refuse') {
        throw new ConflictError(ruleMessage(RuleCode.CAPACITY_BELOW_BOOKED, { count: sessions.length }), { sessions });
      }
      this.logger.warn(
        `Kept ${sessions.length} session(s) at their booked count above the activity's capacity: ${sessions.map((s) => s.id).join(', ')}`,
      );
    }

    // Deletes first: a slot moved to the other half-day frees its (activity, date, period) key.
    const removed = await this.repo.deleteSessions(deletes);
    const updated = await this.repo.updateSessions(updates);
    const created = await this.repo.insertSessions(inserts);
    const bookingsCreated =
      activities.length === 0 || opts.book === false
        ? 0
        : await this.bookings.materialise({ from: today, to: end, activityIds: opts.activityIds, prisonIds: opts.prisonIds });
    return { created, removed, updated, bookingsCreated, keptWithAttendance };
  }

  /** The daily job: every prison's horizon, once across replicas (advisory lock). */
  async runHorizonJob(): Promise<{ ran: true; result: SessionChanges } | { ran: false }> {
    const today = this.clock.today();
    const started = Date.now();
    const outcome = await withJobLockTx(this.txHost, JOB_LOCK.SESSION_HORIZON, () =>
      this.ensureHorizon(today, { capacityBelowBooked: 'keep' }),
    );
    if (outcome.ran) {
      // After a large batch (a fresh installation, many new activities) refresh the planner statistics:
      // the embedded database has no autovacuum, and stale row counts make the week views scan everything.
      if (outcome.result.created + outcome.result.bookingsCreated > BULK_CHANGE_ROWS) await this.repo.analyzeSessionsAndBookings();
      this.logger.log(`Session horizon to ${horizonEnd(today)} in ${Date.now() - started} ms: ${JSON.stringify(outcome.result)}`);
    } else this.logger.log('Session horizon already running elsewhere; skipped');
    return outcome;
  }

  /**
   * The same work as runHorizonJob, in many short transactions: each prison's sessions, then the
   * bookings week by week (this week first) and prison by prison. On the embedded database a single
   * connection serves every request, and one long transaction stalled them all for 4–40 s; between
   * two chunks waiting requests get the connection. Each chunk takes the job lock, so a replica's run
   * or the nightly job never does the same chunk at the same time. Bookings depend only on their own
   * session's day and the prisoner's half-day, so the result is the one transaction's.
   */
  async runHorizonJobInChunks(onProgress?: (p: HorizonProgress) => void): Promise<SessionChanges> {
    const today = this.clock.today();
    const end = horizonEnd(today);
    const started = Date.now();
    const total: SessionChanges = { created: 0, removed: 0, updated: 0, bookingsCreated: 0, keptWithAttendance: 0 };
    const prisonIds = await this.repo.findPrisonIdsWithActivities();
    const toBook: string[] = [];
    for (const [i, prisonId] of prisonIds.entries()) {
      const outcome = await withJobLockTx(this.txHost, JOB_LOCK.SESSION_HORIZON, () =>
        this.ensureHorizon(today, { prisonIds: [prisonId], capacityBelowBooked: 'keep', book: false }),
      );
      if (outcome.ran) {
        for (const key of ['created', 'removed', 'updated', 'keptWithAttendance'] as const) total[key] += outcome.result[key];
        toBook.push(prisonId);
      }
      onProgress?.({ step: 'sessions', done: i + 1, total: prisonIds.length });
      await yieldToRequests();
    }
    const weeks: Array<{ from: IsoDate; to: IsoDate }> = [];
    for (let from = today; from <= end; from = addDays(from, 7)) weeks.push({ from, to: addDays(from, 6) < end ? addDays(from, 6) : end });
    for (const [w, week] of weeks.entries()) {
      for (const prisonId of toBook) {
        const outcome = await withJobLockTx(this.txHost, JOB_LOCK.SESSION_HORIZON, () =>
          this.bookings.materialise({ ...week, prisonIds: [prisonId] }),
        );
        if (outcome.ran) total.bookingsCreated += outcome.result;
        await yieldToRequests();
      }
      onProgress?.({ step: 'bookings', done: w + 1, total: weeks.length });
      // The first week's rosters are what the planner shows first: fresh statistics for it (no autovacuum on PGlite).
      if (w === 0 && total.created + total.bookingsCreated > BULK_CHANGE_ROWS) await this.repo.analyzeSessionsAndBookings();
    }
    if (total.created + total.bookingsCreated > BULK_CHANGE_ROWS) await this.repo.analyzeSessionsAndBookings();
    this.logger.log(
      `Session horizon to ${end} in ${Date.now() - started} ms (${prisonIds.length} prisons, in chunks): ${JSON.stringify(total)}`,
    );
    return total;
  }

  async list(prisonId: string, q: SessionListQueryDto, principal: Principal): Promise<SessionDto[]> {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    if (!(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
    const { from, to } = listRange(q, this.clock.today(), MAX_LIST_DAYS);
    const staffOnly = isTeacherOnly(principal);
    if (staffOnly && !principal.staffMemberId) return [];
    const rows = await this.repo.findSessions({
      prisonId,
      from,
      to,
      activityId: q.activityId,
      staffMemberId: staffOnly ? (principal.staffMemberId ?? undefined) : undefined,
    });
    return rows.map((r) => SessionDto.from(r, staffOnly));
  }

  /**
   * How many prisoners have attendance recorded on a session the caller has read (`get`, which checked that they
   * may see it): above 0, it took place.
   */
  attendanceRecorded(session: Pick<SessionDto, 'id'>): Promise<number> {
    return this.repo.countAttendance(session.id);
  }

  async get(id: string, principal: Principal): Promise<SessionDto> {
    return SessionDto.from(this.visible(await this.repo.findSession(id), id, principal), isTeacherOnly(principal));
  }

  async cancel(id: string, dto: CancelSessionDto, principal: Principal): Promise<SessionDto> {
    const note = dto.note?.trim() ? dto.note.trim() : null;
    if (dto.reason === CancellationReason.OTHER && !note) {
      throw new InvalidInputError(ruleMessage(RuleCode.CANCELLATION_NOTE_REQUIRED), [
        { field: 'note', messages: ['note is required when the reason is OTHER'] },
      ]);
    }
    return this.txHost.withTransaction(async () => {
      const session = this.visible(await this.repo.findSession(id, true), id, principal);
      if (session.cancelledAt) throw new ConflictError(ruleMessage(RuleCode.SESSION_ALREADY_CANCELLED, { id }));
      // A session with attendance recorded took place: cancelling it would turn those days into cancellations
      // behind the recorder's back (attendance on a cancelled session is refused, so is the other way round). Under
      // the session's row lock, which recording attendance takes too, so the two never cross.
      const recorded = await this.repo.countAttendance(id);
      if (recorded > 0)
        throw new ConflictError(ruleMessage(RuleCode.SESSION_HAS_ATTENDANCE, { count: recorded }), { attendance: recorded });
      await this.repo.setCancellation(id, { at: this.clock.now().toJSDate(), reason: dto.reason, note, byUserId: principal.userId });
      await this.refreshPastDay(session);
      return SessionDto.from((await this.repo.findSession(id)) as SessionView);
    });
  }

  async uncancel(id: string, principal: Principal): Promise<SessionDto> {
    return this.txHost.withTransaction(async () => {
      const session = this.visible(await this.repo.findSession(id, true), id, principal);
      if (!session.cancelledAt) throw new ConflictError(ruleMessage(RuleCode.SESSION_NOT_CANCELLED, { id }));
      await this.repo.setCancellation(id, null);
      await this.refreshPastDay(session);
      return SessionDto.from((await this.repo.findSession(id)) as SessionView);
    });
  }

  // Cancelling (or un-cancelling) a past session changes that day's prisoner-days at the prison.
  private async refreshPastDay(session: SessionView): Promise<void> {
    if (session.date < this.clock.today())
      await this.prisonerDays.daysChanged({ prisonIds: [session.prisonId], from: session.date, to: session.date });
  }

  // Another prison's session, or (for a teacher) someone else's class, answers as if it did not exist.
  private visible(session: SessionView | undefined, id: string, principal: Principal): SessionView {
    if (!session || !canSeePrison(principal, session.prisonId)) throw new NotFoundError('Session', id);
    if (isTeacherOnly(principal) && (!principal.staffMemberId || session.staffMemberId !== principal.staffMemberId))
      throw new NotFoundError('Session', id);
    return session;
  }
}

/** Lets requests queued for the connection (and the event loop) go first. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
