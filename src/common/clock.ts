import { Global, Injectable, Module } from '@nestjs/common';
import { DateTime } from 'luxon';
import { IsoDate, OSLO, osloToday } from '../calendar/domain/oslo-time';

/** "Now" as a service, so that pure code receives it and tests can pin it. */
@Injectable()
export class Clock {
  now(): DateTime {
    return DateTime.now().setZone(OSLO);
  }

  today(): IsoDate {
    return osloToday(this.now());
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
