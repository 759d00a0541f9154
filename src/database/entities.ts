import { ActivitySlot } from '../activities/entities/activity-slot.entity';
import { PrisonDayRate } from '../activity-rate/entities/prison-day-rate.entity';
import { PrisonerDay } from '../activity-rate/entities/prisoner-day.entity';
import { AllowanceRate } from '../attendance/entities/allowance-rate.entity';
import { AttendanceChange } from '../attendance/entities/attendance-change.entity';
import { Attendance } from '../attendance/entities/attendance.entity';
import { Activity } from '../activities/entities/activity.entity';
import { Prison } from '../organisation/entities/prison.entity';
import { Region } from '../organisation/entities/region.entity';
import { Unit } from '../organisation/entities/unit.entity';
import { Allocation } from '../allocations/entities/allocation.entity';
import { Booking } from '../allocations/entities/booking.entity';
import { NonAssociation } from '../availability/entities/non-association.entity';
import { Unavailability } from '../availability/entities/unavailability.entity';
import { CalendarFeed } from '../calendar-feed/entities/calendar-feed.entity';
import { Referral } from '../referrals/entities/referral.entity';
import { ActivitySession } from '../sessions/entities/activity-session.entity';
import { PlanDraft } from '../planning/entities/plan-draft.entity';
import { PlanDraftApply } from '../planning/entities/plan-draft-apply.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AppUser } from '../auth/entities/app-user.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { AuthRotatedToken } from '../auth/entities/auth-rotated-token.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { Certificate } from '../prisoners/entities/certificate.entity';
import { PrisonerConsent } from '../prisoners/entities/prisoner-consent.entity';
import { CustodyPeriod } from '../prisoners/entities/custody-period.entity';
import { Prisoner } from '../prisoners/entities/prisoner.entity';
import { StaffMember } from '../staff/entities/staff-member.entity';

// Every entity, listed explicitly (no globs) so the app, the CLI and jest load the same set.
export const ENTITIES = [
  Region,
  Prison,
  Unit,
  Prisoner,
  CustodyPeriod,
  StaffMember,
  Activity,
  ActivitySlot,
  AppUser,
  AuthSession,
  AuthRotatedToken,
  LoginThrottle,
  AuditEvent,
  PrisonerConsent,
  Certificate,
  ActivitySession,
  Allocation,
  Booking,
  Unavailability,
  NonAssociation,
  Referral,
  CalendarFeed,
  PrisonerDay,
  PrisonDayRate,
  Attendance,
  AttendanceChange,
  AllowanceRate,
  PlanDraft,
  PlanDraftApply,
];
