import { Module } from '@nestjs/common';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { WeekPlanCsvController } from './week-plan-csv.controller';
import { WeekPlanController } from './week-plan.controller';
import { WeekPlanRepository } from './week-plan.repository';
import { WeekPlanService } from './week-plan.service';

@Module({
  imports: [PrisonersModule],
  controllers: [WeekPlanController, WeekPlanCsvController],
  providers: [WeekPlanService, WeekPlanRepository],
  exports: [WeekPlanService],
})
export class WeekPlanModule {}
