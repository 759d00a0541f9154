import { englishRule } from '../../common/messages/english-rule';
import { UnavailabilityKind } from '../../availability/availability.enums';
import { CancellationReason } from '../../sessions/session.enums';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';
import { AttendanceValues, inputErrors, REASON_FOR_UNAVAILABILITY, resolveRows, RosterFacts } from './attendance-rules';
import {
  teacherCancellation,
  teacherStatusOf,
  teacherSuggestionOf,
  TeacherAttendanceStatus as S,
  valuesForTeacherStatus,
} from './teacher-vocabulary';

const { ATTENDED, ABSENT } = AttendanceOutcome;
const R = AbsenceReason;
const absent = (absenceReason: AbsenceReason, absenceNote: string | null = null, comment = ''): AttendanceValues => ({
  outcome: ABSENT,
  absenceReason,
  absenceNote,
  comment,
});

describe('the teachers attendance vocabulary', () => {
  it.each<[AttendanceOutcome | null, AbsenceReason | null, S]>([
    [null, null, S.NOT_RECORDED],
    [ATTENDED, null, S.ATTENDED],
    [ABSENT, R.REFUSED, S.ABSENT_REFUSED],
    [ABSENT, R.SICK, S.ABSENT_EXCUSED],
    [ABSENT, R.COURT, S.ABSENT_EXCUSED],
    [ABSENT, R.VISIT, S.ABSENT_EXCUSED],
    [ABSENT, R.HEALTH_APPOINTMENT, S.ABSENT_EXCUSED],
    [ABSENT, R.LAWYER, S.ABSENT_EXCUSED],
    [ABSENT, R.OTHER_CLASH, S.ABSENT_EXCUSED],
    [ABSENT, R.NOT_REQUIRED, S.ABSENT_EXCUSED],
    [ABSENT, R.LEAVE, S.ABSENT_EXCUSED],
    [ABSENT, R.OTHER, S.ABSENT_EXCUSED],
    [ABSENT, null, S.ABSENT_EXCUSED],
  ])('%s / %s reads as %s', (outcome, reason, expected) => {
    expect(teacherStatusOf(outcome, reason)).toBe(expected);
  });

  it('maps every absence reason, and never to a word outside the vocabulary', () => {
    const seen = Object.values(AbsenceReason).map((r) => teacherStatusOf(ABSENT, r));
    expect(new Set(seen)).toEqual(new Set([S.ABSENT_EXCUSED, S.ABSENT_REFUSED]));
    expect(Object.values(S).sort()).toEqual(['ABSENT_EXCUSED', 'ABSENT_REFUSED', 'ATTENDED', 'NOT_RECORDED']);
  });

  it('suggests only "excused" for any known unavailability', () => {
    for (const kind of Object.values(UnavailabilityKind)) expect(teacherSuggestionOf(kind)).toBe(S.ABSENT_EXCUSED);
    expect(teacherSuggestionOf(null)).toBeNull();
  });

  describe('what a teacher writes over what is stored', () => {
    const court = absent(R.COURT, 'Tingrett, sak 12', 'Hentes 08:15');
    it.each<[string, Parameters<typeof valuesForTeacherStatus>, AttendanceValues]>([
      ['excused over COURT keeps COURT, its note and comment', [S.ABSENT_EXCUSED, court, null], court],
      ['excused over SICK keeps SICK', [S.ABSENT_EXCUSED, absent(R.SICK), R.VISIT], absent(R.SICK)],
      ['excused over OTHER with a note keeps it', [S.ABSENT_EXCUSED, absent(R.OTHER, 'Brannøvelse'), null], absent(R.OTHER, 'Brannøvelse')],
      ['refused over REFUSED keeps its note', [S.ABSENT_REFUSED, absent(R.REFUSED, 'Ville ikke'), null], absent(R.REFUSED, 'Ville ikke')],
      ['excused, nothing stored, no unavailability: NOT_REQUIRED', [S.ABSENT_EXCUSED, null, null], absent(R.NOT_REQUIRED)],
      ['excused, nothing stored, in court: COURT', [S.ABSENT_EXCUSED, null, R.COURT], absent(R.COURT)],
      [
        'excused over ATTENDED keeps the comment',
        [S.ABSENT_EXCUSED, { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: 'Sein' }, null],
        absent(R.NOT_REQUIRED, null, 'Sein'),
      ],
      [
        'excused over REFUSED takes the known reason',
        [S.ABSENT_EXCUSED, absent(R.REFUSED, 'Ville ikke'), R.HEALTH_APPOINTMENT],
        absent(R.HEALTH_APPOINTMENT),
      ],
      ['refused over COURT: REFUSED, note gone, comment kept', [S.ABSENT_REFUSED, court, null], absent(R.REFUSED, null, 'Hentes 08:15')],
      [
        'attended over COURT: ATTENDED, comment kept',
        [S.ATTENDED, court, null],
        { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: 'Hentes 08:15' },
      ],
      ['attended, nothing stored', [S.ATTENDED, null, R.COURT], { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: '' }],
      ['refused, nothing stored', [S.ABSENT_REFUSED, null, R.COURT], absent(R.REFUSED)],
    ])('%s', (_name, args, expected) => {
      expect(valuesForTeacherStatus(...args)).toEqual(expected);
      // Whatever is stored reads back as what the teacher chose.
      const stored = valuesForTeacherStatus(...args);
      expect(teacherStatusOf(stored.outcome, stored.absenceReason)).toBe(args[0]);
    });

    it("stores an unavailability's own reason for 'excused', which reads back as excused", () => {
      for (const kind of Object.values(UnavailabilityKind)) {
        const stored = valuesForTeacherStatus(S.ABSENT_EXCUSED, null, REASON_FOR_UNAVAILABILITY[kind]);
        expect(teacherStatusOf(stored.outcome, stored.absenceReason)).toBe(S.ABSENT_EXCUSED);
      }
    });
  });

  describe('rows as sent', () => {
    it.each<[string, boolean, Parameters<typeof inputErrors>[0][number], string[]]>([
      ['teacher: status', true, { prisonerId: 'a', status: S.ABSENT_EXCUSED }, []],
      ['teacher: plain ATTENDED', true, { prisonerId: 'a', outcome: ATTENDED }, []],
      [
        'teacher: ABSENT with a reason',
        true,
        { prisonerId: 'a', outcome: ABSENT, absenceReason: R.COURT },
        [expect.stringMatching(/^a teacher records status/)],
      ],
      ['teacher: bare ABSENT', true, { prisonerId: 'a', outcome: ABSENT }, ['an absence needs a status: ABSENT_EXCUSED or ABSENT_REFUSED']],
      [
        'teacher: ATTENDED with a comment',
        true,
        { prisonerId: 'a', outcome: ATTENDED, comment: 'x' },
        [expect.stringMatching(/^a teacher records status/)],
      ],
      ['staff: status', false, { prisonerId: 'a', status: S.ABSENT_REFUSED }, []],
      [
        'status with a note',
        false,
        { prisonerId: 'a', status: S.ABSENT_REFUSED, absenceNote: 'x' },
        ['a status row takes no absenceReason, absenceNote or comment'],
      ],
      [
        'status and outcome',
        false,
        { prisonerId: 'a', status: S.ATTENDED, outcome: ATTENDED },
        ['send either outcome or status, not both'],
      ],
      ['neither', false, { prisonerId: 'a' }, ['a row needs an outcome (or a status)']],
    ])('%s', (_name, teacherOnly, row, messages) => {
      // The rules return codes; the API's English is built from them.
      const english = inputErrors([row], teacherOnly).map((e) => ({
        index: e.index,
        prisonerId: e.prisonerId,
        messages: e.rules.map(englishRule),
      }));
      expect(english).toEqual(messages.length ? [{ index: 0, prisonerId: 'a', messages }] : []);
    });

    it('resolves status rows (and a teacher ATTENDED) against what is stored', () => {
      const facts = new Map<string, RosterFacts>([
        ['court', { onRoster: true, existing: absent(R.COURT, 'Tingrett'), unavailabilityKind: UnavailabilityKind.COURT }],
        ['visit', { onRoster: true, existing: null, unavailabilityKind: UnavailabilityKind.VISIT }],
        [
          'noted',
          {
            onRoster: true,
            existing: { outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: 'Notat' },
            unavailabilityKind: null,
          },
        ],
      ]);
      expect(
        resolveRows(
          [
            { prisonerId: 'court', status: S.ABSENT_EXCUSED },
            { prisonerId: 'visit', status: S.ABSENT_EXCUSED },
            { prisonerId: 'noted', outcome: ATTENDED },
          ],
          facts,
          true,
        ),
      ).toEqual([
        { prisonerId: 'court', ...absent(R.COURT, 'Tingrett') },
        { prisonerId: 'visit', ...absent(R.VISIT) },
        { prisonerId: 'noted', outcome: ATTENDED, absenceReason: null, absenceNote: null, comment: 'Notat' },
      ]);
      // Staff outcome rows are taken as sent.
      expect(resolveRows([{ prisonerId: 'noted', outcome: ATTENDED }], facts, false)).toEqual([{ prisonerId: 'noted', outcome: ATTENDED }]);
    });
  });

  it("gives a teacher the cancellation's reason, never its note", () => {
    expect(teacherCancellation({ reason: CancellationReason.STAFF_TRAINING, note: 'Kurs i Bergen' })).toEqual({
      reason: 'STAFF_TRAINING',
      note: null,
    });
    expect(teacherCancellation(null)).toBeNull();
  });
});
