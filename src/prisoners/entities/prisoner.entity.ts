import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { EducationLevel, EducationRight, LegalStatus } from '../prisoner.enums';

@Entity({ name: 'prisoner' })
@Index('prisoner_last_first_name_idx', ['lastName', 'firstName'])
// One person whatever the case: numbers are stored trimmed and in upper case, so the unique key holds in any case.
@Check('prisoner_number_normalised', `"prisoner_number" = upper(btrim("prisoner_number"))`)
export class Prisoner {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 20, unique: true }) prisonerNumber: string;

  @Column({ type: 'varchar', length: 100 }) firstName: string;

  @Column({ type: 'varchar', length: 100 }) lastName: string;

  @Column({ type: 'date' }) dateOfBirth: string;

  @Column({ type: 'enum', enum: LegalStatus, enumName: 'legal_status' }) legalStatus: LegalStatus;

  // ISO 3166-1 alpha-2 country code.
  @Column({ type: 'char', length: 2 }) nationality: string;

  @Column({ type: 'enum', enum: EducationLevel, enumName: 'education_level', default: EducationLevel.UNKNOWN })
  educationLevel: EducationLevel;

  @Column({ type: 'enum', enum: EducationRight, enumName: 'education_right', default: EducationRight.NONE })
  educationRight: EducationRight;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
