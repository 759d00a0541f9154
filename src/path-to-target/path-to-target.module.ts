import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module';
import { ComingWeeksService } from './coming-weeks.service';
import { PathToTargetController } from './path-to-target.controller';
import { PathToTargetRepository } from './path-to-target.repository';
import { PathToTargetService } from './path-to-target.service';

/** The path to the activity target (issue 16): coming weeks, the gap split and the capacity what-if. */
@Module({
  imports: [PlanningModule],
  controllers: [PathToTargetController],
  providers: [PathToTargetRepository, ComingWeeksService, PathToTargetService],
  exports: [ComingWeeksService, PathToTargetService],
})
export class PathToTargetModule {}
