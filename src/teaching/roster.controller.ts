import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { attachmentDisposition, CSV_CONTENT_TYPE } from '../common/csv/csv-writer';
import { UuidParam } from '../common/http/uuid-param';
import { RosterDto, TeacherRosterDto } from './dto/roster.dto';
import { RosterService } from './roster.service';

// Officers, managers and national administrators for the session's prison; teachers for the sessions
// they run (others answer 404), with teacher-safe fields only. Attendance has its own roster.
@ApiTags('teaching')
@ApiExtraModels(RosterDto, TeacherRosterDto)
@Controller('sessions/:id')
@Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class RosterController {
  constructor(private readonly rosters: RosterService) {}

  @Get('roster')
  @Audited({ action: 'roster.read', subjectType: 'session' })
  @ApiOperation({ summary: 'Who is booked on the session' })
  @ApiOkResponse({
    description: 'Teachers get TeacherRoster (name, prisoner number, unit, education right and level)',
    schema: { oneOf: [{ $ref: getSchemaPath(RosterDto) }, { $ref: getSchemaPath(TeacherRosterDto) }] },
  })
  @ApiNotFoundResponse()
  roster(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<RosterDto | TeacherRosterDto> {
    return this.rosters.roster(id, principal);
  }

  @Get('roster.csv')
  @Audited({ action: 'roster.export', subjectType: 'session' })
  @ApiOperation({ summary: 'The roster as CSV (RFC 4180, `;`-separated, UTF-8 with BOM for Excel); same fields as the JSON roster' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A file download named after the activity and the day', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async rosterCsv(
    @Param('id', UuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const file = await this.rosters.rosterCsv(id, principal);
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', attachmentDisposition(file.filename));
    res.setHeader('Cache-Control', 'no-store');
    return file.content;
  }
}
