import { PipeTransform } from '@nestjs/common';
import { checkedIsoWeek } from './date-window';

/** A path segment that must be an ISO week such as 2026-W48 within the planning years (400 naming `week` otherwise). */
export const IsoWeekParam: PipeTransform<string, string> = {
  transform(value: string): string {
    return checkedIsoWeek(value);
  },
};
