import { validate, Validate } from 'class-validator';
import { isIsoDateWithin, isIsoWeekWithin, LIFE_YEARS } from './date-window';
import { IsIsoDateConstraint } from './iso-date.validator';
import { IsoWeekParam } from './iso-week-param';

describe('planning window (2000–2100)', () => {
  it.each([
    ['2000-01-01', true],
    ['2100-12-31', true],
    ['1999-12-31', false],
    ['2101-01-01', false],
    ['9999-12-31', false],
    ['2026-02-30', false],
    [20261123, false],
  ])('date %j → %s', (value, ok) => {
    expect(isIsoDateWithin(value)).toBe(ok);
  });

  it.each([
    ['2000-W01', true],
    ['2100-W52', true],
    ['2026-W53', true], // 2026 has 53 ISO weeks
    ['2027-W53', false],
    ['1999-W52', false],
    ['2101-W01', false],
    ['9999-W52', false],
  ])('week %j → %s', (value, ok) => {
    expect(isIsoWeekWithin(value)).toBe(ok);
  });

  it('a week param outside is a 400 naming week', () => {
    expect(() => IsoWeekParam.transform('9999-W52', { type: 'param' })).toThrow(
      expect.objectContaining({
        kind: 'INVALID_INPUT',
        details: [{ field: 'week', messages: [expect.stringContaining('2000-W01 to 2100-W52')] }],
      }),
    );
    expect(IsoWeekParam.transform('2026-W48', { type: 'param' })).toBe('2026-W48');
  });

  it('a DTO date uses the planning window unless given another', async () => {
    class Dto {
      @Validate(IsIsoDateConstraint) day: string;
      @Validate(IsIsoDateConstraint, [LIFE_YEARS]) born: string;
    }
    const errors = await validate(Object.assign(new Dto(), { day: '1999-12-31', born: '1950-06-30' }));
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])).toEqual([
      ['day', ['day must be a calendar date as yyyy-MM-dd between 2000-01-01 and 2100-12-31']],
    ]);
    const born = await validate(Object.assign(new Dto(), { day: '2026-11-23', born: '1850-01-01' }));
    expect(born.map((e) => Object.values(e.constraints ?? {}))).toEqual([
      ['born must be a calendar date as yyyy-MM-dd between 1900-01-01 and 2100-12-31'],
    ]);
  });
});
