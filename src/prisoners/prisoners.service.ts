import { Injectable } from '@nestjs/common';
import { canSeePrison, Principal, prisonScope } from '../auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { CustodyPeriodDto, PrisonerDto, PrisonerListQueryDto } from './dto/prisoner.dto';
import { PrisonersRepository } from './prisoners.repository';

@Injectable()
export class PrisonersService {
  constructor(
    private readonly repo: PrisonersRepository,
    private readonly clock: Clock,
  ) {}

  async listHeld(q: PrisonerListQueryDto, principal: Principal): Promise<Page<PrisonerDto>> {
    // Another prison answers as if it did not exist.
    if (q.prisonId && !(canSeePrison(principal, q.prisonId) && (await this.repo.prisonExists(q.prisonId))))
      throw new NotFoundError('Prison', q.prisonId);
    const { rows, total } = await this.repo.findHeldPage(
      {
        prisonId: q.prisonId,
        prisonIds: prisonScope(principal),
        unitId: q.unitId,
        legalStatus: q.legalStatus,
        search: q.search,
        onDate: q.onDate ?? this.clock.today(),
      },
      q.offset,
      q.pageSize,
    );
    return toPage(rows, total, q);
  }

  async get(id: string, principal: Principal, onDate?: string): Promise<PrisonerDto> {
    await this.assertVisible(id, principal);
    const prisoner = await this.repo.findOneWithCustodyOn(id, onDate ?? this.clock.today());
    if (!prisoner) throw new NotFoundError('Prisoner', id);
    return prisoner;
  }

  async custodyPeriods(id: string, principal: Principal): Promise<CustodyPeriodDto[]> {
    await this.assertVisible(id, principal);
    return this.repo.findCustodyPeriods(id);
  }

  /** A prisoner belongs to the prison holding them today, or else to the prison of their latest stay. */
  async assertVisible(prisonerId: string, principal: Principal): Promise<string> {
    const prisonId = await this.repo.findResponsiblePrison(prisonerId, this.clock.today());
    if (!prisonId || !canSeePrison(principal, prisonId)) throw new NotFoundError('Prisoner', prisonerId);
    return prisonId;
  }
}
