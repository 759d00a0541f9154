import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { canSeePrison, Principal } from '../auth/principal';
import { ConflictError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { CreatePrisonerDto, MoveKind, MovePrisonerDto } from './dto/custody-commands.dto';
import { CustodyRepository } from './custody.repository';
import { CustodyEndReason, EducationLevel, EducationRight } from './prisoner.enums';

/** Admissions, transfers and releases: the custody periods that say where a prisoner is held. */
@Injectable()
export class CustodyService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly prisonerDays: PrisonerDaysService,
    private readonly repo: CustodyRepository,
  ) {}

  async admit(dto: CreatePrisonerDto, principal: Principal): Promise<string> {
    if (!canSeePrison(principal, dto.admission.prisonId)) throw new NotFoundError('Prison', dto.admission.prisonId);
    return this.txHost.withTransaction(async () => {
      await this.assertUnitInPrison(dto.admission.unitId, dto.admission.prisonId);
      if (await this.repo.prisonerNumberTaken(dto.prisonerNumber)) {
        throw new ConflictError(ruleMessage(RuleCode.PRISONER_NUMBER_TAKEN, { prisonerNumber: dto.prisonerNumber }));
      }
      const prisoner = await this.repo.insertPrisoner({
        prisonerNumber: dto.prisonerNumber,
        firstName: dto.firstName,
        lastName: dto.lastName,
        dateOfBirth: dto.dateOfBirth,
        legalStatus: dto.legalStatus,
        nationality: dto.nationality,
        educationLevel: dto.educationLevel ?? EducationLevel.UNKNOWN,
        educationRight: dto.educationRight ?? EducationRight.NONE,
      });
      await this.repo.insertPeriod({
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
      const prisoner = await this.repo.lockPrisoner(prisonerId);
      if (!prisoner) throw new NotFoundError('Prisoner', prisonerId);
      const open = await this.repo.lockOpenPeriod(prisonerId);
      // Only the prison holding the prisoner (or the national administration) moves them.
      if (!open && !(await this.lastPrisonVisible(prisonerId, principal))) throw new NotFoundError('Prisoner', prisonerId);
      if (!open) throw new ConflictError(ruleMessage(RuleCode.CUSTODY_NONE_OPEN));
      if (!canSeePrison(principal, open.prisonId)) throw new NotFoundError('Prisoner', prisonerId);
      if (dto.date <= open.fromDate) {
        throw new RuleBrokenError(
          ruleMessage(dto.kind === MoveKind.TRANSFER ? RuleCode.TRANSFER_NOT_AFTER_ARRIVAL : RuleCode.RELEASE_NOT_AFTER_ARRIVAL, {
            fromDate: open.fromDate,
          }),
        );
      }
      if (dto.kind === MoveKind.TRANSFER) {
        if (dto.toPrisonId === open.prisonId) throw new RuleBrokenError(ruleMessage(RuleCode.TRANSFER_SAME_PRISON));
        await this.assertUnitInPrison(dto.toUnitId as string, dto.toPrisonId as string);
      }
      await this.repo.endPeriod(
        open.id,
        dto.date,
        dto.kind === MoveKind.TRANSFER ? CustodyEndReason.TRANSFERRED : CustodyEndReason.RELEASED,
      );
      if (dto.kind === MoveKind.TRANSFER) {
        await this.repo.insertPeriod({
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
    const last = await this.repo.latestPeriod(prisonerId);
    return !!last && canSeePrison(principal, last.prisonId);
  }

  private async assertUnitInPrison(unitId: string, prisonId: string): Promise<void> {
    const unit = await this.repo.findUnit(unitId);
    if (!unit || unit.prisonId !== prisonId) throw new RuleBrokenError(ruleMessage(RuleCode.UNIT_NOT_IN_PRISON), { unitId, prisonId });
  }
}
