import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { canSeePrison, Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { FieldError } from '../common/http/validation';
import { compareTimes } from '../sessions/domain/time-of-day';
import { SessionsService } from '../sessions/sessions.service';
import { ActivityDto, ActivitySlotDto } from './dto/activity.dto';
import { ActivityChangeDto, CreateActivityDto, SlotInputDto, UpdateActivityDto } from './dto/activity-commands.dto';
import { ActivityWritesRepository } from './activity-writes.repository';
import { ActivitySlot } from './entities/activity-slot.entity';
import { Activity } from './entities/activity.entity';

/**
 * Creating and changing activities and their weekly slots. Each change runs in one transaction that
 * also regenerates the activity's sessions from today to the horizon end (past sessions untouched).
 */
@Injectable()
export class ActivityWritesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly repo: ActivityWritesRepository,
  ) {}

  async create(prisonId: string, dto: CreateActivityDto, principal: Principal): Promise<ActivityChangeDto> {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    const today = this.clock.today();
    const values = {
      prisonId,
      kind: dto.kind,
      category: dto.category,
      name: dto.name,
      description: dto.description ?? '',
      location: dto.location ?? '',
      capacity: dto.capacity,
      maxCapacity: dto.maxCapacity ?? null,
      provider: dto.provider,
      providerName: dto.providerName ?? null,
      securityLevels: dto.securityLevels,
      minAge: dto.minAge ?? null,
      maxAge: dto.maxAge ?? null,
      requiresReferral: dto.requiresReferral ?? false,
      runsOnPublicHolidays: dto.runsOnPublicHolidays ?? false,
      startDate: dto.startDate ?? today,
      endDate: dto.endDate ?? null,
    };
    return this.txHost.withTransaction(async () => {
      if (!(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
      await this.assertValid(prisonId, values, dto.slots);
      const id = await this.repo.insertActivity(values);
      await this.repo.insertSlots(dto.slots.map((s) => ({ activityId: id, ...slotValues(s) })));
      return this.regenerate(id);
    });
  }

  async update(id: string, dto: UpdateActivityDto, principal: Principal): Promise<ActivityChangeDto> {
    return this.txHost.withTransaction(async () => {
      const activity = await this.lockVisible(id, principal);
      const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<Activity>;
      await this.assertValid(activity.prisonId, { ...activity, ...changes }, []);
      if (Object.keys(changes).length > 0) await this.repo.updateActivity(id, changes);
      return this.regenerate(id);
    });
  }

  /** Replaces the weekly timetable. Slots are matched on weekday + half-day, so unchanged ones keep their sessions and rosters. */
  async replaceSlots(id: string, slots: SlotInputDto[], principal: Principal): Promise<ActivityChangeDto> {
    return this.txHost.withTransaction(async () => {
      const activity = await this.lockVisible(id, principal);
      await this.assertValid(activity.prisonId, activity, slots);
      const current = await this.repo.findSlots(id);
      const key = (s: { weekday: number; period: string }) => `${s.weekday}|${s.period}`;
      const wanted = new Map(slots.map((s) => [key(s), s]));
      const gone = current.filter((s) => !wanted.has(key(s)));
      // A removed slot's sessions lose their slot id (ON DELETE SET NULL); regeneration then deletes the future ones.
      if (gone.length > 0) await this.repo.deleteSlots(gone.map((s) => s.id));
      const currentByKey = new Map(current.map((s) => [key(s), s]));
      const added: Array<Partial<ActivitySlot>> = [];
      for (const [k, s] of wanted) {
        const existing = currentByKey.get(k);
        if (!existing) added.push({ activityId: id, ...slotValues(s) });
        else await this.repo.updateSlot(existing.id, slotValues(s));
      }
      if (added.length > 0) await this.repo.insertSlots(added);
      return this.regenerate(id);
    });
  }

  private async regenerate(id: string): Promise<ActivityChangeDto> {
    const sessions = await this.sessions.ensureHorizon(this.clock.today(), { activityIds: [id] });
    const activity = await this.repo.getActivity(id);
    const slots = await this.repo.findSlots(id);
    return { ...ActivityDto.from(activity), slots: slots.map(ActivitySlotDto.from), sessions };
  }

  // Another prison's activity answers as if it did not exist.
  private async lockVisible(id: string, principal: Principal): Promise<Activity> {
    const activity = await this.repo.lockActivity(id);
    if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', id);
    return activity;
  }

  /** Rules across fields, and staff serving the prison; every problem is named (400). */
  private async assertValid(
    prisonId: string,
    a: Pick<Activity, 'minAge' | 'maxAge' | 'startDate' | 'endDate'> & Partial<Pick<Activity, 'capacity' | 'maxCapacity'>>,
    slots: SlotInputDto[],
  ): Promise<void> {
    const problems: FieldError[] = [];
    const problem = (field: string, message: string) => problems.push({ field, messages: [message] });
    if (a.minAge != null && a.maxAge != null && a.minAge > a.maxAge)
      problem('maxAge', `maxAge (${a.maxAge}) is below minAge (${a.minAge})`);
    if (a.maxCapacity != null && a.capacity != null && a.maxCapacity < a.capacity)
      problem('maxCapacity', `maxCapacity (${a.maxCapacity}) is below capacity (${a.capacity})`);
    if (a.endDate != null && a.endDate < a.startDate) problem('endDate', `endDate (${a.endDate}) is before startDate (${a.startDate})`);
    const seen = new Set<string>();
    slots.forEach((s, i) => {
      const k = `${s.weekday} ${s.period}`;
      if (seen.has(k)) problem(`slots.${i}`, `Two slots on weekday ${s.weekday} ${s.period}`);
      seen.add(k);
      if ((s.startTime == null) !== (s.endTime == null)) problem(`slots.${i}`, 'Give both startTime and endTime, or neither');
      else if (s.startTime != null && s.endTime != null && compareTimes(s.startTime, s.endTime) >= 0)
        problem(`slots.${i}.endTime`, `endTime ${s.endTime} is not after startTime ${s.startTime}`);
    });
    const staffIds = [...new Set(slots.map((s) => s.staffMemberId).filter((x): x is string => !!x))];
    if (staffIds.length > 0) {
      const serving = await this.repo.staffServing(prisonId, staffIds);
      slots.forEach((s, i) => {
        if (s.staffMemberId && !serving.has(s.staffMemberId))
          problem(`slots.${i}.staffMemberId`, `Staff member ${s.staffMemberId} does not serve this prison`);
      });
    }
    if (problems.length > 0) throw new InvalidInputError('Validation failed', problems);
  }
}

function slotValues(s: SlotInputDto): Pick<ActivitySlot, 'weekday' | 'period' | 'startTime' | 'endTime' | 'staffMemberId'> {
  return {
    weekday: s.weekday,
    period: s.period,
    startTime: s.startTime ?? null,
    endTime: s.endTime ?? null,
    staffMemberId: s.staffMemberId ?? null,
  };
}
