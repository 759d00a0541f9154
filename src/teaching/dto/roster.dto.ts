import { ApiProperty } from '@nestjs/swagger';
import { AllocationPatternKind } from '../../allocations/allocation.enums';
import { EducationLevel, EducationRight } from '../../prisoners/prisoner.enums';
import { MySessionDto } from './my-session.dto';

/**
 * A prisoner on a teacher's class list: only what a (county-employed) teacher needs. Never legal status,
 * offence, security, health or date of birth — this class, and the SQL behind it, have no such fields.
 */
export class TeacherRosterEntryDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ type: String, nullable: true, description: 'Unit held on the session day' }) unitName: string | null;
  @ApiProperty({ enum: EducationRight, enumName: 'EducationRight' }) educationRight: EducationRight;
  @ApiProperty({ enum: EducationLevel, enumName: 'EducationLevel' }) educationLevel: EducationLevel;
}

/** A prisoner on the roster as officers and managers of the prison see it: the teacher's fields and a few more. */
export class RosterEntryDto extends TeacherRosterEntryDto {
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ format: 'uuid', description: 'The allocation that put them on the session' }) allocationId: string;
  @ApiProperty({ enum: AllocationPatternKind, enumName: 'AllocationPatternKind' }) allocationPattern: AllocationPatternKind;
}

/** The session (as in the timetable, no personal data) and who is booked on it. */
export class TeacherRosterDto extends MySessionDto {
  @ApiProperty({ type: [TeacherRosterEntryDto], description: 'By last name, first name' }) entries: TeacherRosterEntryDto[];
}

export class RosterDto extends MySessionDto {
  @ApiProperty({ type: [RosterEntryDto], description: 'By last name, first name' }) entries: RosterEntryDto[];
}
