import { Module } from '@nestjs/common';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { WeekPlanController } from './week-plan.controller';
import { WeekPlanRepository } from './week-plan.repository';
import { WeekPlanService } from './week-plan.service';

@Module({
  imports: [PrisonersModule],
  controllers: [WeekPlanController],
  providers: [WeekPlanService, WeekPlanRepository],
  exports: [WeekPlanService],
})
export class WeekPlanModule {}
