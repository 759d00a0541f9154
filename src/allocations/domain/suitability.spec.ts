import { DayPeriod } from '../../activities/activity.enums';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { CustodyEndReason } from '../../prisoners/prisoner.enums';
import { formatDay, listWithMore } from './officer-text';
import { englishRule } from '../../common/messages/english-rule';
import { checkSuitability, CoveredSession, SuitabilityCheck, SuitabilityCode, SuitabilityInput, suitabilityPassed } from './suitability';

const { AM, PM } = DayPeriod;
const ME = 'p-me';

// Mon 23 – Fri 27 Nov 2026, carpentry every morning, 8 places, 3 taken.
const session = (id: string, date: string, period: DayPeriod, extra: Partial<CoveredSession> = {}): CoveredSession => ({
  id,
  date,
  period,
  startTime: period === AM ? '08:00' : '12:00',
  endTime: period === AM ? '11:30' : '15:00',
  capacity: 8,
  allocatedPrisonerIds: ['p1', 'p2', 'p3'],
  ...extra,
});
const WEEK = ['23', '24', '25', '26', '27'].map((d) => session(`s${d}`, `2026-11-${d}`, AM));

function input(overrides: { [K in keyof SuitabilityInput]?: Partial<SuitabilityInput[K]> } = {}): SuitabilityInput {
  const base: SuitabilityInput = {
    prisoner: {
      id: ME,
      dateOfBirth: '2001-11-24',
      unitSecurityLevel: SecurityLevel.HIGH,
      custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-01-10', toDate: null }],
      expectedReleaseDate: null,
    },
    activity: {
      id: 'carpentry',
      prisonId: 'oslo',
      securityLevels: [SecurityLevel.HIGH, SecurityLevel.LOW],
      minAge: null,
      maxAge: null,
      requiresReferral: false,
    },
    allocation: { startDate: '2026-11-23', endDate: null },
    coveredSessions: WEEK,
    unavailability: [],
    otherSessions: [],
    nonAssociations: [],
    referrals: [],
  };
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    const b = base[k as keyof SuitabilityInput];
    out[k] = Array.isArray(v) || !b || Array.isArray(b) ? v : { ...b, ...v };
  }
  return out as unknown as SuitabilityInput;
}

function check(i: SuitabilityInput, code: SuitabilityCode): SuitabilityCheck {
  const found = checkSuitability(i).find((c) => c.code === code);
  if (!found) throw new Error(`no ${code} check`);
  return found;
}

type Row = [string, Parameters<typeof input>[0], boolean, string];

