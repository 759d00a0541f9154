export enum Role {
  OFFICER = 'OFFICER',
  TEACHER = 'TEACHER',
  MANAGER = 'MANAGER',
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
}

export const ALL_ROLES: readonly Role[] = [Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN];
