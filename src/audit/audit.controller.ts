import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import { Audited } from './audit.decorators';
import { canSeePrison, prisonScope } from '../auth/principal';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { NotFoundError } from '../common/errors/domain-errors';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  // Reading the trail is itself a read of who saw which prisoner: recorded like any such read (with the
  // prisoner asked about, when the search names one).
  @Audited({ action: 'audit.read', subjectType: 'audit' })
  @ApiOperation({ summary: 'Who did or saw what: managers see their own prisons, national admins all. Read-only.' })
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() q: AuditQueryDto, @CurrentPrincipal() principal: Principal) {
    if (q.prisonId && !canSeePrison(principal, q.prisonId)) throw new NotFoundError('Prison', q.prisonId);
    return this.audit.search(q, prisonScope(principal));
  }
}
