import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The daily allowance ("dagpenger") rates, as dated data: a row applies from `validFrom` until the
 * next row's `validFrom`. Amounts in NOK; numeric columns come back from pg as strings.
 */
@Entity({ name: 'allowance_rate' })
@Unique('allowance_rate_valid_from_key', ['validFrom'])
export class AllowanceRate {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'date' }) validFrom: string;

  @Column({ type: 'numeric', precision: 8, scale: 2 }) dailyRateNok: string;

  @Column({ type: 'numeric', precision: 8, scale: 2 }) maxSupplementNok: string;

  @Column({ type: 'numeric', precision: 8, scale: 2 }) supportRateNok: string;
}
