import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationModule } from '../organisation/organisation.module';
import { CustodyService } from './custody.service';
import { CustodyPeriod } from './entities/custody-period.entity';
import { Prisoner } from './entities/prisoner.entity';
import { PrisonersController } from './prisoners.controller';
import { PrisonersRepository } from './prisoners.repository';
import { PrisonersService } from './prisoners.service';

@Module({
  imports: [TypeOrmModule.forFeature([Prisoner, CustodyPeriod]), OrganisationModule],
  controllers: [PrisonersController],
  providers: [PrisonersService, PrisonersRepository, CustodyService],
  exports: [PrisonersService],
})
export class PrisonersModule {}
