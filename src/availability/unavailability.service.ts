import { Injectable } from '@nestjs/common';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { PrisonersService } from '../prisoners/prisoners.service';
import { unavailabilityViolations } from './domain/unavailability-rules';
import { CreateUnavailabilityDto, UnavailabilityDto, UnavailabilityQueryDto } from './dto/unavailability.dto';
import { UnavailabilityKind } from './availability.enums';
import { UnavailabilityRepository } from './unavailability.repository';

/** Court dates, visits, health appointments…: the times a prisoner cannot attend an activity. */
@Injectable()
export class UnavailabilityService {
  constructor(
    private readonly repo: UnavailabilityRepository,
    private readonly prisoners: PrisonersService,
    private readonly clock: Clock,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  async create(prisonerId: string, dto: CreateUnavailabilityDto, principal: Principal): Promise<UnavailabilityDto> {
    // A client may send null for an optional field; it means "not given".
    const input = {
      kind: dto.kind,
      fromDate: dto.fromDate,
      toDate: dto.toDate ?? undefined,
      period: dto.period ?? undefined,
      startTime: dto.startTime ?? undefined,
      endTime: dto.endTime ?? undefined,
      note: dto.note ?? undefined,
    };
    const violations = unavailabilityViolations(input);
    if (violations.length > 0) throw new InvalidInputError('Validation failed', violations);
    await this.prisoners.assertVisible(prisonerId, principal);
    const created = await this.repo.insert({
      prisonerId,
      kind: input.kind,
      fromDate: input.fromDate,
      toDate: input.toDate ?? input.fromDate,
      period: input.period ?? null,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      note: input.note ?? '',
      createdByUserId: principal.userId,
      createdAt: this.clock.now().toJSDate(),
    });
    await this.refreshPastDays(created);
    return created;
  }

  async list(prisonerId: string, q: UnavailabilityQueryDto, principal: Principal): Promise<UnavailabilityDto[]> {
    if (q.from && q.to && q.to < q.from)
      throw new InvalidInputError('Validation failed', [{ field: 'to', messages: ['to must be on or after from'] }]);
    await this.prisoners.assertVisible(prisonerId, principal);
    return this.repo.findForPrisoner(prisonerId, q.from, q.to);
  }

  /** Removes an entry and returns it (so the audit trail records whose it was). */
  async remove(id: string, principal: Principal): Promise<UnavailabilityDto> {
    const entry = await this.repo.findOne(id);
    if (!entry) throw new NotFoundError('Unavailability', id);
    // Another prison's entry answers as if it did not exist (and does not name the prisoner).
    await this.prisoners.assertVisible(entry.prisonerId, principal).catch((e: unknown) => {
      throw e instanceof NotFoundError ? new NotFoundError('Unavailability', id) : e;
    });
    if (!(await this.repo.delete(id))) throw new NotFoundError('Unavailability', id);
    await this.refreshPastDays(entry);
    return entry;
  }

  // Exclusion from company is a reason of its own in the activity rate: recording it for past days changes them.
  private async refreshPastDays(entry: UnavailabilityDto): Promise<void> {
    if (entry.kind !== UnavailabilityKind.EXCLUDED_FROM_COMPANY || entry.fromDate >= this.clock.today()) return;
    await this.prisonerDays.daysChanged({
      prisonerIds: [entry.prisonerId],
      from: entry.fromDate,
      to: entry.toDate,
    });
  }
}
