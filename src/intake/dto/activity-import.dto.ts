import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export class ActivityImportDto {
  @ApiProperty({ enum: ['CSV', 'JSON'], description: 'CSV (`;` or `,`, header row) or JSON (an array of rows); see docs/import.md' })
  @IsIn(['CSV', 'JSON'])
  format: 'CSV' | 'JSON';

  @ApiProperty({ description: "The file's text: one row per activity of the prison, keyed by its name" })
  @IsString()
  @MaxLength(20_000_000)
  content: string;
}

export class ActivityImportIssueDto {
  @ApiProperty({ description: 'Line of the CSV file (row number from 1 in JSON); 0 for the file' }) line: number;
  @ApiPropertyOptional({ description: "The row's activity name" }) name?: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty({ example: 'INVALID_VALUE', description: 'What is wrong, as a code (docs/import.md lists them)' }) code: string;
  @ApiPropertyOptional({ description: 'The value at fault, or the reason of a rule of the activity service' }) value?: string;
}

export class ActivityImportRowDto {
  @ApiProperty() line: number;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The stored activity (absent for one to create)' }) activityId?: string;
  @ApiProperty({ enum: ['CREATE', 'UPDATE', 'UNCHANGED'] }) action: string;
  @ApiProperty({ type: [String], description: 'Fields that change (`slots` for the weekly timetable)' }) changes: string[];
}

export class ActivityImportMissingDto {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate: string | null;
}

export class ActivityImportCountsDto {
  @ApiProperty() create: number;
  @ApiProperty() update: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Stored activities of the prison missing from the file: reported, never deleted or ended' }) missing: number;
  @ApiProperty({ description: 'Rows with an error' }) errors: number;
}

export class ActivityImportReportDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ description: 'false for a dry run' }) applied: boolean;
  @ApiProperty({ type: ActivityImportCountsDto }) counts: ActivityImportCountsDto;
  @ApiProperty({ type: [ActivityImportRowDto] }) rows: ActivityImportRowDto[];
  @ApiProperty({ type: [ActivityImportMissingDto] }) missing: ActivityImportMissingDto[];
  @ApiProperty({ type: [ActivityImportIssueDto] }) issues: ActivityImportIssueDto[];
}
