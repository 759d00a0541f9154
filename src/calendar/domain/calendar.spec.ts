import { countedDaysBetween, isCountedDay } from './counted-days';
import { isoWeekOf, parseIsoWeek, weekdaysOfIsoWeek } from './iso-week';
import { easterSunday, isPublicHoliday, norwegianPublicHolidays } from './norwegian-holidays';
import { ageOn, eachDate, parseIsoDate } from './oslo-time';

describe('easterSunday', () => {
  it.each([
    [2013, '2013-03-31'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, expected) => expect(easterSunday(year)).toBe(expected));
});

describe('norwegianPublicHolidays', () => {
  it('lists the twelve days of 2026 in order', () => {
    expect(norwegianPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-17',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('knows Ascension Day and Whit Monday in 2025', () => {
    expect(isPublicHoliday('2025-05-29')).toBe(true);
    expect(isPublicHoliday('2025-06-09')).toBe(true);
    expect(isPublicHoliday('2025-06-10')).toBe(false);
  });
});

describe('counted days', () => {
  it('counts weekdays that are not holidays', () => {
    expect(isCountedDay('2026-11-23')).toBe(true); // Monday
    expect(isCountedDay('2026-11-28')).toBe(false); // Saturday
    expect(isCountedDay('2026-05-14')).toBe(false); // Ascension Day, a Thursday
  });

  it('leaves 4 counted days in the week of Ascension 2026 and 2 in Easter week 2026', () => {
    expect(countedDaysBetween('2026-05-11', '2026-05-17')).toEqual(['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15']);
    expect(countedDaysBetween('2026-03-30', '2026-04-05')).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
  });

  it('can be widened to Saturdays in one place', () => {
    const rule = { weekdays: [1, 2, 3, 4, 5, 6], excludePublicHolidays: true };
    expect(isCountedDay('2026-11-28', rule)).toBe(true);
    expect(countedDaysBetween('2026-11-23', '2026-11-29', rule)).toHaveLength(6);
  });

  it('counts 2026 as 253 working days', () => {
    // 261 weekdays minus the 8 holidays that fall on one (17 May and Whit/Easter Sunday are Sundays, 26 Dec a Saturday).
    expect(countedDaysBetween('2026-01-01', '2026-12-31')).toHaveLength(253);
  });
});

describe('ISO weeks', () => {
  it('parses and lists weekdays', () => {
    expect(parseIsoWeek('2026-W48').monday).toBe('2026-11-23');
    expect(weekdaysOfIsoWeek('2026-W01')).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
  });

  it.each(['2026-W54', '2025-W53', '2026-48', 'W48', '2026-W00'])('rejects %s', (w) => {
    expect(() => parseIsoWeek(w)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('walks across the DST change without skipping a day', () => {
    expect(eachDate('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(eachDate('2026-10-24', '2026-10-26')).toHaveLength(3);
  });

  it('rejects impossible dates', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
  });

  it('computes age on a date', () => {
    expect(ageOn('2001-11-24', '2026-11-23')).toBe(24);
    expect(ageOn('2001-11-23', '2026-11-23')).toBe(25);
  });
});
