import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/pagination.dto';
import { Prison } from '../entities/prison.entity';
import { Region } from '../entities/region.entity';
import { Unit } from '../entities/unit.entity';
import { SecurityLevel } from '../organisation.enums';

export class RegionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'OST' }) code: string;
  @ApiProperty({ example: 'Region øst' }) name: string;
  @ApiProperty({ description: 'false: deactivated (kept for history)' }) active: boolean;

  static from(r: Region): RegionDto {
    return { id: r.id, code: r.code, name: r.name, active: r.active };
  }
}

const hhmm = (t: string) => t.slice(0, 5);

export class DayRegimeDto {
  @ApiProperty({ example: '08:00' }) amStart: string;
  @ApiProperty({ example: '11:30' }) amEnd: string;
  @ApiProperty({ example: '12:00' }) pmStart: string;
  @ApiProperty({ example: '15:00' }) pmEnd: string;
}

export class PrisonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'OSL' }) code: string;
  @ApiProperty({ example: 'Oslo fengsel' }) name: string;
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel' }) securityLevel: SecurityLevel;
  @ApiProperty({ description: 'Number of places' }) capacity: number;
  @ApiProperty({ example: 'Europe/Oslo' }) timeZone: string;
  @ApiProperty({ type: DayRegimeDto }) dayRegime: DayRegimeDto;
  @ApiProperty({ description: 'false: deactivated (kept for history)' }) active: boolean;

  static from(p: Prison): PrisonDto {
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      regionId: p.regionId,
      securityLevel: p.securityLevel,
      capacity: p.capacity,
      timeZone: p.timeZone,
      dayRegime: { amStart: hhmm(p.amStart), amEnd: hhmm(p.amEnd), pmStart: hhmm(p.pmStart), pmEnd: hhmm(p.pmEnd) },
      active: p.active,
    };
  }
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ example: 'Avdeling A' }) name: string;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel' }) securityLevel: SecurityLevel;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'false: deactivated (kept for history)' }) active: boolean;

  static from(u: Unit): UnitDto {
    return { id: u.id, prisonId: u.prisonId, name: u.name, securityLevel: u.securityLevel, capacity: u.capacity, active: u.active };
  }
}

export class PrisonListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only prisons in this region' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

export class PrisonPageDto extends PageMetaDto {
  @ApiProperty({ type: [PrisonDto] }) items: PrisonDto[];
}
