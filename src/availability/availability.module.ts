import { Module } from '@nestjs/common';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { NonAssociationsController } from './non-associations.controller';
import { NonAssociationsRepository } from './non-associations.repository';
import { NonAssociationsService } from './non-associations.service';
import { UnavailabilityController } from './unavailability.controller';
import { UnavailabilityRepository } from './unavailability.repository';
import { UnavailabilityService } from './unavailability.service';

/** A prisoner's availability: unavailability entries and non-associations. */
@Module({
  imports: [PrisonersModule, ActivityRateModule],
  controllers: [UnavailabilityController, NonAssociationsController],
  providers: [UnavailabilityService, UnavailabilityRepository, NonAssociationsService, NonAssociationsRepository],
  exports: [UnavailabilityService],
})
export class AvailabilityModule {}
