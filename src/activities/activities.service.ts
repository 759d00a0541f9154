import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { ActivityDetailDto, ActivityDto, ActivityListQueryDto, ActivitySlotDto } from './dto/activity.dto';
import { ActivitySlot } from './entities/activity-slot.entity';
import { Activity } from './entities/activity.entity';

@Injectable()
export class ActivitiesService {
  constructor(
    @InjectRepository(Activity) private readonly activities: Repository<Activity>,
    @InjectRepository(ActivitySlot) private readonly slots: Repository<ActivitySlot>,
  ) {}

  async list(q: ActivityListQueryDto): Promise<Page<ActivityDto>> {
    const [rows, total] = await this.activities.findAndCount({
      where: { ...(q.prisonId ? { prisonId: q.prisonId } : {}), ...(q.kind ? { kind: q.kind } : {}) },
      order: { kind: 'ASC', name: 'ASC', id: 'ASC' },
      skip: q.offset,
      take: q.pageSize,
    });
    return toPage(rows.map(ActivityDto.from), total, q);
  }

  async get(id: string): Promise<ActivityDetailDto> {
    const activity = await this.activities.findOneBy({ id });
    if (!activity) throw new NotFoundError('Activity', id);
    const slots = await this.slots.find({ where: { activityId: id }, order: { weekday: 'ASC', period: 'ASC' } });
    return { ...ActivityDto.from(activity), slots: slots.map(ActivitySlotDto.from) };
  }
}
