import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Principal } from './principal';
import { Role } from './roles';

export const POLICY_KEY = 'access-policy';

export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (login, health, docs). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies AccessPolicy);

/** Signed-in users with one of these roles. Every other route is denied by default. */
export function Allow(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(POLICY_KEY, { kind: 'roles', roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiExtension('x-required-roles', roles),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is expired or revoked' }),
    ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }),
  );
}

export type AuthenticatedRequest = Request & { principal?: Principal; id?: string };

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a route without an authenticated policy');
  return req.principal;
});
