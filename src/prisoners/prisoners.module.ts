import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityRateModule } from '../activity-rate/activity-rate.module';
import { CustodyRepository } from './custody.repository';
import { CustodyService } from './custody.service';
import { QualificationsController } from './qualifications.controller';
import { QualificationsRepository } from './qualifications.repository';
import { QualificationsService } from './qualifications.service';
import { CustodyPeriod } from './entities/custody-period.entity';
import { Prisoner } from './entities/prisoner.entity';
import { PrisonersController } from './prisoners.controller';
import { PrisonersRepository } from './prisoners.repository';
import { PrisonersService } from './prisoners.service';

@Module({
  imports: [TypeOrmModule.forFeature([Prisoner, CustodyPeriod]), ActivityRateModule],
  controllers: [PrisonersController, QualificationsController],
  providers: [PrisonersService, PrisonersRepository, CustodyService, CustodyRepository, QualificationsService, QualificationsRepository],
  exports: [PrisonersService],
})
export class PrisonersModule {}
