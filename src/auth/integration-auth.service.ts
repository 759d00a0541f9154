import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { IntegrationTokenRepository } from './integration-token.repository';
import { Principal } from './principal';
import { Role } from './roles';

/** An integration client's API token: "kit_" and 43 random base64url characters (256 bits). */
export const INTEGRATION_TOKEN = /^kit_[A-Za-z0-9_-]{43}$/;

export const hashIntegrationToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Signs in a prison record system by its API token. The principal has the INTEGRATION role only, and no
 * prisons: the event endpoint it may call is national (the record system holds every prison's custody).
 */
@Injectable()
export class IntegrationAuthService {
  constructor(private readonly tokens: IntegrationTokenRepository) {}

  async principalFromToken(token: string): Promise<Principal> {
    const owner = INTEGRATION_TOKEN.test(token) ? await this.tokens.findLive(hashIntegrationToken(token)) : undefined;
    if (!owner) throw new UnauthenticatedError(ruleMessage(RuleCode.INTEGRATION_TOKEN_INVALID));
    await this.tokens.touch(owner.tokenId);
    return {
      userId: owner.userId,
      username: owner.username,
      sessionId: owner.tokenId,
      roles: [Role.INTEGRATION],
      staffMemberId: null,
      prisonIds: [],
    };
  }
}
