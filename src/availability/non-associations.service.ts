import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { canSeePrison, Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { PrisonersService } from '../prisoners/prisoners.service';
import { CreateNonAssociationDto, EndNonAssociationDto, NonAssociationDto } from './dto/non-association.dto';
import { NonAssociationRow, NonAssociationsRepository, NonAssociationView } from './non-associations.repository';

/** Pairs of prisoners who must not be in the same session. Stored once per pair, in id order. */
@Injectable()
export class NonAssociationsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: NonAssociationsRepository,
    private readonly prisoners: PrisonersService,
    private readonly clock: Clock,
  ) {}

  async create(prisonerId: string, dto: CreateNonAssociationDto, principal: Principal): Promise<NonAssociationDto> {
    // Ids are compared as PostgreSQL orders uuids: lower-case hex, byte by byte.
    const me = prisonerId.toLowerCase();
    const other = dto.otherPrisonerId.toLowerCase();
    if (me === other)
      throw new InvalidInputError('Validation failed', [
        { field: 'otherPrisonerId', messages: ['A prisoner cannot be non-associated with themselves'] },
      ]);
    const fromDate = dto.fromDate ?? this.clock.today();
    const toDate = dto.toDate ?? null;
    if (toDate !== null && toDate < fromDate)
      throw new InvalidInputError('Validation failed', [{ field: 'toDate', messages: ['toDate must be on or after fromDate'] }]);
    await this.prisoners.assertVisible(me, principal);
    await this.prisoners.assertVisible(other, principal);

    const [a, b] = me < other ? [me, other] : [other, me];
    const id = await this.txHost.withTransaction(async () => {
      await this.repo.lockPair(a, b);
      const existing = await this.repo.findOverlapping(a, b, fromDate, toDate);
      if (existing) {
        throw new ConflictError('These prisoners already have a non-association for overlapping dates', {
          nonAssociationId: existing.id,
          fromDate: existing.fromDate,
          toDate: existing.toDate,
        });
      }
      return this.repo.insert({
        prisonerAId: a,
        prisonerBId: b,
        reason: dto.reason,
        fromDate,
        toDate,
        createdByUserId: principal.userId,
        createdAt: this.clock.now().toJSDate(),
      });
    });
    return this.view(me, id, principal);
  }

  async list(prisonerId: string, principal: Principal): Promise<NonAssociationDto[]> {
    await this.prisoners.assertVisible(prisonerId, principal);
    const views = await this.repo.findViews(prisonerId, this.clock.today());
    return views.map((v) => toDto(v, principal));
  }

  async end(id: string, dto: EndNonAssociationDto, principal: Principal): Promise<NonAssociationDto> {
    const row = await this.repo.findOne(id);
    const side = row && (await this.visibleSide(row, principal));
    if (!row || !side) throw new NotFoundError('Non-association', id);
    if (dto.toDate < row.fromDate)
      throw new InvalidInputError('Validation failed', [
        { field: 'toDate', messages: [`toDate must be on or after the start, ${row.fromDate}`] },
      ]);
    if (row.toDate !== null && dto.toDate > row.toDate)
      throw new ConflictError(`The non-association already ends on ${row.toDate}`, { toDate: row.toDate });
    // Guarded in the database too: a concurrent change that ended it earlier wins.
    if (!(await this.repo.end(id, dto.toDate))) {
      const now = await this.repo.findOne(id);
      throw new ConflictError(`The non-association already ends on ${now?.toDate ?? 'another date'}`, { toDate: now?.toDate ?? null });
    }
    return this.view(side, id, principal);
  }

  private async view(prisonerId: string, id: string, principal: Principal): Promise<NonAssociationDto> {
    const [v] = await this.repo.findViews(prisonerId, this.clock.today(), id);
    if (!v) throw new NotFoundError('Non-association', id);
    return toDto(v, principal);
  }

  // An entry is visible when either prisoner is: a manager may end their own prisoner's entry after the other moved away.
  private async visibleSide(row: NonAssociationRow, principal: Principal): Promise<string | undefined> {
    for (const prisonerId of [row.prisonerAId, row.prisonerBId]) if (await this.isVisible(prisonerId, principal)) return prisonerId;
    return undefined;
  }

  private async isVisible(prisonerId: string, principal: Principal): Promise<boolean> {
    return this.prisoners.assertVisible(prisonerId, principal).then(
      () => true,
      (e: unknown) => {
        if (e instanceof NotFoundError) return false;
        throw e;
      },
    );
  }
}

function toDto(v: NonAssociationView, principal: Principal): NonAssociationDto {
  // The other prisoner may be held where the caller has no access: keep the entry, hide who it is.
  const seen = v.otherPrisonId !== null && canSeePrison(principal, v.otherPrisonId);
  return {
    id: v.id,
    prisonerId: v.prisonerId,
    otherPrisoner: {
      id: v.otherPrisonerId,
      prisonerNumber: seen ? v.otherPrisonerNumber : null,
      firstName: seen ? v.otherFirstName : null,
      lastName: seen ? v.otherLastName : null,
    },
    reason: v.reason,
    fromDate: v.fromDate,
    toDate: v.toDate,
    active: v.active,
    createdByUserId: v.createdByUserId,
    createdAt: v.createdAt.toISOString(),
  };
}
