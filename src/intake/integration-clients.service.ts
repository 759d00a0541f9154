import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { hashIntegrationToken } from '../auth/integration-auth.service';
import { hashPassword } from '../auth/passwords';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { IntegrationClientTokenDto } from './dto/integration-client.dto';
import { IntegrationClientsRepository } from './integration-clients.repository';

const newToken = () => `kit_${randomBytes(32).toString('base64url')}`;

/** National administrators create integration clients and rotate their API token (shown once). */
@Injectable()
export class IntegrationClientsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: IntegrationClientsRepository,
  ) {}

  async create(username: string): Promise<IntegrationClientTokenDto> {
    // A password nobody knows (and sign-in refuses the INTEGRATION role anyway): the token is the only credential.
    const unusable = await hashPassword(randomBytes(32).toString('base64url'));
    const token = newToken();
    const userId = await this.txHost.withTransaction(async () => {
      if (await this.repo.usernameTaken(username)) throw new ConflictError(ruleMessage(RuleCode.CLIENT_USERNAME_TAKEN, { username }));
      const id = await this.repo.createClientUser(username, unusable);
      await this.repo.replaceToken(id, hashIntegrationToken(token));
      return id;
    });
    return { userId, username, token };
  }

  async rotate(userId: string): Promise<IntegrationClientTokenDto> {
    const token = newToken();
    return this.txHost.withTransaction(async () => {
      const client = await this.repo.findClient(userId);
      if (!client) throw new NotFoundError('Integration client', userId);
      await this.repo.replaceToken(userId, hashIntegrationToken(token));
      return { userId, username: client.username, token };
    });
  }
}
