import { Module } from '@nestjs/common';
import { UnlockListRepository } from './unlock-list.repository';
import { UnlockListService } from './unlock-list.service';

// The unlock list per unit and half-day (served as a page by the web module; see docs/web.md).
@Module({
  providers: [UnlockListService, UnlockListRepository],
  exports: [UnlockListService],
})
export class UnlockListModule {}
