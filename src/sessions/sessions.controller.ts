import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { CancelSessionDto, SessionDto, SessionListQueryDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

// Sessions carry no personal data, so reads are not audited; teachers see only the sessions they run.
@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('prisons/:prisonId/sessions')
  @Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({
    summary:
      "A prison's sessions in a date range (default this week, at most 62 days), optionally of one activity; teachers get only their own",
  })
  @ApiOkResponse({ type: [SessionDto] })
  @ApiBadRequestResponse({ description: 'Bad dates, or a range over 62 days' })
  @ApiNotFoundResponse()
  list(
    @Param('prisonId', UuidParam) prisonId: string,
    @Query() q: SessionListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionDto[]> {
    return this.sessions.list(prisonId, q, principal);
  }

  @Get('sessions/:id')
  @Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({ summary: 'One session with its capacity, booked and free places and cancellation' })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.sessions.get(id, principal);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'session.cancel', subjectType: 'session' })
  @ApiOperation({ summary: 'Cancel a session with a reason (OTHER needs a note); the roster stays, so it can be undone' })
  @ApiOkResponse({ type: SessionDto })
  @ApiBadRequestResponse({ description: 'No reason, or OTHER without a note' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already cancelled' })
  cancel(@Param('id', UuidParam) id: string, @Body() dto: CancelSessionDto, @CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.sessions.cancel(id, dto, principal);
  }

  @Post('sessions/:id/uncancel')
  @HttpCode(200)
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'session.uncancel', subjectType: 'session' })
  @ApiOperation({ summary: 'Undo a cancellation' })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not cancelled' })
  uncancel(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.sessions.uncancel(id, principal);
  }
}
