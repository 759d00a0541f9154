import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/pagination.dto';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { Employer } from '../../staff/staff.enums';
import { ActivityKind, DayPeriod } from '../activity.enums';
import { ActivitySlot } from '../entities/activity-slot.entity';
import { Activity } from '../entities/activity.entity';

export class ActivitySlotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'ISO weekday, 1 = Monday' }) weekday: number;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ type: String, nullable: true, example: '08:30', description: "Overrides the prison's day regime" }) startTime:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '11:00' }) endTime: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) staffMemberId: string | null;

  static from(s: ActivitySlot): ActivitySlotDto {
    return {
      id: s.id,
      weekday: s.weekday,
      period: s.period,
      startTime: s.startTime?.slice(0, 5) ?? null,
      endTime: s.endTime?.slice(0, 5) ?? null,
      staffMemberId: s.staffMemberId,
    };
  }
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty({ example: 'WOOD' }) category: string;
  @ApiProperty({ example: 'Snekkerverksted' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty() location: string;
  @ApiProperty({ description: 'Places per session' }) capacity: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Room or workshop size (sessions may grow up to it); null = capacity' })
  maxCapacity: number | null;
  @ApiProperty({ enum: Employer, enumName: 'Employer' }) provider: Employer;
  @ApiProperty({ type: String, nullable: true }) providerName: string | null;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel', isArray: true }) securityLevels: SecurityLevel[];
  @ApiProperty({ type: Number, nullable: true }) minAge: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAge: number | null;
  @ApiProperty() requiresReferral: boolean;
  @ApiProperty() runsOnPublicHolidays: boolean;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate: string | null;

  static from(a: Activity): ActivityDto {
    return {
      id: a.id,
      prisonId: a.prisonId,
      kind: a.kind,
      category: a.category,
      name: a.name,
      description: a.description,
      location: a.location,
      capacity: a.capacity,
      maxCapacity: a.maxCapacity,
      provider: a.provider,
      providerName: a.providerName,
      securityLevels: a.securityLevels,
      minAge: a.minAge,
      maxAge: a.maxAge,
      requiresReferral: a.requiresReferral,
      runsOnPublicHolidays: a.runsOnPublicHolidays,
      startDate: a.startDate,
      endDate: a.endDate,
    };
  }
}

export class ActivityDetailDto extends ActivityDto {
  @ApiProperty({ type: [ActivitySlotDto] }) slots: ActivitySlotDto[];
}

export class ActivityListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  prisonId?: string;

  @ApiPropertyOptional({ enum: ActivityKind, enumName: 'ActivityKind' })
  @IsOptional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;
}

export class ActivityPageDto extends PageMetaDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
}