describe('checkSuitability', () => {
  it('runs every check, in a fixed order, and a clean case passes', () => {
    const checks = checkSuitability(input());
    expect(checks.map((c) => c.code)).toEqual(Object.values(SuitabilityCode));
    expect(checks.every((c) => c.passed && englishRule(c).length > 0)).toBe(true);
    expect(suitabilityPassed(checks)).toBe(true);
  });

  it('suitabilityPassed is false when any check fails', () => {
    expect(suitabilityPassed(checkSuitability(input({ activity: { securityLevels: [SecurityLevel.LOW] } })))).toBe(false);
    expect(suitabilityPassed([])).toBe(true);
  });

  const table = (code: SuitabilityCode, rows: Row[]) =>
    describe(code, () => {
      it.each(rows)('%s', (_name, overrides, passed, message) => {
        const c = check(input(overrides), code);
        // The API's English is built from the code and its parameters; the table pins that wording.
        expect({ passed: c.passed, message: englishRule(c) }).toEqual({ passed, message });
      });
    });

  table(SuitabilityCode.SECURITY_LEVEL, [
    ['high-security unit, activity allows both', {}, true, "The prisoner's unit is high security, which this activity allows"],
    [
      'high-security unit, low-only activity',
      { activity: { securityLevels: [SecurityLevel.LOW] } },
      false,
      "The prisoner's unit is high security; this activity is for low security only",
    ],
    [
      'not placed in a unit',
      { prisoner: { unitSecurityLevel: null } },
      false,
      'The prisoner is not placed in a unit, so the security level is unknown',
    ],
  ]);

  table(SuitabilityCode.AGE, [
    ['no limits', {}, true, 'This activity has no age limits'],
    [
      '24 the day before the 25th birthday, for 18 to 24',
      { activity: { minAge: 18, maxAge: 24 } },
      true,
      'Aged 24 on Mon 23 Nov 2026; this activity is for ages 18 to 24',
    ],
    [
      '25 on the birthday itself, for 24 or under',
      { activity: { maxAge: 24 }, allocation: { startDate: '2026-11-24' } },
      false,
      'Aged 25 on Tue 24 Nov 2026; this activity is for ages 24 or under',
    ],
    ['too young for 25 or over', { activity: { minAge: 25 } }, false, 'Aged 24 on Mon 23 Nov 2026; this activity is for ages 25 or over'],
  ]);

  table(SuitabilityCode.REFERRAL, [
    ['not required', {}, true, 'No referral needed'],
    [
      'required and approved',
      { activity: { requiresReferral: true }, referrals: [{ activityId: 'carpentry', status: 'APPROVED' }] },
      true,
      'An approved referral is on file',
    ],
    [
      'required, none',
      { activity: { requiresReferral: true } },
      false,
      'This activity needs an approved referral; there is no referral on file',
    ],
    [
      'required, pending',
      { activity: { requiresReferral: true }, referrals: [{ activityId: 'carpentry', status: 'PENDING' }] },
      false,
      'This activity needs an approved referral; the referral is pending',
    ],
    [
      'required, approved for another activity only',
      { activity: { requiresReferral: true }, referrals: [{ activityId: 'school', status: 'APPROVED' }] },
      false,
      'This activity needs an approved referral; there is no referral on file',
    ],
  ]);

  table(SuitabilityCode.IN_CUSTODY, [
    ['held here', {}, true, 'Held at this prison on Mon 23 Nov 2026'],
    [
      'arrives on the start date',
      { prisoner: { custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-11-23', toDate: null }] } },
      true,
      'Held at this prison on Mon 23 Nov 2026',
    ],
    [
      'arrives later',
      { prisoner: { custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-11-26', toDate: null }] } },
      false,
      'Not held at this prison on Mon 23 Nov 2026; arrives on Thu 26 Nov 2026',
    ],
    [
      'transferred in on the start date (the transfer day counts at the receiving prison)',
      {
        prisoner: {
          custodyPeriods: [
            { prisonId: 'bergen', fromDate: '2026-01-01', toDate: '2026-11-23', endReason: CustodyEndReason.TRANSFERRED },
            { prisonId: 'oslo', fromDate: '2026-11-23', toDate: null },
          ],
        },
      },
      true,
      'Held at this prison on Mon 23 Nov 2026',
    ],
    [
      'held at another prison',
      { prisoner: { custodyPeriods: [{ prisonId: 'bergen', fromDate: '2026-01-01', toDate: null }] } },
      false,
      'Held at another prison on Mon 23 Nov 2026',
    ],
    [
      'released on the start date',
      {
        prisoner: {
          custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-01-01', toDate: '2026-11-23', endReason: CustodyEndReason.RELEASED }],
        },
      },
      false,
      'Not in custody on Mon 23 Nov 2026',
    ],
  ]);

  table(SuitabilityCode.RELEASE_BEFORE_END, [
    ['no release known', {}, true, 'No release or transfer date is known'],
    [
      'released before the start: fails',
      {
        prisoner: {
          custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-01-01', toDate: '2026-11-20', endReason: CustodyEndReason.RELEASED }],
        },
      },
      false,
      'Released on Fri 20 Nov 2026, before the allocation starts on Mon 23 Nov 2026',
    ],
    [
      'expected release on the start date: fails',
      { prisoner: { expectedReleaseDate: '2026-11-23' } },
      false,
      'Expected release on Mon 23 Nov 2026, before the allocation starts on Mon 23 Nov 2026',
    ],
    [
      'transferred out before the allocation ends: passes, ends on transfer',
      {
        prisoner: {
          custodyPeriods: [{ prisonId: 'oslo', fromDate: '2026-01-01', toDate: '2026-11-26', endReason: CustodyEndReason.TRANSFERRED }],
        },
        allocation: { endDate: '2026-12-31' },
      },
      true,
      'Transferred out on Thu 26 Nov 2026: the allocation will end then (last day Wed 25 Nov 2026)',
    ],
    [
      'expected release, open-ended allocation: passes, ends on release',
      { prisoner: { expectedReleaseDate: '2027-02-01' } },
      true,
      'Expected release on Mon 1 Feb 2027: the allocation will end then (last day Sun 31 Jan 2027)',
    ],
    [
      'released the day after the last allocated day',
      { prisoner: { expectedReleaseDate: '2026-11-28' }, allocation: { endDate: '2026-11-27' } },
      true,
      'Expected release on Sat 28 Nov 2026, after the allocation ends',
    ],
    [
      'released on the last allocated day',
      { prisoner: { expectedReleaseDate: '2026-11-27' }, allocation: { endDate: '2026-11-27' } },
      true,
      'Expected release on Fri 27 Nov 2026: the allocation will end then (last day Thu 26 Nov 2026)',
    ],
  ]);

  table(SuitabilityCode.CAPACITY, [
    ['places free', {}, true, 'A place is free in all 5 sessions'],
    ['no sessions in the horizon', { coveredSessions: [] }, true, 'No sessions to check in the planning period'],
    [
      'full on Tuesday',
      { coveredSessions: [WEEK[0], { ...WEEK[1], allocatedPrisonerIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }] },
      false,
      'Full on Tue 24 Nov AM (8 of 8 places)',
    ],
    [
      'this prisoner already holds a place (re-check)',
      { coveredSessions: [{ ...WEEK[1], capacity: 3, allocatedPrisonerIds: ['a', 'b', ME] }] },
      true,
      'A place is free in the session',
    ],
    [
      'a cancelled full session does not count',
      { coveredSessions: [{ ...WEEK[1], capacity: 1, cancelled: true }] },
      true,
      'No sessions to check in the planning period',
    ],
    [
      'full every day, listing four and the rest',
      { coveredSessions: WEEK.map((s) => ({ ...s, capacity: 3 })) },
      false,
      'Full on Mon 23 Nov AM (3 of 3 places), Tue 24 Nov AM (3 of 3 places), Wed 25 Nov AM (3 of 3 places), Thu 26 Nov AM (3 of 3 places) and 1 more',
    ],
    [
      'full after release does not matter',
      { coveredSessions: [{ ...WEEK[4], capacity: 1 }], prisoner: { expectedReleaseDate: '2026-11-27' } },
      true,
      'No sessions to check in the planning period',
    ],
  ]);

  table(SuitabilityCode.UNAVAILABILITY_CLASH, [
    ['nothing booked', {}, true, 'No court dates, visits, appointments or other unavailability in these sessions'],
    [
      'court on Tuesday morning',
      { unavailability: [{ date: '2026-11-24', period: AM, reason: 'COURT' }] },
      false,
      'Unavailable: Court on Tue 24 Nov AM',
    ],
    [
      'visit on Tuesday afternoon: no clash with mornings',
      { unavailability: [{ date: '2026-11-24', period: PM, reason: 'VISIT' }] },
      true,
      'No court dates, visits, appointments or other unavailability in these sessions',
    ],
    [
      'dentist 10:00–10:45 overlaps the morning',
      {
        unavailability: [
          { date: '2026-11-25', startTime: '10:00', endTime: '10:45', reason: 'HEALTH_APPOINTMENT', description: 'Dentist' },
        ],
      },
      false,
      'Unavailable: Dentist on Wed 25 Nov AM',
    ],
    [
      'appointment 11:30–12:00 falls in the lunch break',
      { unavailability: [{ date: '2026-11-25', startTime: '11:30', endTime: '12:00', reason: 'HEALTH_APPOINTMENT' }] },
      true,
      'No court dates, visits, appointments or other unavailability in these sessions',
    ],
    [
      'whole-day segregation over three days',
      { unavailability: [{ date: '2026-11-25', endDate: '2026-11-27', reason: 'SEGREGATION' }] },
      false,
      'Unavailable: Segregation on Wed 25 Nov AM, Segregation on Thu 26 Nov AM, Segregation on Fri 27 Nov AM',
    ],
  ]);

  table(SuitabilityCode.ALLOCATION_CLASH, [
    ['nothing else', {}, true, 'Not allocated to anything else at these times'],
    [
      'school on Thursday morning',
      { otherSessions: [{ sessionId: 'school-26', date: '2026-11-26', period: AM, activityName: 'Upper-secondary school' }] },
      false,
      'Already allocated: Upper-secondary school on Thu 26 Nov AM',
    ],
    [
      'school in the afternoons: a split working day',
      { otherSessions: [{ sessionId: 'school-26', date: '2026-11-26', period: PM, activityName: 'School' }] },
      true,
      'Not allocated to anything else at these times',
    ],
    [
      'the same session (re-check) is no clash',
      { otherSessions: [{ sessionId: 's26', date: '2026-11-26', period: AM, activityName: 'Carpentry' }] },
      true,
      'Not allocated to anything else at these times',
    ],
  ]);

  table(SuitabilityCode.NON_ASSOCIATION, [
    ['no pairs', {}, true, 'No one to be kept apart from is in these sessions'],
    [
      'active pair with p2, who is in every session',
      { nonAssociations: [{ prisonerId: 'p2', otherPrisonerId: ME, active: true }] },
      false,
      'Must be kept apart from someone already in the session on Mon 23 Nov AM, Tue 24 Nov AM, Wed 25 Nov AM, Thu 26 Nov AM and 1 more',
    ],
    [
      'inactive pair',
      { nonAssociations: [{ prisonerId: ME, otherPrisonerId: 'p2', active: false }] },
      true,
      'No one to be kept apart from is in these sessions',
    ],
    [
      'active pair with someone not in these sessions',
      { nonAssociations: [{ prisonerId: ME, otherPrisonerId: 'p9', active: true }] },
      true,
      'No one to be kept apart from is in these sessions',
    ],
    [
      'pair between two other prisoners',
      { nonAssociations: [{ prisonerId: 'p1', otherPrisonerId: 'p2', active: true }] },
      true,
      'No one to be kept apart from is in these sessions',
    ],
  ]);

  it('lists the sessions and people concerned in `affected`', () => {
    const c = check(
      input({ coveredSessions: [WEEK[2]], nonAssociations: [{ prisonerId: ME, otherPrisonerId: 'p3', active: true }] }),
      SuitabilityCode.NON_ASSOCIATION,
    );
    expect(c.affected).toEqual([{ sessionId: 's25', date: '2026-11-25', period: AM, otherPrisonerId: 'p3' }]);
    const full = check(input({ coveredSessions: [{ ...WEEK[0], capacity: 2 }] }), SuitabilityCode.CAPACITY);
    expect(full.affected).toEqual([{ sessionId: 's23', date: '2026-11-23', period: AM }]);
  });
});

describe('officer text', () => {
  it.each([
    ['2026-11-24', 'Tue 24 Nov'],
    ['2026-09-01', 'Tue 1 Sep'],
    ['2027-05-17', 'Mon 17 May'],
  ])('formats %s as %s', (date, text) => expect(formatDay(date)).toBe(text));

  it('cuts long lists', () => {
    expect(listWithMore(['a', 'b'])).toBe('a, b');
    expect(listWithMore(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
