import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { SessionMoveDto, SessionMoveResultDto } from './dto/session-move.dto';
import { SessionMovesService } from './session-moves.service';

@ApiTags('sessions')
@Controller()
export class SessionMovesController {
  constructor(private readonly moves: SessionMovesService) {}

  @Post('sessions/:id/moves')
  @HttpCode(200)
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'session.move', subjectType: 'session' })
  @ApiOperation({
    summary:
      'Move a prisoner off a cancelled session to another session of the same half-day (one transaction: the place on the cancelled session is released and a one-day allocation made with every suitability check; the allocation behind the cancelled place stays)',
  })
  @ApiOkResponse({ type: SessionMoveResultDto })
  @ApiBadRequestResponse({ description: 'Bad ids, or the same session twice' })
  @ApiNotFoundResponse({ description: 'Either session, or the prisoner on the cancelled one' })
  @ApiConflictResponse({ description: 'The session is not cancelled, the other one is, or it is full' })
  @ApiUnprocessableEntityResponse({ description: 'Not the same half-day, a past day, or a failed suitability check' })
  move(
    @Param('id', UuidParam) id: string,
    @Body() dto: SessionMoveDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionMoveResultDto> {
    return this.moves.move(id, dto, principal);
  }
}
