import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { ALL_ROLES } from '../auth/roles';
import { MySessionDto, MySessionsQueryDto } from './dto/my-session.dto';
import { TimetableService } from './timetable.service';

// The caller's own sessions carry no personal data (only booked counts), so the read is not audited.
@ApiTags('teaching')
@Controller('me/sessions')
export class TimetableController {
  constructor(private readonly timetable: TimetableService) {}

  @Get()
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'My timetable: the sessions I run (default this week, at most 62 days), at the prisons I serve' })
  @ApiOkResponse({ type: [MySessionDto] })
  @ApiBadRequestResponse({ description: 'Bad dates, or a range over 62 days' })
  mySessions(@Query() q: MySessionsQueryDto, @CurrentPrincipal() principal: Principal): Promise<MySessionDto[]> {
    return this.timetable.mySessions(q, principal);
  }
}
