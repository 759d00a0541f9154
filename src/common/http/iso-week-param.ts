import { PipeTransform } from '@nestjs/common';
import { isValidIsoWeek } from '../../calendar/domain/iso-week';
import { InvalidInputError } from '../errors/domain-errors';

/** A path segment that must be an ISO week such as 2026-W48 (400 otherwise). */
export const IsoWeekParam: PipeTransform<string, string> = {
  transform(value: string): string {
    if (typeof value !== 'string' || !isValidIsoWeek(value)) throw new InvalidInputError(`The week must be an ISO week like 2026-W48, not "${String(value)}"`);
    return value;
  },
};
