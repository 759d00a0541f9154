import { Injectable } from '@nestjs/common';
import { teacherCancellation } from '../attendance/domain/teacher-vocabulary';
import { isTeacherOnly, Principal, prisonScope } from '../auth/principal';
import { IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { listRange } from '../common/http/date-range';
import { MySessionDto, MySessionsQueryDto } from './dto/my-session.dto';
import { StaffSessionRow, TeachingRepository } from './teaching.repository';

export const MAX_TIMETABLE_DAYS = 62;

/** A staff member's own timetable: the sessions they run (session.staff_member_id). */
@Injectable()
export class TimetableService {
  constructor(
    private readonly repo: TeachingRepository,
    private readonly clock: Clock,
  ) {}

  async mySessions(q: MySessionsQueryDto, principal: Principal): Promise<MySessionDto[]> {
    const { from, to } = listRange(q, this.clock.today(), MAX_TIMETABLE_DAYS);
    // A user with no staff member (e.g. a pure administrator account) runs no sessions.
    if (!principal.staffMemberId) return [];
    const rows = await this.repo.findStaffSessions(principal.staffMemberId, from, to, prisonScope(principal));
    return rows.map((r) => toMySession(r, isTeacherOnly(principal)));
  }

  /** The same sessions for the calendar feed, which has no signed-in user and spans more than 62 days. */
  sessionsOf(staffMemberId: string, from: IsoDate, to: IsoDate, prisonIds: string[] | undefined): Promise<StaffSessionRow[]> {
    return this.repo.findStaffSessions(staffMemberId, from, to, prisonIds);
  }
}

/** `teacherOnly`: a teacher sees the cancellation's reason, never the note staff wrote. */
export function toMySession(s: StaffSessionRow, teacherOnly: boolean): MySessionDto {
  const cancelled = s.cancellationReason ? { reason: s.cancellationReason, note: s.cancellationNote } : null;
  return {
    sessionId: s.sessionId,
    date: s.date,
    period: s.period,
    startTime: s.startTime,
    endTime: s.endTime,
    activityId: s.activityId,
    activityName: s.activityName,
    kind: s.kind,
    location: s.location,
    prisonId: s.prisonId,
    prisonName: s.prisonName,
    capacity: s.capacity,
    booked: s.booked,
    cancelled: teacherOnly ? teacherCancellation(cancelled) : cancelled,
  };
}
