import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class AllowanceQueryDto {
  @ApiProperty({ example: '2026-11', description: 'Calendar month, yyyy-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a calendar month as yyyy-MM' })
  month: string;
}

export class AllowanceRatePartDto {
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The rate row applied (null: no rate known for those days)' })
  validFrom: string | null;
  @ApiProperty({ example: '79.00', nullable: true, type: String }) dailyRateNok: string | null;
  @ApiProperty() paidDays: number;
}

export class PrisonerAllowanceDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ description: 'Days with at least one attended session here' }) paidDays: number;
  @ApiProperty({ description: 'Days with attendance recorded here but nothing attended (absent for any reason): no allowance' })
  unpaidDays: number;
  @ApiProperty({ type: [AllowanceRatePartDto], description: 'Paid days by the rate that applied on each day' })
  rates: AllowanceRatePartDto[];
  @ApiProperty({ example: '1580.00', description: 'NOK, two decimals (string, exact)' }) amountNok: string;
}

export class AllowanceTotalsDto {
  @ApiProperty() prisoners: number;
  @ApiProperty() paidDays: number;
  @ApiProperty({ example: '1580.00' }) amountNok: string;
}

export class PrisonAllowanceDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [PrisonerAllowanceDto] }) prisoners: PrisonerAllowanceDto[];
  @ApiProperty({ type: AllowanceTotalsDto }) totals: AllowanceTotalsDto;
}
