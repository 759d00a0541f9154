import { Module } from '@nestjs/common';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { AllocationChecks } from './allocation-checks';
import { AllocationsController } from './allocations.controller';
import { AllocationsRepository } from './allocations.repository';
import { AllocationWriter } from './allocation-writer.repository';
import { AllocationsService } from './allocations.service';
import { BookingsMaterialiser } from './bookings-materialiser';
import { CandidateSuitability } from './candidate-suitability';
import { CandidateSuitabilityRepository } from './candidate-suitability.repository';

@Module({
  imports: [PrisonersModule, ReferralsModule],
  controllers: [AllocationsController],
  providers: [
    AllocationsService,
    AllocationsRepository,
    AllocationChecks,
    BookingsMaterialiser,
    AllocationWriter,
    CandidateSuitability,
    CandidateSuitabilityRepository,
  ],
  exports: [AllocationsService, BookingsMaterialiser, AllocationChecks, AllocationsRepository, AllocationWriter, CandidateSuitability],
})
export class AllocationsModule {}
