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
import { SessionMovesController } from './session-moves.controller';
import { SessionMovesRepository } from './session-moves.repository';
import { SessionMovesService } from './session-moves.service';

@Module({
  imports: [PrisonersModule, ReferralsModule],
  controllers: [AllocationsController, SessionMovesController],
  providers: [
    AllocationsService,
    AllocationsRepository,
    AllocationChecks,
    BookingsMaterialiser,
    AllocationWriter,
    CandidateSuitability,
    CandidateSuitabilityRepository,
    SessionMovesService,
    SessionMovesRepository,
  ],
  exports: [
    AllocationsService,
    SessionMovesService,
    BookingsMaterialiser,
    AllocationChecks,
    AllocationsRepository,
    AllocationWriter,
    CandidateSuitability,
  ],
})
export class AllocationsModule {}
