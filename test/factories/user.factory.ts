import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppUser } from '../../src/auth/entities/app-user.entity';
import { Role } from '../../src/auth/roles';
import { StaffRole } from '../../src/staff/staff.enums';
import { nextSeq } from './sequence';
import { createStaffMember } from './staff.factory';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let hash: Promise<string> | undefined;
// One hash serves every test user: argon2id like the app's, at a low cost (the hash carries its
// parameters, which verify reads), so a sign-in costs ~1 ms of CPU instead of the app's ~150 ms.
const testPasswordHash = () =>
  (hash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 }));

// INTEGRATION is a system, not a staff member's role: such a user gets no staff role.
const STAFF_ROLE: Partial<Record<Role, StaffRole>> = {
  [Role.OFFICER]: StaffRole.WORK_PROGRAMME_OFFICER,
  [Role.TEACHER]: StaffRole.TEACHER,
  [Role.MANAGER]: StaffRole.PRISON_MANAGER,
  [Role.NATIONAL_ADMIN]: StaffRole.NATIONAL_ADMINISTRATOR,
};

/** A user with the roles, linked to a new staff member serving the prisons. */
export async function createUser(
  ds: DataSource,
  values: { roles: Role[]; prisonIds?: string[]; active?: boolean; username?: string },
): Promise<AppUser> {
  const staff = await createStaffMember(ds, { prisonIds: values.prisonIds ?? [], roles: values.roles.flatMap((r) => STAFF_ROLE[r] ?? []) });
  return ds.getRepository(AppUser).save({
    username: values.username ?? `user${nextSeq()}`,
    passwordHash: await testPasswordHash(),
    roles: values.roles,
    staffMemberId: staff.id,
    active: values.active ?? true,
  });
}
