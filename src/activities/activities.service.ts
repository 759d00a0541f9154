import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { canSeePrison, Principal, prisonScope } from '../auth/principal';
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

  async list(q: ActivityListQueryDto, principal: Principal): Promise<Page<ActivityDto>> {
    if (q.prisonId && !canSeePrison(principal, q.prisonId)) throw new NotFoundError('Prison', q.prisonId);
    const scope = prisonScope(principal);
    const prisonFilter = q.prisonId ? { prisonId: q.prisonId } : scope ? { prisonId: In(scope) } : {};
    const [rows, total] = await this.activities.findAndCount({
      where: { ...prisonFilter, ...(q.kind ? { kind: q.kind } : {}) },
      order: { kind: 'ASC', name: 'ASC', id: 'ASC' },
      skip: q.offset,
      take: q.pageSize,
    });
    return toPage(rows.map(ActivityDto.from), total, q);
  }

  async get(id: string, principal: Principal): Promise<ActivityDetailDto> {
    const activity = await this.activities.findOneBy({ id });
    // Another prison's activity answers as if it did not exist.
    if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', id);
    const slots = await this.slots.find({ where: { activityId: id }, order: { weekday: 'ASC', period: 'ASC' } });
    return { ...ActivityDto.from(activity), slots: slots.map(ActivitySlotDto.from) };
  }
}
