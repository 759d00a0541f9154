import { Module } from '@nestjs/common';
import { PrisonersModule } from '../prisoners/prisoners.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

/** Referrals and waiting lists. Exports ReferralsService (markAllocated) for the allocation use case. */
@Module({
  imports: [PrisonersModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule {}
