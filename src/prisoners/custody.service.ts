import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsNull } from 'typeorm';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { canSeePrison, Principal } from '../auth/principal';
import { ConflictError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { Unit } from '../organisation/entities/unit.entity';
import { CreatePrisonerDto, MoveKind, MovePrisonerDto } from './dto/custody-commands.dto';
import { CustodyPeriod } from './entities/custody-period.entity';
import { Prisoner } from './entities/prisoner.entity';
import { CustodyEndReason, EducationLevel, EducationRight } from './prisoner.enums';

/** Admissions, transfers and releases: the custody periods that say where a prisoner is held. */
@Injectable()
export class CustodyService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  async admit(dto: CreatePrisonerDto, principal: Principal): Promise<string> {
    if (!canSeePrison(principal, dto.admission.prisonId)) throw new NotFoundError('Prison', dto.admission.prisonId);
    return this.txHost.withTransaction(async () => {
      const em = this.txHost.tx;
      await this.assertUnitInPrison(dto.admission.unitId, dto.admission.prisonId);
      if (await em.getRepository(Prisoner).existsBy({ prisonerNumber: dto.prisonerNumber })) {
        throw new ConflictError(`Prisoner number ${dto.prisonerNumber} is already in use`);
      }
      const prisoner = await em.getRepository(Prisoner).save({
        prisonerNumber: dto.prisonerNumber,
        firstName: dto.firstName,
        lastName: dto.lastName,
        dateOfBirth: dto.dateOfBirth,
        legalStatus: dto.legalStatus,
        nationality: dto.nationality,
        educationLevel: dto.educationLevel ?? EducationLevel.UNKNOWN,
        educationRight: dto.educationRight ?? EducationRight.NONE,
      });
      await em.getRepository(CustodyPeriod).insert({
        prisonerId: prisoner.id,
        prisonId: dto.admission.prisonId,
        unitId: dto.admission.unitId,
        fromDate: dto.admission.fromDate,
        toDate: null,
        endReason: null,
      });
      // A backdated admission changes past prisoner-days (nothing happens for today or later).
      await this.prisonerDays.daysChanged({ prisonerIds: [prisoner.id], from: dto.admission.fromDate, to: '9999-12-31' });
      return prisoner.id;
    });
  }

  /** Ends the open custody period on `date`; a transfer opens the next one at the receiving prison the same day. */
  async move(prisonerId: string, dto: MovePrisonerDto, principal: Principal): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const em = this.txHost.tx;
      const prisoner = await em.getRepository(Prisoner).findOne({ where: { id: prisonerId }, lock: { mode: 'pessimistic_write' } });
      if (!prisoner) throw new NotFoundError('Prisoner', prisonerId);
      const open = await em.getRepository(CustodyPeriod).findOne({
        where: { prisonerId, toDate: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      // Only the prison holding the prisoner (or the national administration) moves them.
      if (!open && !(await this.lastPrisonVisible(prisonerId, principal))) throw new NotFoundError('Prisoner', prisonerId);
      if (!open) throw new ConflictError('The prisoner has no open custody period to end');
      if (!canSeePrison(principal, open.prisonId)) throw new NotFoundError('Prisoner', prisonerId);
      if (dto.date <= open.fromDate) {
        throw new RuleBrokenError(
          `The ${dto.kind === MoveKind.TRANSFER ? 'transfer' : 'release'} date must be after the arrival on ${open.fromDate}`,
        );
      }
      if (dto.kind === MoveKind.TRANSFER) {
        if (dto.toPrisonId === open.prisonId) throw new RuleBrokenError('A transfer must be to another prison; change the unit instead');
        await this.assertUnitInPrison(dto.toUnitId as string, dto.toPrisonId as string);
      }
      await em.getRepository(CustodyPeriod).update(open.id, {
        toDate: dto.date,
        endReason: dto.kind === MoveKind.TRANSFER ? CustodyEndReason.TRANSFERRED : CustodyEndReason.RELEASED,
      });
      if (dto.kind === MoveKind.TRANSFER) {
        await em.getRepository(CustodyPeriod).insert({
          prisonerId,
          prisonId: dto.toPrisonId as string,
          unitId: dto.toUnitId as string,
          fromDate: dto.date,
          toDate: null,
          endReason: null,
        });
      }
      // A backdated release or transfer moves or removes past prisoner-days.
      await this.prisonerDays.daysChanged({ prisonerIds: [prisonerId], from: dto.date, to: '9999-12-31' });
    });
  }

  private async lastPrisonVisible(prisonerId: string, principal: Principal): Promise<boolean> {
    const em = this.txHost.tx;
    const last = await em.getRepository(CustodyPeriod).findOne({ where: { prisonerId }, order: { fromDate: 'DESC' } });
    return !!last && canSeePrison(principal, last.prisonId);
  }

  private async assertUnitInPrison(unitId: string, prisonId: string): Promise<void> {
    const em = this.txHost.tx;
    const unit = await em.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit || unit.prisonId !== prisonId) throw new RuleBrokenError('The unit does not exist at that prison', { unitId, prisonId });
  }
}
