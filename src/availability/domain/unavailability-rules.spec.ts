import { DayPeriod } from '../../activities/activity.enums';
import { UnavailabilityKind } from '../availability.enums';
import { UnavailabilityInput, unavailabilityViolations } from './unavailability-rules';

const base: UnavailabilityInput = { kind: UnavailabilityKind.COURT, fromDate: '2026-11-24' };

describe('unavailabilityViolations', () => {
  it.each<[string, Partial<UnavailabilityInput>, string[]]>([
    ['whole day', {}, []],
    ['several days', { toDate: '2026-11-26' }, []],
    ['one day, toDate = fromDate', { toDate: '2026-11-24' }, []],
    ['a half-day', { period: DayPeriod.AM }, []],
    ['a time range', { startTime: '09:00', endTime: '10:30' }, []],
    ['OTHER with a note', { kind: UnavailabilityKind.OTHER, note: 'Intervju med NAV' }, []],
    ['toDate before fromDate', { toDate: '2026-11-23' }, ['toDate']],
    ['start without end', { startTime: '09:00' }, ['endTime']],
    ['end without start', { endTime: '09:00' }, ['startTime']],
    ['end before start', { startTime: '10:00', endTime: '09:00' }, ['endTime']],
    ['empty range', { startTime: '10:00', endTime: '10:00' }, ['endTime']],
    ['period and times', { period: DayPeriod.PM, startTime: '13:00', endTime: '14:00' }, ['period']],
    ['OTHER without a note', { kind: UnavailabilityKind.OTHER }, ['note']],
    ['OTHER with a blank note', { kind: UnavailabilityKind.OTHER, note: '   ' }, ['note']],
    [
      'several at once',
      { kind: UnavailabilityKind.OTHER, toDate: '2026-11-01', period: DayPeriod.AM, startTime: '08:00' },
      ['toDate', 'endTime', 'period', 'note'],
    ],
  ])('%s', (_name, change, fields) => {
    expect(unavailabilityViolations({ ...base, ...change }).map((v) => v.field)).toEqual(fields);
  });
});
