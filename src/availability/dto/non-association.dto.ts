import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Validate } from 'class-validator';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateNonAssociationDto {
  @ApiProperty({ format: 'uuid', description: 'The prisoner who must not be in the same session' })
  @IsUUID()
  otherPrisonerId: string;

  @ApiProperty({ description: 'Why (sensitive: never shown to teachers)', maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ format: 'date', description: 'From this day (default: today in Oslo)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  fromDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Up to and including this day (default: until ended)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  toDate?: string;
}

export class EndNonAssociationDto {
  @ApiProperty({ format: 'date', description: 'Last day the pair is kept apart (inclusive); not before the start' })
  @Validate(IsIsoDateConstraint)
  toDate: string;
}

export class NonAssociatedPrisonerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the prisoner is held at a prison outside your scope' })
  prisonerNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
}

export class NonAssociationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The prisoner the entry is seen from' }) prisonerId: string;
  @ApiProperty({ type: NonAssociatedPrisonerDto }) otherPrisoner: NonAssociatedPrisonerDto;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date' }) fromDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Inclusive; null = until ended' }) toDate: string | null;
  @ApiProperty({ description: 'In force today' }) active: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
