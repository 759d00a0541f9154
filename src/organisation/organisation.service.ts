import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { PrisonDto, PrisonListQueryDto, RegionDto, UnitDto } from './dto/organisation.dto';
import { Prison } from './entities/prison.entity';
import { Region } from './entities/region.entity';
import { Unit } from './entities/unit.entity';

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Prison) private readonly prisons: Repository<Prison>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
  ) {}

  async listRegions(): Promise<RegionDto[]> {
    return (await this.regions.find({ order: { name: 'ASC' } })).map(RegionDto.from);
  }

  async getRegion(id: string): Promise<RegionDto> {
    const region = await this.regions.findOneBy({ id });
    if (!region) throw new NotFoundError('Region', id);
    return RegionDto.from(region);
  }

  async listPrisons(q: PrisonListQueryDto): Promise<Page<PrisonDto>> {
    const [rows, total] = await this.prisons.findAndCount({
      where: q.regionId ? { regionId: q.regionId } : {},
      order: { name: 'ASC' },
      skip: q.offset,
      take: q.pageSize,
    });
    return toPage(rows.map(PrisonDto.from), total, q);
  }

  async getPrison(id: string): Promise<PrisonDto> {
    return PrisonDto.from(await this.findPrisonOrFail(id));
  }

  async listUnits(prisonId: string): Promise<UnitDto[]> {
    await this.findPrisonOrFail(prisonId);
    return (await this.units.find({ where: { prisonId }, order: { name: 'ASC' } })).map(UnitDto.from);
  }

  async findPrisonOrFail(id: string): Promise<Prison> {
    const prison = await this.prisons.findOneBy({ id });
    if (!prison) throw new NotFoundError('Prison', id);
    return prison;
  }
}
