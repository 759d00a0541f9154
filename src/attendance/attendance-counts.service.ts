import { Injectable } from '@nestjs/common';
import { canSeePrison, Principal } from '../auth/principal';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { AttendanceCountsRepository } from './attendance-counts.repository';

/** Attendance records per session of a day: counts only, no personal data. */
@Injectable()
export class AttendanceCountsService {
  constructor(private readonly repo: AttendanceCountsRepository) {}

  async recordedOn(prisonId: string, date: IsoDate, principal: Principal): Promise<Map<string, number>> {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    return this.repo.recordedBySession(prisonId, date);
  }
}
