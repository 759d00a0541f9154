import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { AttendanceService } from './attendance.service';
import {
  AttendanceRosterDto,
  AttendanceRowErrorDto,
  AttendanceSaveResultDto,
  RecordAttendanceDto,
  TeacherAttendanceRosterDto,
} from './dto/attendance.dto';

// Officers and managers of the session's prison and national administrators; teachers for the
// sessions they teach (others answer 404), seeing teacher-safe fields only.
@ApiTags('attendance')
@ApiExtraModels(AttendanceRosterDto, TeacherAttendanceRosterDto, AttendanceRowErrorDto)
@Controller('sessions/:id/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'attendance.read', subjectType: 'session' })
  @ApiOperation({
    summary: 'The roster of a session: every booked prisoner, attended / absent / not recorded, with suggested absence reasons',
  })
  @ApiOkResponse({
    description: 'Teachers get TeacherAttendanceRoster (teacher-safe fields)',
    schema: { oneOf: [{ $ref: getSchemaPath(AttendanceRosterDto) }, { $ref: getSchemaPath(TeacherAttendanceRosterDto) }] },
  })
  @ApiNotFoundResponse()
  roster(
    @Param('id', UuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttendanceRosterDto | TeacherAttendanceRosterDto> {
    return this.attendance.roster(id, principal);
  }

  @Put()
  @Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({ summary: "Record a session's attendance in one transaction; any invalid row rejects the whole batch" })
  @ApiOkResponse({ type: AttendanceSaveResultDto })
  @ApiBadRequestResponse({ description: 'Invalid rows: details = [{ index, prisonerId, messages }]' })
  @ApiForbiddenResponse({ description: 'Changing records older than the edit window needs a manager' })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({
    description: 'Cancelled or future session; prisoners not on the roster (per-row details); no changeReason outside the window',
  })
  record(
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordAttendanceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttendanceSaveResultDto> {
    return this.attendance.record(id, dto, principal);
  }
}
