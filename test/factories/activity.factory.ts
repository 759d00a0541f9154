import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { ActivitySlot } from '../../src/activities/entities/activity-slot.entity';
import { Activity } from '../../src/activities/entities/activity.entity';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { Employer } from '../../src/staff/staff.enums';
import { nextSeq } from './sequence';

export type SlotSpec = { weekday: number; period: DayPeriod; staffMemberId?: string | null };

export const FULL_WEEK: SlotSpec[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, period: DayPeriod.AM },
  { weekday, period: DayPeriod.PM },
]);

export async function createActivity(
  ds: DataSource,
  prisonId: string,
  overrides: Partial<Activity> = {},
  slots: SlotSpec[] = FULL_WEEK,
): Promise<Activity & { slots: ActivitySlot[] }> {
  const n = nextSeq();
  const activity = await ds.getRepository(Activity).save({
    prisonId,
    kind: ActivityKind.WORK,
    category: 'WOOD',
    name: `Snekkerverksted ${n}`,
    description: '',
    location: 'Verkstedbygget',
    capacity: 8,
    provider: Employer.CORRECTIONAL_SERVICE,
    providerName: null,
    securityLevels: [SecurityLevel.HIGH, SecurityLevel.LOW],
    minAge: null,
    maxAge: null,
    requiresReferral: false,
    runsOnPublicHolidays: false,
    startDate: '2026-01-01',
    endDate: null,
    ...overrides,
  });
  const saved = await ds.getRepository(ActivitySlot).save(
    slots.map((s) => ({
      activityId: activity.id,
      weekday: s.weekday,
      period: s.period,
      staffMemberId: s.staffMemberId ?? null,
      startTime: null,
      endTime: null,
    })),
  );
  return Object.assign(activity, { slots: saved });
}
