import { parseActivityFile } from './activity-file';

const HEADER = 'name;kind;category;capacity;provider;securityLevels;slots;requiresReferral;minAge';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

describe('parseActivityFile', () => {
  it('reads a row into the activity create DTO: lists, slots with and without times, numbers, booleans, defaults', () => {
    const { rows, issues } = parseActivityFile(
      'CSV',
      csv(' Snekker ;WORK;WOOD;8;CORRECTIONAL_SERVICE;HIGH| LOW;mon-am|FRI-PM@12:30-15:00;true;18'),
    );
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0].startDateGiven).toBe(false);
    expect({ ...rows[0].dto }).toMatchObject({
      name: 'Snekker',
      capacity: 8,
      securityLevels: ['HIGH', 'LOW'],
      slots: [
        { weekday: 1, period: 'AM', startTime: null, endTime: null },
        { weekday: 5, period: 'PM', startTime: '12:30', endTime: '15:00' },
      ],
      requiresReferral: true,
      runsOnPublicHolidays: false,
      minAge: 18,
      maxAge: null,
      maxCapacity: null,
      startDate: undefined,
    });
  });

  it.each([
    ['an empty required column', 'A;WORK;WOOD;;CORRECTIONAL_SERVICE;HIGH;MON-AM;;', { field: 'capacity', code: 'REQUIRED' }],
    [
      'a capacity that is not a number',
      'A;WORK;WOOD;many;CORRECTIONAL_SERVICE;HIGH;MON-AM;;',
      { field: 'capacity', code: 'INVALID_VALUE' },
    ],
    ['an unknown kind', 'A;HOBBY;WOOD;5;CORRECTIONAL_SERVICE;HIGH;MON-AM;;', { field: 'kind', code: 'INVALID_VALUE' }],
    ['an unknown security level', 'A;WORK;WOOD;5;CORRECTIONAL_SERVICE;MEDIUM;MON-AM;;', { field: 'securityLevels', code: 'INVALID_VALUE' }],
    [
      'a boolean that is not one',
      'A;WORK;WOOD;5;CORRECTIONAL_SERVICE;HIGH;MON-AM;yes;',
      { field: 'requiresReferral', code: 'INVALID_VALUE' },
    ],
    ['an age below 15', 'A;WORK;WOOD;5;CORRECTIONAL_SERVICE;HIGH;MON-AM;;12', { field: 'minAge', code: 'INVALID_VALUE' }],
    ['a Saturday slot', 'A;WORK;WOOD;5;CORRECTIONAL_SERVICE;HIGH;SAT-AM;;', { field: 'slots', code: 'INVALID_SLOT', value: 'SAT-AM' }],
    ['a bad slot time', 'A;WORK;WOOD;5;CORRECTIONAL_SERVICE;HIGH;MON-AM@25:00-26:00;;', { field: 'slots', code: 'INVALID_VALUE' }],
  ])('refuses %s', (_what, line, expected) => {
    const { rows, issues } = parseActivityFile('CSV', csv(line));
    expect(rows).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ line: 2, name: 'A', ...expected })]);
  });

  it('refuses the same name twice (case aside), and an unknown column once, on the header line', () => {
    const { rows, issues } = parseActivityFile(
      'CSV',
      [
        'name;kind;category;capacity;provider;securityLevels;slots;colour',
        'A;WORK;WOOD;5;OTHER;LOW;MON-AM;',
        'a;WORK;WOOD;5;OTHER;LOW;MON-AM;',
      ].join('\n'),
    );
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [1, 'colour', 'UNKNOWN_COLUMN'],
      [3, 'name', 'DUPLICATE_IN_FILE'],
    ]);
  });

  it('reads column names in any case and spacing, and names a missing required column once', () => {
    const ok = parseActivityFile(
      'CSV',
      ['Name;KIND;Category;capacity;Provider;Security levels;SLOTS', 'A;WORK;WOOD;5;OTHER;LOW;MON-AM'].join('\n'),
    );
    expect(ok.issues).toEqual([]);
    expect(ok.rows.map((r) => r.dto.name)).toEqual(['A']);
    const missing = parseActivityFile(
      'CSV',
      ['name;kind;category;provider;securityLevels;slots', 'A;WORK;WOOD;OTHER;LOW;MON-AM', 'B;WORK;WOOD;OTHER;LOW;MON-AM'].join('\n'),
    );
    expect(missing.issues).toEqual([{ line: 1, field: 'capacity', code: 'MISSING_COLUMN' }]);
  });
});
