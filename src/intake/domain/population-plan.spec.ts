import { EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';
import { PopulationRow } from './population-file';
import { planPopulation, PlanInput, StoredPrisoner } from './population-plan';

const HERE = 'prison-here';
const row = (n: string, over: Partial<PopulationRow> = {}): PopulationRow => ({
  line: 2,
  prisonerNumber: n,
  firstName: 'Ola',
  lastName: 'Nordmann',
  dateOfBirth: '1990-01-15',
  legalStatus: LegalStatus.CONVICTED,
  nationality: 'NO',
  unit: 'A',
  arrivalDate: '2026-11-02',
  ...over,
});
const stored = (n: string, stay: StoredPrisoner['stay'], over: Partial<StoredPrisoner> = {}): StoredPrisoner => ({
  id: `id-${n}`,
  prisonerNumber: n,
  firstName: 'Ola',
  lastName: 'Nordmann',
  dateOfBirth: '1990-01-15',
  legalStatus: LegalStatus.CONVICTED,
  nationality: 'NO',
  educationLevel: EducationLevel.UNKNOWN,
  educationRight: EducationRight.NONE,
  stay,
  previousStayEnd: null,
  ...over,
});
const input = (s: StoredPrisoner[], over: Partial<PlanInput> = {}): PlanInput => ({
  prisonId: HERE,
  today: '2026-11-23',
  units: [
    { id: 'unit-a', name: 'A' },
    { id: 'unit-b', name: 'B' },
  ],
  stored: s,
  maySeePrison: () => true,
  confirmReleases: new Set(),
  releaseDate: '2026-11-23',
  ...over,
});
const held = (prisonId = HERE, unitId = 'unit-a', fromDate = '2026-11-02') => ({
  periodId: 'p1',
  prisonId,
  unitId,
  fromDate,
  toDate: null,
});

describe('planPopulation', () => {
  it.each<[string, PopulationRow, StoredPrisoner | undefined, string, string[]]>([
    ['a new number is admitted', row('N1'), undefined, 'ADMIT', []],
    ['a match is unchanged', row('N1'), stored('N1', held()), 'UNCHANGED', []],
    ['another unit is a move', row('N1', { unit: 'b' }), stored('N1', held()), 'MOVE', ['unit']],
    ['a new name is an update', row('N1', { lastName: 'Berg' }), stored('N1', held()), 'UPDATE', ['lastName']],
    ['a corrected arrival is an update', row('N1', { arrivalDate: '2026-10-01' }), stored('N1', held()), 'UPDATE', ['arrivalDate']],
    ['held elsewhere is a transfer', row('N1', { arrivalDate: '2026-11-16' }), stored('N1', held('other')), 'TRANSFER', []],
    [
      'released before is admitted again',
      row('N1', { arrivalDate: '2026-11-16' }),
      stored('N1', { ...held(), toDate: '2026-11-10' }),
      'ADMIT',
      [],
    ],
  ])('%s', (_name, r, s, action, changes) => {
    const plan = planPopulation([r], input(s ? [s] : []));
    expect(plan.issues).toEqual([]);
    expect(plan.rows).toEqual([{ line: 2, prisonerNumber: 'N1', action, changes }]);
  });

  it('leaves a missing prisoner held unless confirmed, and releases a confirmed one', () => {
    const s = [stored('N1', held()), stored('N2', held())];
    const kept = planPopulation([row('N1')], input(s));
    expect(kept.counts).toMatchObject({ unchanged: 1, missing: 1, release: 0 });
    expect(kept.writes.closeStays).toEqual([]);
    const released = planPopulation([row('N1')], input(s, { confirmReleases: new Set(['N2']), releaseDate: '2026-11-20' }));
    expect(released.counts).toMatchObject({ missing: 0, release: 1 });
    expect(released.writes.closeStays).toEqual([{ periodId: 'p1', toDate: '2026-11-20', reason: 'RELEASED' }]);
  });

  it('refuses what would corrupt custody: a transfer not after the current arrival, a return before the last release, a prison the user cannot see', () => {
    const codes = (r: PopulationRow, s: StoredPrisoner, over: Partial<PlanInput> = {}) =>
      planPopulation([r], input([s], over)).issues.map((i) => i.code);
    expect(codes(row('N1', { arrivalDate: '2026-11-01' }), stored('N1', held('other')))).toEqual(['ARRIVAL_NOT_AFTER_CURRENT_STAY']);
    expect(codes(row('N1', { arrivalDate: '2026-11-05' }), stored('N1', { ...held(), toDate: '2026-11-10' }))).toEqual([
      'ARRIVAL_BEFORE_LAST_RELEASE',
    ]);
    expect(codes(row('N1', { arrivalDate: '2026-11-16' }), stored('N1', held('other')), { maySeePrison: () => false })).toEqual([
      'HELD_AT_ANOTHER_PRISON',
    ]);
    expect(codes(row('N1', { unit: 'Z' }), stored('N1', held()))).toEqual(['UNKNOWN_UNIT']);
  });

  it('compares nothing with what is stored of someone last held at a prison the user cannot see, and echoes none of it', () => {
    const releasedElsewhere = stored('N1', { ...held('other'), toDate: '2026-11-10' }, { firstName: 'Lise', lastName: 'Lund' });
    const plan = (r: PopulationRow, maySee: boolean) =>
      planPopulation([r], input([releasedElsewhere], { maySeePrison: (id) => id === HERE || maySee }));
    // Before the stored release: refused either way; the stored date only for a user who may see it.
    expect(plan(row('N1', { arrivalDate: '2026-11-05' }), false).issues).toEqual([
      { line: 2, prisonerNumber: 'N1', field: 'arrivalDate', code: 'ARRIVAL_BEFORE_LAST_RELEASE', value: undefined },
    ]);
    expect(plan(row('N1', { arrivalDate: '2026-11-05' }), true).issues[0].value).toBe('2026-11-10');
    // After it: admitted; the differing fields are named only for a user who may see them, the file's details written either way.
    const hidden = plan(row('N1', { arrivalDate: '2026-11-16' }), false);
    expect(hidden.rows).toEqual([{ line: 2, prisonerNumber: 'N1', action: 'ADMIT', changes: [] }]);
    expect(hidden.writes.detailUpdates).toEqual([expect.objectContaining({ prisonerId: 'id-N1', firstName: 'Ola', lastName: 'Nordmann' })]);
    expect(plan(row('N1', { arrivalDate: '2026-11-16' }), true).rows[0].changes).toEqual(['firstName', 'lastName']);
  });
});
