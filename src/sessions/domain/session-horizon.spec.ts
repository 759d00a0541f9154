import { firstChangeableDay, HORIZON_DAYS, horizonEnd } from './session-horizon';

describe('session horizon', () => {
  it.each([
    ['2026-11-23', '2027-01-17'], // a Monday: eight whole weeks, to the Sunday
    ['2026-03-25', '2026-05-19'], // across the change to summer time
    ['2026-12-31', '2027-02-24'], // across the new year
  ])('from %s runs to %s (56 days, today included)', (today, end) => {
    expect(HORIZON_DAYS).toBe(56);
    expect(horizonEnd(today)).toBe(end);
  });

  it('changes to existing sessions start tomorrow', () => {
    expect(firstChangeableDay('2026-12-31')).toBe('2027-01-01');
  });
});
