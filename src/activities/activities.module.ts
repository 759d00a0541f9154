import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityWritesRepository } from './activity-writes.repository';
import { ActivityWritesService } from './activity-writes.service';
import { ActivitySlot } from './entities/activity-slot.entity';
import { Activity } from './entities/activity.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Activity, ActivitySlot]), SessionsModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivityWritesService, ActivityWritesRepository],
  exports: [ActivitiesService, ActivityWritesService],
})
export class ActivitiesModule {}
