import { Injectable } from '@nestjs/common';
import { canSeePrison, isNationalAdmin, Principal } from '../../auth/principal';
import { NotFoundError } from '../../common/errors/domain-errors';
import { PrisonListQueryDto } from '../../organisation/dto/organisation.dto';
import { OrganisationService } from '../../organisation/organisation.service';

export interface PrisonRef {
  id: string;
  name: string;
}

/** Which prison a page shows: the one asked for (if the user may see it), else the user's first. */
@Injectable()
export class PrisonChoice {
  constructor(private readonly organisation: OrganisationService) {}

  /** The prisons the user may see, by name (every prison for national administrators). */
  async visible(principal: Principal): Promise<PrisonRef[]> {
    const q = Object.assign(new PrisonListQueryDto(), { page: 1, pageSize: 200 });
    const all = (await this.organisation.listPrisons(q)).items;
    return all.filter((p) => isNationalAdmin(principal) || principal.prisonIds.includes(p.id)).map((p) => ({ id: p.id, name: p.name }));
  }

  async choose(principal: Principal, requested: string | undefined): Promise<{ prison: PrisonRef; prisons: PrisonRef[] }> {
    const prisons = await this.visible(principal);
    if (requested !== undefined) {
      const prison = prisons.find((p) => p.id === requested);
      if (!prison || !canSeePrison(principal, prison.id)) throw new NotFoundError('Prison', requested);
      return { prison, prisons };
    }
    if (prisons.length === 0) throw new NotFoundError('Prison');
    return { prison: prisons[0], prisons };
  }
}
