import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow } from '../auth/policy.decorators';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { CreateIntegrationClientDto, IntegrationClientTokenDto } from './dto/integration-client.dto';
import { IntegrationClientsService } from './integration-clients.service';

// Deactivate a client with PATCH /users/{id} (active: false); its tokens stop working at once.
@ApiTags('intake')
@Controller('integration-clients')
export class IntegrationClientsController {
  constructor(private readonly clients: IntegrationClientsService) {}

  @Post()
  @Allow(Role.NATIONAL_ADMIN)
  @Audited({ action: 'integration-client.create', subjectType: 'user' })
  @ApiOperation({ summary: 'Create an integration client (a user with the INTEGRATION role) and its API token, shown once' })
  @ApiCreatedResponse({ type: IntegrationClientTokenDto })
  @ApiBadRequestResponse({ description: 'Invalid username' })
  @ApiConflictResponse({ description: 'The username is taken' })
  create(@Body() dto: CreateIntegrationClientDto): Promise<IntegrationClientTokenDto> {
    return this.clients.create(dto.username);
  }

  @Post(':id/token')
  @Allow(Role.NATIONAL_ADMIN)
  @Audited({ action: 'integration-client.token', subjectType: 'user' })
  @ApiOperation({ summary: "Issue a new API token for the client (shown once); the client's earlier tokens are revoked" })
  @ApiCreatedResponse({ type: IntegrationClientTokenDto })
  @ApiNotFoundResponse()
  rotate(@Param('id', UuidParam) id: string): Promise<IntegrationClientTokenDto> {
    return this.clients.rotate(id);
  }
}
