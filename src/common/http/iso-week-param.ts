import { PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';
import { isIsoWeekWithin, PLANNING_YEARS } from './date-window';

export const ISO_WEEK_RULE = `an ISO week like 2026-W48, from ${PLANNING_YEARS.from}-W01 to ${PLANNING_YEARS.to}-W52`;

/** A path segment that must be an ISO week such as 2026-W48 within the planning years (400 naming `week` otherwise). */
export const IsoWeekParam: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!isIsoWeekWithin(value)) {
      const message = `The week must be ${ISO_WEEK_RULE}, not "${String(value)}"`;
      throw new InvalidInputError(message, [{ field: 'week', messages: [message] }]);
    }
    return value;
  },
};
