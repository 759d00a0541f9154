import { DataSource } from 'typeorm';
import { StaffMember } from '../../src/staff/entities/staff-member.entity';
import { Employer, StaffRole } from '../../src/staff/staff.enums';
import { nextSeq } from './sequence';

export async function createStaffMember(
  ds: DataSource,
  values: { prisonIds: string[]; roles?: StaffRole[] } & Partial<Omit<StaffMember, 'prisons' | 'roles'>>,
): Promise<StaffMember> {
  const n = nextSeq();
  const { prisonIds, roles, ...rest } = values;
  const staff = await ds.getRepository(StaffMember).save({
    firstName: `Kari${n}`,
    lastName: `Ansatt${n}`,
    roles: roles ?? [StaffRole.WORK_PROGRAMME_OFFICER],
    employer: Employer.CORRECTIONAL_SERVICE,
    employerName: null,
    email: null,
    ...rest,
  });
  if (prisonIds.length > 0) {
    await ds.createQueryBuilder().relation(StaffMember, 'prisons').of(staff.id).add(prisonIds);
  }
  return staff;
}
