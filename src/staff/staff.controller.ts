import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/http/uuid-param';
import { StaffListQueryDto, StaffMemberDto, StaffPageDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOperation({ summary: 'Staff, including imported teachers, optionally for one prison or role' })
  @ApiOkResponse({ type: StaffPageDto })
  list(@Query() q: StaffListQueryDto) {
    return this.staff.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffMemberDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<StaffMemberDto> {
    return this.staff.get(id);
  }
}
