import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { ActivityImportController } from './activity-import.controller';
import { ActivityImportRepository } from './activity-import.repository';
import { ActivityImportService } from './activity-import.service';
import { CustodyEventsController } from './custody-events.controller';
import { CustodyEventsRepository } from './custody-events.repository';
import { CustodyEventsService } from './custody-events.service';
import { ImportDraftsRepository } from './import-drafts.repository';
import { IntakeRepository } from './intake.repository';
import { IntegrationClientsController } from './integration-clients.controller';
import { IntegrationClientsRepository } from './integration-clients.repository';
import { IntegrationClientsService } from './integration-clients.service';
import { PopulationImportController } from './population-import.controller';
import { PopulationImportService } from './population-import.service';

// Population intake from the prison record system: file import and (system-to-system) custody events.
@Module({
  imports: [ActivityRateModule, ActivitiesModule],
  controllers: [PopulationImportController, ActivityImportController, CustodyEventsController, IntegrationClientsController],
  providers: [
    IntakeRepository,
    PopulationImportService,
    CustodyEventsRepository,
    CustodyEventsService,
    IntegrationClientsRepository,
    IntegrationClientsService,
    ImportDraftsRepository,
    ActivityImportRepository,
    ActivityImportService,
  ],
  exports: [PopulationImportService, ImportDraftsRepository],
})
export class IntakeModule {}
