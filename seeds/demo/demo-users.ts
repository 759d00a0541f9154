import { EntityManager } from 'typeorm';
import { AppUser } from '../../src/auth/entities/app-user.entity';
import { hashPassword } from '../../src/auth/passwords';
import { Role } from '../../src/auth/roles';
import { StaffRole } from '../../src/staff/staff.enums';
import type { DemoData } from './generate-demo-data';

/** The shared password of every demo user (documented in the README's demo section only). */
export const DEMO_PASSWORD = 'demo-aktivitet-2026';

export interface DemoUserSpec {
  username: string;
  role: Role;
  /** Prison code; none for the national administrator. */
  prisonCode?: string;
  staffRole: StaffRole;
}

// One user per role at a few prisons, each linked to a generated staff member of that role there.
export const DEMO_USERS: DemoUserSpec[] = [
  { username: 'oslo.officer', role: Role.OFFICER, prisonCode: 'OSL', staffRole: StaffRole.WORK_PROGRAMME_OFFICER },
  { username: 'oslo.teacher', role: Role.TEACHER, prisonCode: 'OSL', staffRole: StaffRole.TEACHER },
  { username: 'oslo.manager', role: Role.MANAGER, prisonCode: 'OSL', staffRole: StaffRole.PRISON_MANAGER },
  { username: 'bergen.officer', role: Role.OFFICER, prisonCode: 'BGO', staffRole: StaffRole.WORK_PROGRAMME_OFFICER },
  { username: 'bergen.teacher', role: Role.TEACHER, prisonCode: 'BGO', staffRole: StaffRole.TEACHER },
  { username: 'bergen.manager', role: Role.MANAGER, prisonCode: 'BGO', staffRole: StaffRole.PRISON_MANAGER },
  { username: 'bastoy.officer', role: Role.OFFICER, prisonCode: 'BAS', staffRole: StaffRole.WORK_PROGRAMME_OFFICER },
  { username: 'national.admin', role: Role.NATIONAL_ADMIN, staffRole: StaffRole.NATIONAL_ADMINISTRATOR },
];

/** Which staff member each demo user is: the first of that role serving the prison (stable for a seed). */
export function pickDemoStaff(data: DemoData, spec: DemoUserSpec): string {
  const prison = spec.prisonCode ? data.prisons.find((p) => p.code === spec.prisonCode) : undefined;
  if (spec.prisonCode && !prison) throw new Error(`Demo prison ${spec.prisonCode} is missing from the demo data`);
  const staff = data.staffMembers.find(
    (s) => s.roles.includes(spec.staffRole) && (prison ? s.prisonIds.includes(prison.id) : s.prisonIds.length === 0),
  );
  if (!staff) throw new Error(`No ${spec.staffRole} for demo user ${spec.username}`);
  return staff.id;
}

export async function insertDemoUsers(manager: EntityManager, data: DemoData): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await manager.getRepository(AppUser).insert(
    DEMO_USERS.map((spec) => ({
      username: spec.username,
      passwordHash,
      roles: [spec.role],
      staffMemberId: pickDemoStaff(data, spec),
      active: true,
    })),
  );
  return DEMO_USERS.length;
}
