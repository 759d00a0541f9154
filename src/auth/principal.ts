import { notePrisonSeen } from '../audit/audit-context';
import { Role } from './roles';

/** The signed-in user as the services see it. Prison ids are read fresh from the database per request. */
export interface Principal {
  userId: string;
  username: string;
  sessionId: string;
  roles: Role[];
  staffMemberId: string | null;
  prisonIds: string[];
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

export function isNationalAdmin(p: Principal): boolean {
  return p.roles.includes(Role.NATIONAL_ADMIN);
}

/**
 * Whether the user may see personal data of this prison (national admins: all prisons). A yes also
 * tells the request's audit event which prison's data it touched (src/audit/audit-context.ts).
 */
export function canSeePrison(p: Principal, prisonId: string): boolean {
  const yes = isNationalAdmin(p) || p.prisonIds.includes(prisonId);
  if (yes) notePrisonSeen(prisonId);
  return yes;
}

/** The prisons a list is limited to, or undefined for "all" (national admins). */
export function prisonScope(p: Principal): string[] | undefined {
  if (isNationalAdmin(p)) return undefined;
  // A list limited to one prison is that prison's data (for the audit trail).
  if (p.prisonIds.length === 1) notePrisonSeen(p.prisonIds[0]);
  return p.prisonIds;
}

/** A teacher and nothing more: sees only the classes they teach, and only teacher-safe prisoner fields. */
export function isTeacherOnly(p: Principal): boolean {
  return hasRole(p, Role.TEACHER) && !hasRole(p, Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN);
}
