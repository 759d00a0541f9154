import { RuleCode } from '../common/messages/rule-message';
import { ActivityKind, DayPeriod } from '../activities/activity.enums';
import { CancellationReason } from '../sessions/session.enums';
import { ClashKind, PlanSessionDto, WeekPlanDto } from './dto/week-plan.dto';
import { WEEK_PLAN_CSV_COLUMNS, weekPlanCsvRows } from './week-plan-csv.controller';

const session = (over: Partial<PlanSessionDto>): PlanSessionDto => ({
  sessionId: 's',
  date: '2026-11-23',
  period: DayPeriod.AM,
  startTime: '08:00',
  endTime: '11:30',
  capacity: 8,
  allocated: 0,
  free: 8,
  staff: null,
  cancelled: null,
  prisoners: [],
  ...over,
});

describe('weekPlanCsvRows', () => {
  const plan: WeekPlanDto = {
    prisonId: 'p',
    week: '2026-W48',
    days: [],
    totals: { sessions: 2, cancelledSessions: 1, places: 8, allocated: 2, clashes: 1 },
    activities: [
      {
        activityId: 'a',
        name: 'Snekkerverksted',
        kind: ActivityKind.WORK,
        location: 'Verkstedbygget',
        sessions: [
          session({
            allocated: 2,
            free: 6,
            staff: { id: 'st', name: 'Kari Nordmann' },
            prisoners: [
              { prisonerId: '1', name: 'Aasen, Åse', prisonerNumber: 'T-1', unitName: 'Vest', clashes: [] },
              {
                prisonerId: '2',
                name: 'Berg, Per',
                prisonerNumber: 'T-2',
                unitName: null,
                clashes: [
                  {
                    kind: ClashKind.UNAVAILABLE,
                    rule: RuleCode.CLASH_UNAVAILABLE,
                    params: { kind: 'COURT', when: 'AM' },
                    detail: 'Court (AM)',
                  },
                  {
                    kind: ClashKind.NON_ASSOCIATION,
                    rule: RuleCode.CLASH_KEPT_APART,
                    params: { name: 'Aasen, Åse' },
                    detail: 'Must be kept apart from Aasen, Åse in this session',
                  },
                ],
              },
            ],
          }),
          session({
            date: '2026-11-24',
            period: DayPeriod.PM,
            startTime: '12:00',
            endTime: '15:00',
            cancelled: { reason: CancellationReason.OTHER, note: 'Vannlekkasje' },
          }),
        ],
      },
    ],
  };

  it('gives one row per prisoner per session, and one row for a session nobody is on', () => {
    expect(weekPlanCsvRows(plan)).toEqual([
      WEEK_PLAN_CSV_COLUMNS,
      [
        '2026-11-23',
        'Mon 23 Nov',
        'AM',
        '08:00',
        '11:30',
        'Snekkerverksted',
        'Work',
        'Verkstedbygget',
        8,
        2,
        6,
        'Kari Nordmann',
        '',
        'Aasen, Åse',
        'T-1',
        'Vest',
        '',
      ],
      [
        '2026-11-23',
        'Mon 23 Nov',
        'AM',
        '08:00',
        '11:30',
        'Snekkerverksted',
        'Work',
        'Verkstedbygget',
        8,
        2,
        6,
        'Kari Nordmann',
        '',
        'Berg, Per',
        'T-2',
        null,
        'Court (AM); Must be kept apart from Aasen, Åse in this session',
      ],
      [
        '2026-11-24',
        'Tue 24 Nov',
        'PM',
        '12:00',
        '15:00',
        'Snekkerverksted',
        'Work',
        'Verkstedbygget',
        8,
        0,
        8,
        '',
        'Other: Vannlekkasje',
        '',
        '',
        '',
        '',
      ],
    ]);
  });

  it('has a header only for a week with no sessions', () => {
    expect(weekPlanCsvRows({ ...plan, activities: [] })).toEqual([WEEK_PLAN_CSV_COLUMNS]);
  });
});
