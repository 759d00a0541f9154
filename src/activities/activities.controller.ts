import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/http/uuid-param';
import { ActivitiesService } from './activities.service';
import { ActivityDetailDto, ActivityListQueryDto, ActivityPageDto } from './dto/activity.dto';

@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Workshops, school classes and programmes, optionally for one prison or kind' })
  @ApiOkResponse({ type: ActivityPageDto })
  list(@Query() q: ActivityListQueryDto) {
    return this.activities.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An activity with its weekly AM/PM slots' })
  @ApiOkResponse({ type: ActivityDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<ActivityDetailDto> {
    return this.activities.get(id);
  }
}
