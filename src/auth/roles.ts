export enum Role {
  OFFICER = 'OFFICER',
  TEACHER = 'TEACHER',
  MANAGER = 'MANAGER',
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
  // A prison record system feeding custody events: signs in only with an API token (never a password) and
  // may call only the event endpoint. Not in ALL_ROLES: "every role" means every person's role.
  INTEGRATION = 'INTEGRATION',
}

export const ALL_ROLES: readonly Role[] = [Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN];
