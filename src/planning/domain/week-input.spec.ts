import { SecurityLevel } from '../../organisation/organisation.enums';
import { buildPlanningInput, fingerprintOf, WeekData } from './week-input';

const MON = '2026-11-30';
const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

function week(overrides: Partial<WeekData> = {}): WeekData {
  return {
    prisonId: 'prison',
    week: '2026-W49',
    days: DAYS,
    regime: { amStart: '08:00', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' },
    activities: [
      {
        id: 'a-work',
        kind: 'WORK',
        securityLevels: [SecurityLevel.HIGH, SecurityLevel.LOW],
        minAge: null,
        maxAge: null,
        requiresReferral: false,
      },
      { id: 'b-school', kind: 'EDUCATION', securityLevels: [SecurityLevel.LOW], minAge: null, maxAge: 24, requiresReferral: false },
      {
        id: 'c-prog',
        kind: 'PROGRAMME',
        securityLevels: [SecurityLevel.HIGH, SecurityLevel.LOW],
        minAge: null,
        maxAge: null,
        requiresReferral: true,
      },
    ],
    sessions: [
      {
        id: 's1',
        activityId: 'a-work',
        date: MON,
        period: 'AM',
        startTime: '08:00',
        endTime: '11:30',
        capacity: 2,
        cancellationReason: null,
      },
      {
        id: 's2',
        activityId: 'b-school',
        date: MON,
        period: 'PM',
        startTime: '12:00',
        endTime: '15:00',
        capacity: 2,
        cancellationReason: 'STAFF_UNAVAILABLE',
      },
      {
        id: 's3',
        activityId: 'c-prog',
        date: '2026-12-01',
        period: 'AM',
        startTime: '08:00',
        endTime: '11:30',
        capacity: 6,
        cancellationReason: 'LOCKDOWN',
      },
      {
        id: 's0',
        activityId: 'a-work',
        date: '2026-12-07',
        period: 'AM',
        startTime: '08:00',
        endTime: '11:30',
        capacity: 2,
        cancellationReason: null,
      },
    ],
    prisoners: [
      { id: 'p1', dateOfBirth: '2003-01-01', legalStatus: 'REMAND', educationRight: 'YOUTH' },
      { id: 'p2', dateOfBirth: '1980-01-01', legalStatus: 'CONVICTED', educationRight: 'ADULT' },
      { id: 'p3', dateOfBirth: '1990-01-01', legalStatus: 'CONVICTED', educationRight: 'NONE' },
    ],
    custody: [
      { prisonerId: 'p1', fromDate: '2026-01-01', toDate: null, unitSecurityLevel: SecurityLevel.LOW },
      // Arrives Wednesday, released Friday (not held that day).
      { prisonerId: 'p2', fromDate: '2026-12-02', toDate: '2026-12-04', unitSecurityLevel: SecurityLevel.HIGH },
      { prisonerId: 'p3', fromDate: '2026-12-05', toDate: null, unitSecurityLevel: SecurityLevel.HIGH },
    ],
    unavailability: [
      { prisonerId: 'p1', fromDate: MON, toDate: MON, period: null, startTime: null, endTime: null, kind: 'COURT', note: '' },
      {
        prisonerId: 'p1',
        fromDate: '2026-12-01',
        toDate: '2026-12-01',
        period: 'PM',
        startTime: null,
        endTime: null,
        kind: 'VISIT',
        note: 'Family',
      },
      {
        prisonerId: 'p1',
        fromDate: '2026-12-02',
        toDate: '2026-12-02',
        period: null,
        startTime: '11:00',
        endTime: '12:30',
        kind: 'HEALTH_APPOINTMENT',
        note: '',
      },
      {
        prisonerId: 'p2',
        fromDate: '2026-12-03',
        toDate: '2026-12-03',
        period: null,
        startTime: null,
        endTime: null,
        kind: 'EXCLUDED_FROM_COMPANY',
        note: '',
      },
    ],
    referrals: [{ prisonerId: 'p2', activityId: 'c-prog', status: 'APPROVED' }],
    nonAssociations: [
      ['p2', 'p1'],
      ['p1', 'p3'],
    ],
    bookings: [
      { prisonerId: 'p1', sessionId: 's1', locked: true },
      { prisonerId: 'x-elsewhere', sessionId: 's1', locked: false },
      { prisonerId: 'p1', sessionId: 's0', locked: false },
    ],
    lockedAllocations: [{ prisonerId: 'p1', activityId: 'a-work' }],
    ...overrides,
  };
}

describe('buildPlanningInput', () => {
  it('plans the prisoners held on some planned day, with their custody days, unavailable half-days and eligibility', () => {
    const input = buildPlanningInput(week());
    expect(input.days).toEqual(DAYS);
    expect(input.prisoners.map((p) => p.id)).toEqual(['p1', 'p2']);
    const [p1, p2] = input.prisoners;
    expect(p1.custodyDays).toEqual(DAYS);
    expect(p2.custodyDays).toEqual(['2026-12-02', '2026-12-03']);
    // Whole day → both halves; a period → that half; 11:00–12:30 overlaps both halves of the regime.
    expect(p1.unavailable).toEqual([
      { date: MON, period: 'AM', reason: 'Court' },
      { date: MON, period: 'PM', reason: 'Court' },
      { date: '2026-12-01', period: 'PM', reason: 'Visit: Family' },
      { date: '2026-12-02', period: 'AM', reason: 'Health appointment' },
      { date: '2026-12-02', period: 'PM', reason: 'Health appointment' },
    ]);
    // p1: low unit, 23 → work and school, no referral → not the programme. p2: high unit → not school; approved referral.
    expect(p1.eligibleActivityIds).toEqual(['a-work', 'b-school']);
    expect(p2.eligibleActivityIds).toEqual(['a-work', 'c-prog']);
  });

  it('passes sessions of the planned days with cancellations, staff absence and places taken by anyone not planned', () => {
    const input = buildPlanningInput(week());
    expect(input.sessions).toEqual([
      { id: 's1', activityId: 'a-work', date: MON, period: 'AM', capacity: 1, cancelled: false, staffPresent: true },
      { id: 's2', activityId: 'b-school', date: MON, period: 'PM', capacity: 2, cancelled: true, staffPresent: false },
      { id: 's3', activityId: 'c-prog', date: '2026-12-01', period: 'AM', capacity: 6, cancelled: true, staffPresent: true },
    ]);
  });

  it('turns bookings into current allocations and locks, and lists priorities and non-associations among the planned', () => {
    const input = buildPlanningInput(week());
    expect(input.currentAllocations).toEqual({ p1: ['s1'] });
    expect(input.locks).toEqual([{ prisonerId: 'p1', sessionId: 's1' }]);
    expect(input.lockedAllocations).toEqual([{ prisonerId: 'p1', activityId: 'a-work' }]);
    expect(input.nonAssociations).toEqual([['p1', 'p2']]);
    expect(input.priorities).toEqual([
      { prisonerId: 'p1', reason: 'YOUTH_EDUCATION_RIGHT', activityIds: ['b-school'] },
      { prisonerId: 'p1', reason: 'REMAND' },
      { prisonerId: 'p2', reason: 'PROGRAMME_REFERRAL', activityIds: ['c-prog'] },
      { prisonerId: 'p2', reason: 'EXCLUDED_FROM_COMPANY' },
    ]);
    expect(input.closedGroups).toEqual([]);
  });

  it('makes a programme that needs a referral a closed group of its current members (an allocated referral still counts)', () => {
    const input = buildPlanningInput(
      week({
        referrals: [{ prisonerId: 'p1', activityId: 'c-prog', status: 'ALLOCATED' }],
        bookings: [{ prisonerId: 'p1', sessionId: 's3', locked: false }],
      }),
    );
    expect(input.closedGroups).toEqual([{ activityId: 'c-prog', memberIds: ['p1'] }]);
    expect(input.prisoners[0].eligibleActivityIds).toContain('c-prog');
  });

  it('gives the same input and fingerprint whatever the order of the rows, and another fingerprint when anything changes', () => {
    const data = week();
    const shuffled = week({
      sessions: [...data.sessions].reverse(),
      prisoners: [...data.prisoners].reverse(),
      custody: [...data.custody].reverse(),
      unavailability: [...data.unavailability].reverse(),
      bookings: [...data.bookings].reverse(),
    });
    expect(fingerprintOf(buildPlanningInput(shuffled))).toBe(fingerprintOf(buildPlanningInput(data)));
    expect(fingerprintOf(buildPlanningInput(data))).toMatch(/^[0-9a-f]{64}$/);
    const moreRoom = week({ sessions: data.sessions.map((s) => (s.id === 's1' ? { ...s, capacity: 3 } : s)) });
    expect(fingerprintOf(buildPlanningInput(moreRoom))).not.toBe(fingerprintOf(buildPlanningInput(data)));
  });
});
