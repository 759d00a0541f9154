import { englishRule } from '../../common/messages/english-rule';
import { UnavailabilityKind } from '../../availability/availability.enums';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';
import {
  AttendanceInput,
  inputErrors,
  isOutsideEditWindow,
  normaliseRow,
  planBatch,
  REASON_FOR_UNAVAILABILITY,
  RosterFacts,
  rosterErrors,
  RowError,
  staleRows,
} from './attendance-rules';

const { ATTENDED, ABSENT } = AttendanceOutcome;

// The rules return codes; the API's English (pinned here) is built from them.
const english = (errors: RowError[]) =>
  errors.map((e) => ({ index: e.index, prisonerId: e.prisonerId, messages: e.rules.map(englishRule) }));

describe('attendance rules', () => {
  it('maps every unavailability kind to an absence reason', () => {
    expect(REASON_FOR_UNAVAILABILITY).toEqual({
      COURT: 'COURT',
      VISIT: 'VISIT',
      HEALTH_APPOINTMENT: 'HEALTH_APPOINTMENT',
      LAWYER: 'LAWYER',
      LEAVE: 'LEAVE',
      EXCLUDED_FROM_COMPANY: 'OTHER_CLASH',
      OTHER: 'OTHER_CLASH',
    });
    expect(Object.keys(REASON_FOR_UNAVAILABILITY).sort()).toEqual(Object.values(UnavailabilityKind).sort());
  });

  it.each<[string, AttendanceInput, string[]]>([
    ['attended', { prisonerId: 'a', outcome: ATTENDED }, []],
    ['absent with reason', { prisonerId: 'a', outcome: ABSENT, absenceReason: AbsenceReason.SICK }, []],
    ['absent without reason', { prisonerId: 'a', outcome: ABSENT }, ['an absence needs an absenceReason']],
    [
      'OTHER without note',
      { prisonerId: 'a', outcome: ABSENT, absenceReason: AbsenceReason.OTHER, absenceNote: '  ' },
      ['absenceReason OTHER needs an absenceNote saying what happened'],
    ],
    ['OTHER with note', { prisonerId: 'a', outcome: ABSENT, absenceReason: AbsenceReason.OTHER, absenceNote: 'Brann' }, []],
    [
      'attended with reason',
      { prisonerId: 'a', outcome: ATTENDED, absenceReason: AbsenceReason.SICK },
      ['an attended prisoner has no absenceReason'],
    ],
  ])('row: %s', (_name, row, messages) => {
    expect(english(inputErrors([row]))).toEqual(messages.length ? [{ index: 0, prisonerId: 'a', messages }] : []);
  });

  it('reports a duplicate at its second index', () => {
    expect(
      english(
        inputErrors([
          { prisonerId: 'a', outcome: ATTENDED },
          { prisonerId: 'b', outcome: ATTENDED },
          { prisonerId: 'a', outcome: ATTENDED },
        ]),
      ),
    ).toEqual([{ index: 2, prisonerId: 'a', messages: ['prisoner appears more than once in the batch (first at index 0)'] }]);
  });

  it('names prisoners not on the roster', () => {
    const facts = new Map<string, RosterFacts>([['a', { onRoster: true, existing: null }]]);
    expect(
      english(
        rosterErrors(
          [
            { prisonerId: 'a', outcome: ATTENDED },
            { prisonerId: 'x', outcome: ATTENDED },
          ],
          facts,
        ),
      ),
    ).toEqual([{ index: 1, prisonerId: 'x', messages: ['prisoner is not booked on this session'] }]);
  });

  it('normalises: no reason or note unless absent, trimmed comment', () => {
    expect(
      normaliseRow({ prisonerId: 'a', outcome: ABSENT, absenceReason: AbsenceReason.OTHER, absenceNote: ' Brann ', comment: ' hm ' }),
    ).toEqual({
      outcome: ABSENT,
      absenceReason: AbsenceReason.OTHER,
      absenceNote: 'Brann',
      comment: 'hm',
    });
    expect(normaliseRow({ prisonerId: 'a', outcome: ATTENDED })).toEqual({
      outcome: ATTENDED,
      absenceReason: null,
      absenceNote: null,
      comment: '',
    });
  });

  it('plans created, changed and unchanged rows', () => {
    const attended = { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: '' };
    const facts = new Map<string, RosterFacts>([
      ['new', { onRoster: true, existing: null }],
      ['same', { onRoster: true, existing: attended }],
      ['edit', { onRoster: true, existing: attended }],
    ]);
    expect(
      planBatch(
        [
          { prisonerId: 'new', outcome: ATTENDED },
          { prisonerId: 'same', outcome: ATTENDED, comment: '' },
          { prisonerId: 'edit', outcome: ABSENT, absenceReason: AbsenceReason.REFUSED },
        ],
        facts,
      ),
    ).toEqual({ created: 1, changed: 1, unchanged: 1 });
  });

  it('refuses only rows someone else wrote after they were read and that the batch would change (no lost update)', () => {
    const attended = { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: '' };
    const sick = { outcome: ABSENT, absenceReason: AbsenceReason.SICK, absenceNote: null, comment: '' };
    const facts = new Map<string, RosterFacts>([
      ['unread', { onRoster: true, existing: null, version: null }],
      ['recorded-since', { onRoster: true, existing: sick, version: 1 }],
      ['same-since', { onRoster: true, existing: attended, version: 1 }],
      ['changed-since', { onRoster: true, existing: sick, version: 3 }],
      ['as-read', { onRoster: true, existing: sick, version: 2 }],
      ['no-check', { onRoster: true, existing: sick, version: 5 }],
    ]);
    const rows = [
      { prisonerId: 'unread', outcome: ATTENDED, expectedVersion: null },
      { prisonerId: 'recorded-since', outcome: ATTENDED, expectedVersion: null },
      { prisonerId: 'same-since', outcome: ATTENDED, expectedVersion: null },
      { prisonerId: 'changed-since', outcome: ATTENDED, expectedVersion: 2 },
      { prisonerId: 'as-read', outcome: ATTENDED, expectedVersion: 2 },
      { prisonerId: 'no-check', outcome: ATTENDED },
    ];
    expect(english(staleRows(rows, rows, facts))).toEqual([
      { index: 1, prisonerId: 'recorded-since', messages: [expect.stringContaining('changed by someone else')] },
      { index: 3, prisonerId: 'changed-since', messages: [expect.stringContaining('changed by someone else')] },
    ]);
  });

  it.each([
    ['2026-11-16', false], // 7 days before 2026-11-23
    ['2026-11-15', true], // 8 days before
    ['2026-11-23', false],
  ])('edit window of 7 days on 2026-11-23: session %s outside = %s', (date, outside) => {
    expect(isOutsideEditWindow(date, '2026-11-23', 7)).toBe(outside);
  });
});
