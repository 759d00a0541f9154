import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { CustodyEventAnswerDto, CustodyEventDto } from './dto/custody-event.dto';
import { CustodyEventsService } from './custody-events.service';

// System to system: a prison record system (role INTEGRATION, signed in with its API token) and nobody else.
@ApiTags('intake')
@Controller('integration/custody-events')
export class CustodyEventsController {
  constructor(private readonly events: CustodyEventsService) {}

  @Post()
  @HttpCode(200)
  @Allow(Role.INTEGRATION)
  @Audited({ action: 'integration.custody-event', subjectType: 'prisoner' })
  @ApiOperation({
    summary: 'A custody event (received, transferred, released, details changed): idempotent by eventId, applied in date order or rejected',
    description:
      'Send "Authorization: Bearer kit_…" (an integration token, see docs/import.md). A repeated eventId gets the same answer and changes nothing.',
  })
  @ApiOkResponse({ type: CustodyEventAnswerDto, description: 'Applied (or already recorded)' })
  @ApiBadRequestResponse({ description: 'Invalid event; every bad field is named' })
  @ApiConflictResponse({ description: 'The eventId was used before for a different event (EVENT_ID_REUSED)' })
  @ApiUnprocessableEntityResponse({
    description: 'Rejected: details is the stored answer with a code (e.g. OUT_OF_ORDER); a repeat gets the same',
  })
  receive(@Body() dto: CustodyEventDto, @CurrentPrincipal() principal: Principal): Promise<CustodyEventAnswerDto> {
    return this.events.receive(dto, principal);
  }
}
