import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { toPrisonerNumber } from '../../common/prisoner-number';

export class PopulationImportDto {
  @ApiProperty({ enum: ['CSV', 'JSON'], description: 'CSV (`;` or `,`, header row) or JSON (an array of rows); see docs/import.md' })
  @IsIn(['CSV', 'JSON'])
  format: 'CSV' | 'JSON';

  @ApiProperty({ description: "The file's text: one row per prisoner held at the prison today" })
  @IsString()
  @MaxLength(20_000_000)
  content: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Prisoner numbers missing from the file that the user confirms as released (nobody is released otherwise)',
  })
  @IsOptional()
  @Transform(toPrisonerNumber)
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9-]{3,20}$/, { each: true, message: 'each confirmRelease must be a prisoner number' })
  confirmReleases?: string[];

  @ApiPropertyOptional({ format: 'date', description: 'Release day of the confirmed releases (default today; not in the future)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  releaseDate?: string;
}

export class ImportIssueDto {
  @ApiProperty({ description: 'Line of the CSV file (row number from 1 in JSON); 0 for the file or a missing prisoner' }) line: number;
  @ApiPropertyOptional() prisonerNumber?: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty({ example: 'UNKNOWN_UNIT', description: 'What is wrong, as a code (docs/import.md lists them)' }) code: string;
  @ApiPropertyOptional({ description: 'The value at fault, or the stored value it conflicts with' }) value?: string;
}

export class ImportRowDto {
  @ApiProperty() line: number;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ enum: ['ADMIT', 'TRANSFER', 'MOVE', 'UPDATE', 'UNCHANGED'] }) action: string;
  @ApiProperty({ type: [String], description: 'Fields that change' }) changes: string[];
}

export class ImportMissingDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'date' }) arrivalDate: string;
  @ApiProperty({ description: 'Confirmed: released on the release day by the apply' }) release: boolean;
}

export class PopulationCountsDto {
  @ApiProperty() admit: number;
  @ApiProperty({ description: 'Transferred in from another prison' }) transfer: number;
  @ApiProperty({ description: 'Moved to another unit of this prison' }) move: number;
  @ApiProperty() release: number;
  @ApiProperty() update: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Held here, missing from the file, not confirmed as released: left as they are' }) missing: number;
  @ApiProperty({ description: 'Rows (or missing prisoners) with an error' }) errors: number;
}

export class PopulationImportReportDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ description: 'false for a dry run' }) applied: boolean;
  @ApiProperty({ type: PopulationCountsDto }) counts: PopulationCountsDto;
  @ApiProperty({ type: [ImportRowDto] }) rows: ImportRowDto[];
  @ApiProperty({ type: [ImportMissingDto] }) missing: ImportMissingDto[];
  @ApiProperty({ type: [ImportIssueDto] }) issues: ImportIssueDto[];
}
