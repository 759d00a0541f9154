import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/pagination.dto';
import { Employer, StaffRole } from '../staff.enums';

export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: StaffRole, enumName: 'StaffRole', isArray: true }) roles: StaffRole[];
  @ApiProperty({ enum: Employer, enumName: 'Employer', description: 'Who employs them (the import model)' }) employer: Employer;
  @ApiProperty({ type: String, nullable: true, example: 'Oslo fylkeskommune' }) employerName: string | null;
  @ApiProperty({ type: [String], description: 'Prisons they serve' }) prisonIds: string[];
}

export class StaffListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only staff serving this prison' })
  @IsOptional()
  @IsUUID()
  prisonId?: string;

  @ApiPropertyOptional({ enum: StaffRole, enumName: 'StaffRole' })
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;
}

export class StaffPageDto extends PageMetaDto {
  @ApiProperty({ type: [StaffMemberDto] }) items: StaffMemberDto[];
}
