import { CancellationReason } from '../../sessions/session.enums';
import { byDeparture, HalfDayUnavailability, HeldBookingRow, prisonerOf, StayReason } from './unlock-list';

const base = { prisonerId: 'p1', name: 'Aas, Ola', prisonerNumber: 'T-1' };
const none: HeldBookingRow = {
  ...base,
  sessionId: null,
  activityName: null,
  location: null,
  startTime: null,
  endTime: null,
  cancellationReason: null,
};
const booked = (activityName: string, startTime = '12:00', cancellationReason: CancellationReason | null = null): HeldBookingRow => ({
  ...base,
  sessionId: `s-${activityName}`,
  activityName,
  location: 'Verkstedbygget',
  startTime,
  endTime: '15:00',
  cancellationReason,
});
const court: HalfDayUnavailability = { kind: 'COURT', period: null, startTime: null, endTime: null, note: '' };
const pmAppointment: HalfDayUnavailability = { kind: 'HEALTH_APPOINTMENT', period: 'PM', startTime: null, endTime: null, note: '' };
const visit: HalfDayUnavailability = { kind: 'VISIT', period: null, startTime: '13:00', endTime: '14:00', note: 'Familie' };

describe('prisonerOf (who goes out, who stays and why)', () => {
  it.each<[string, HeldBookingRow[], HalfDayUnavailability[], StayReason | null, string[]]>([
    ['nothing booked', [none], [], 'NOTHING', []],
    ['booked on a running session', [booked('Snekker')], [], null, ['Snekker']],
    ['booked only on a cancelled session', [booked('Kjøkken', '12:00', CancellationReason.STAFF_UNAVAILABLE)], [], 'CANCELLED', []],
    ['booked, but in court all day: stays', [booked('Snekker')], [court], 'UNAVAILABLE', ['Snekker']],
    ['booked, but away the whole period: stays', [booked('Snekker')], [pmAppointment], 'UNAVAILABLE', ['Snekker']],
    ['booked, with a visit of an hour: goes', [booked('Snekker')], [visit], null, ['Snekker']],
    ['nothing booked and a visit: stays as unavailable', [none], [visit], 'UNAVAILABLE', []],
    [
      'cancelled and unavailable: unavailability is the reason',
      [booked('Kjøkken', '12:00', CancellationReason.LOCKDOWN)],
      [court],
      'UNAVAILABLE',
      [],
    ],
    [
      'two sessions, one cancelled: goes to the running one',
      [booked('Skole', '13:00'), booked('Kjøkken', '12:00', CancellationReason.LOCKDOWN)],
      [],
      null,
      ['Skole'],
    ],
  ])('%s', (_case, rows, unavailability, stays, goesTo) => {
    const p = prisonerOf(rows, unavailability);
    expect(p.stays).toBe(stays);
    expect(p.goesTo.map((g) => g.activityName)).toEqual(goesTo);
    expect(p.unavailable).toHaveLength(unavailability.length);
  });

  it('keeps the cancelled sessions with their reasons, for the "stays" column', () => {
    expect(prisonerOf([booked('Kjøkken', '12:00', CancellationReason.LOCKDOWN)], []).cancelled).toEqual([
      { activityName: 'Kjøkken', reason: CancellationReason.LOCKDOWN },
    ]);
  });
});

describe('byDeparture', () => {
  it('orders by first start time, then activity, then name', () => {
    const line = (name: string, activity: string, start: string) => ({ ...prisonerOf([booked(activity, start)], []), name });
    const sorted = [
      line('Berg', 'Snekker', '12:30'),
      line('Aas', 'Snekker', '12:00'),
      line('Dahl', 'Kjøkken', '12:00'),
      line('Cox', 'Kjøkken', '12:00'),
    ]
      .sort(byDeparture)
      .map((p) => p.name);
    expect(sorted).toEqual(['Cox', 'Dahl', 'Aas', 'Berg']);
  });
});
