import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { OrganisationService } from '../organisation/organisation.service';
import { CustodyPeriodDto, PrisonerDto, PrisonerListQueryDto } from './dto/prisoner.dto';
import { PrisonersRepository } from './prisoners.repository';

@Injectable()
export class PrisonersService {
  constructor(
    private readonly repo: PrisonersRepository,
    private readonly organisation: OrganisationService,
    private readonly clock: Clock,
  ) {}

  async listHeld(q: PrisonerListQueryDto): Promise<Page<PrisonerDto>> {
    if (q.prisonId) await this.organisation.findPrisonOrFail(q.prisonId);
    const { rows, total } = await this.repo.findHeldPage(
      { prisonId: q.prisonId, unitId: q.unitId, legalStatus: q.legalStatus, search: q.search, onDate: q.onDate ?? this.clock.today() },
      q.offset,
      q.pageSize,
    );
    return toPage(rows, total, q);
  }

  async get(id: string, onDate?: string): Promise<PrisonerDto> {
    const prisoner = await this.repo.findOneWithCustodyOn(id, onDate ?? this.clock.today());
    if (!prisoner) throw new NotFoundError('Prisoner', id);
    return prisoner;
  }

  async custodyPeriods(id: string): Promise<CustodyPeriodDto[]> {
    if (!(await this.repo.exists(id))) throw new NotFoundError('Prisoner', id);
    return this.repo.findCustodyPeriods(id);
  }
}
