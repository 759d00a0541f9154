import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { humanise } from '../allocations/domain/officer-text';
import { Principal } from '../auth/principal';
import { addDays } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { NotFoundError, RuleBrokenError, UnauthenticatedError } from '../common/errors/domain-errors';
import { horizonEnd } from '../sessions/domain/session-horizon';
import { StaffSessionRow } from '../teaching/teaching.repository';
import { TimetableService } from '../teaching/timetable.service';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedUrlDto } from './dto/calendar-feed.dto';
import { buildIcs, IcsEvent } from './ics';

export const FEED_DAYS_BACK = 28;
export const ICS_PRODID = '-//Kriminalomsorgen//Activity scheduler//EN';
// Event UIDs are "<session id>@<this>", stable across downloads so calendar apps update in place.
export const ICS_UID_DOMAIN = 'activity-scheduler.kriminalomsorgen.no';

// 32 random bytes in base64url: 43 characters.
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A private ICS subscription per staff member. Calendar apps cannot send a bearer token, so the URL
 * carries a random secret; only its SHA-256 is stored and looked up, so the comparison leaks nothing
 * about the token and a database dump gives no working URLs.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly repo: CalendarFeedRepository,
    private readonly timetable: TimetableService,
    private readonly clock: Clock,
  ) {}

  /** Creates the feed, or replaces its token (the old URL stops working at once). */
  async issue(principal: Principal): Promise<CalendarFeedUrlDto> {
    if (!principal.staffMemberId)
      throw new RuleBrokenError('Your user is not linked to a staff member, so it has no timetable to subscribe to');
    const token = randomBytes(32).toString('base64url');
    if (!(await this.repo.saveToken(principal.staffMemberId, sha256(token))))
      throw new UnauthenticatedError('Sign in again: your user is not active');
    return { url: `/calendar-feeds/${token}.ics` };
  }

  /** Whether the user has a feed (its URL cannot be shown again: only its hash is stored). */
  async exists(principal: Principal): Promise<boolean> {
    return principal.staffMemberId ? this.repo.hasToken(principal.staffMemberId) : false;
  }

  /** Whether the token is the user's current feed (a replaced or revoked one is not). */
  async isCurrent(principal: Principal, token: string): Promise<boolean> {
    if (!principal.staffMemberId || !TOKEN_FORMAT.test(token)) return false;
    return (await this.repo.findOwner(sha256(token)))?.staffMemberId === principal.staffMemberId;
  }

  async revoke(principal: Principal): Promise<void> {
    if (principal.staffMemberId) await this.repo.deleteToken(principal.staffMemberId);
  }

  /**
   * Deactivating a user revokes their feed for good: reactivation does not bring the old URL back, the
   * user must create a new one. Call it after the user is marked inactive (see saveToken).
   */
  async revokeForStaffMember(staffMemberId: string): Promise<void> {
    await this.repo.deleteToken(staffMemberId);
  }

  /** The feed: the owner's sessions from 4 weeks back to the end of the session horizon. No prisoner names. */
  async feed(token: string): Promise<string> {
    const owner = TOKEN_FORMAT.test(token) ? await this.repo.findOwner(sha256(token)) : undefined;
    if (!owner) throw new NotFoundError('Calendar feed');
    const today = this.clock.today();
    const sessions = await this.timetable.sessionsOf(
      owner.staffMemberId,
      addDays(today, -FEED_DAYS_BACK),
      horizonEnd(today),
      owner.nationalAdmin ? undefined : owner.prisonIds,
    );
    return buildIcs({ prodId: ICS_PRODID, name: `Timetable ${owner.name}`, stamp: this.clock.now(), events: sessions.map(toEvent) });
  }
}

function toEvent(s: StaffSessionRow): IcsEvent {
  const cancelled = s.cancellationReason !== null;
  return {
    uid: `${s.sessionId}@${ICS_UID_DOMAIN}`,
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    // Several calendar apps ignore STATUS in subscriptions, so the title says it too.
    summary: cancelled ? `Cancelled: ${s.activityName}` : s.activityName,
    location: s.location ? `${s.location}, ${s.prisonName}` : s.prisonName,
    // Counts only: the feed leaves the prison's systems (phones, cloud calendars). The cancellation note is
    // free text and could name someone, so only the reason is given.
    description: [
      `${s.prisonName}`,
      `Booked: ${s.booked} of ${s.capacity}`,
      ...(s.cancellationReason ? [`Cancelled: ${humanise(s.cancellationReason)}`] : []),
    ].join('\n'),
    cancelled,
  };
}
