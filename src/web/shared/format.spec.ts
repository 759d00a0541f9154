import { formatDate, formatDateTime, formatDay, formatMonth, formatNumber, formatPercent, formatWeek } from './format';

describe('web formatting (Norwegian by default, Europe/Oslo)', () => {
  it('writes dates as dd.MM.yyyy', () => {
    expect(formatDate('2026-11-03')).toBe('03.11.2026');
  });

  it('shows timestamps in Oslo time, also across summer time', () => {
    expect(formatDateTime('2026-11-23T09:05:00Z')).toBe('23.11.2026 10:05');
    expect(formatDateTime('2026-06-23T09:05:00Z')).toBe('23.06.2026 11:05');
  });

  it.each([
    ['nb', 'mandag 23.11.'],
    ['en', 'Mon 23.11.'],
  ] as const)('names days in %s', (lang, expected) => {
    expect(formatDay('2026-11-23', lang)).toBe(expected);
  });

  it('names weeks and months', () => {
    expect(formatWeek('2026-W05', 'nb')).toBe('uke 5 2026');
    expect(formatMonth('2026-05', 'en')).toBe('May 2026');
  });

  it('writes percentages and numbers per language', () => {
    expect(formatPercent(0.8123, 'nb')).toBe('81,2 %');
    expect(formatPercent(0.8123, 'en')).toBe('81.2%');
    expect(formatPercent(null, 'nb')).toBe('–');
    expect(formatNumber(1234567, 'nb')).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });
});
