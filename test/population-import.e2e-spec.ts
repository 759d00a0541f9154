import { DataSource } from 'typeorm';
import { FactCatchUpService } from '../src/activity-rate/fact-catch-up.service';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { createHeldPrisoner, createPrisoner, createCustody } from './factories/prisoner.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Clock: Monday 2026-11-23 10:00 (Oslo); every day up to Sunday 22 November is finished.
const HEADER = 'prisonerNumber;firstName;lastName;dateOfBirth;legalStatus;nationality;educationLevel;educationRight;unit;arrivalDate';

interface Row {
  number: string;
  first?: string;
  last?: string;
  legal?: string;
  unit: string;
  arrival: string;
}
const csvLine = (r: Row) =>
  [
    r.number,
    r.first ?? 'Ola',
    r.last ?? `Nordmann ${r.number}`,
    '1990-01-15',
    r.legal ?? 'CONVICTED',
    'NO',
    '',
    '',
    r.unit,
    r.arrival,
  ].join(';');
const csv = (rows: Row[]) => [HEADER, ...rows.map(csvLine)].join('\r\n') + '\r\n';

describe('population import (file from the prison record system)', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(ds));

  async function setting() {
    const { prison, unit: a1 } = await createPrisonWithUnit(ds, {}, { name: 'A1' });
    const a2 = await createUnit(ds, prison.id, { name: 'A2' });
    const { prison: other, unit: b1 } = await createPrisonWithUnit(ds, {}, { name: 'B1' });
    const P = { prisonerNumber: 'X-0001', firstName: 'Kari', lastName: 'Moved' };
    const moved = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: a1.id, fromDate: '2026-10-01' }, P);
    const gone = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: a1.id, fromDate: '2026-10-01' }, { prisonerNumber: 'X-0002' });
    const elsewhere = await createHeldPrisoner(
      ds,
      { prisonId: other.id, unitId: b1.id, fromDate: '2026-09-01' },
      { prisonerNumber: 'X-0003' },
    );
    const back = await createPrisoner(ds, { prisonerNumber: 'X-0004' });
    await createCustody(ds, { prisonerId: back.id, prisonId: prison.id, unitId: a1.id, fromDate: '2026-01-05', toDate: '2026-09-01' });
    const same = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: a2.id, fromDate: '2026-11-02' }, { prisonerNumber: 'X-0005' });
    // 396 new prisoners: with the five above a 400-prisoner file (X-0002 missing from it).
    const fresh: Row[] = Array.from({ length: 396 }, (_, i) => ({
      number: `N-${String(i + 1).padStart(4, '0')}`,
      unit: i % 2 ? 'A1' : 'a2',
      arrival: i % 3 ? '2026-11-02' : '2026-11-16',
    }));
    const rows: Row[] = [
      { number: 'X-0001', first: 'Kari', last: 'Moved-Renamed', unit: 'A2', arrival: '2026-10-01' },
      { number: 'X-0003', unit: 'A1', arrival: '2026-11-16', last: `Nordmann${''}` },
      { number: 'X-0004', unit: 'A1', arrival: '2026-11-09' },
      { number: 'X-0005', first: same.firstName, last: same.lastName, legal: same.legalStatus, unit: 'A2', arrival: '2026-11-02' },
      ...fresh,
    ];
    // Keep the stored details of X-0003 and X-0004 so that only their custody changes.
    rows[1].first = elsewhere.firstName;
    rows[1].last = elsewhere.lastName;
    rows[2].first = back.firstName;
    rows[2].last = back.lastName;
    return { prison, other, a1, a2, b1, moved, gone, elsewhere, back, same, rows };
  }

  const post = (who: SignedIn, prisonId: string, kind: 'dry-run' | 'apply', body: object) =>
    who.post(`/prisons/${prisonId}/population-import/${kind}`).send(body);

  it('dry run, apply, the same file again: 400 prisoners, nothing changes the second time; a missing prisoner is only reported', async () => {
    const s = await setting();
    const admin = await signInAdmin(t);
    const body = { format: 'CSV', content: csv(s.rows) };
    const before = await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day']);

    const dry = await post(admin, s.prison.id, 'dry-run', body).expect(200);
    expect(dry.body.counts).toEqual({ admit: 397, transfer: 1, move: 1, release: 0, update: 0, unchanged: 1, missing: 1, errors: 0 });
    expect(dry.body.applied).toBe(false);
    expect(dry.body.rows.find((r: { prisonerNumber: string }) => r.prisonerNumber === 'X-0001')).toEqual({
      line: 2,
      prisonerNumber: 'X-0001',
      action: 'MOVE',
      changes: ['lastName', 'unit'],
    });
    expect(dry.body.missing).toEqual([expect.objectContaining({ prisonerNumber: 'X-0002', release: false, arrivalDate: '2026-10-01' })]);
    expect(await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day'])).toEqual(before);

    const applied = await post(admin, s.prison.id, 'apply', body).expect(200);
    expect(applied.body.counts).toEqual(dry.body.counts);
    expect(applied.body.applied).toBe(true);

    const held = await admin.get(`/prisons/${s.prison.id}/prisoners?pageSize=1&onDate=2026-11-23`).expect(200);
    expect(held.body.total).toBe(401); // 400 in the file + X-0002, still held (not confirmed)
    const periods = await admin.get(`/prisoners/${s.elsewhere.id}/custody-periods`).expect(200);
    expect(
      periods.body.map((p: { prisonId: string; fromDate: string; toDate: string | null; endReason: string | null }) => [
        p.prisonId,
        p.fromDate,
        p.toDate,
        p.endReason,
      ]),
    ).toEqual([
      [s.other.id, '2026-09-01', '2026-11-16', 'TRANSFERRED'],
      [s.prison.id, '2026-11-16', null, null],
    ]);
    const moved = await admin.get(`/prisoners/${s.moved.id}`).expect(200);
    expect([moved.body.lastName, moved.body.custody.unitId]).toEqual(['Moved-Renamed', s.a2.id]);

    // Backdated admissions have their prisoner-days: 264 admitted on 2 Nov × 15 counted days + 132 on 16 Nov × 5.
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM prisoner_day d JOIN prisoner p ON p.id = d.prisoner_id WHERE p.prisoner_number LIKE 'N-%'`,
    );
    expect(n).toBe(264 * 15 + 132 * 5);
    // The transferred prisoner's days from 16 Nov count at the receiving prison.
    const days = await ds.query(`SELECT prison_id FROM prisoner_day WHERE prisoner_id = $1 AND date >= '2026-11-16'`, [s.elsewhere.id]);
    expect(days.map((d: { prison_id: string }) => d.prison_id)).toEqual(Array(5).fill(s.prison.id));

    const afterApply = await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day', 'audit_event']);
    const again = await post(admin, s.prison.id, 'apply', body).expect(200);
    expect(again.body.counts).toEqual({ admit: 0, transfer: 0, move: 0, release: 0, update: 0, unchanged: 400, missing: 1, errors: 0 });
    const afterAgain = await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day', 'audit_event']);
    expect({ ...afterAgain, audit_event: 0 }).toEqual({ ...afterApply, audit_event: 0 });
  });

  it('releases a missing prisoner only when confirmed, on the given day, and refreshes their days', async () => {
    const s = await setting();
    const admin = await signInAdmin(t);
    const body = { format: 'CSV', content: csv(s.rows) };
    await post(admin, s.prison.id, 'apply', body).expect(200);
    await t.app.get(FactCatchUpService).catchUp(); // the nightly job has computed X-0002's days
    const daysBefore = await ds.query(`SELECT date::text AS date FROM prisoner_day WHERE prisoner_id = $1 AND date >= '2026-11-18'`, [
      s.gone.id,
    ]);
    expect(daysBefore).toHaveLength(3);

    const confirmed = { ...body, confirmReleases: ['X-0002'], releaseDate: '2026-11-18' };
    const dry = await post(admin, s.prison.id, 'dry-run', confirmed).expect(200);
    expect(dry.body.counts).toMatchObject({ release: 1, missing: 0, unchanged: 400 });
    await post(admin, s.prison.id, 'apply', confirmed).expect(200);
    const periods = await admin.get(`/prisoners/${s.gone.id}/custody-periods`).expect(200);
    expect(periods.body).toEqual([expect.objectContaining({ toDate: '2026-11-18', endReason: 'RELEASED' })]);
    expect(await ds.query(`SELECT 1 FROM prisoner_day WHERE prisoner_id = $1 AND date >= '2026-11-18'`, [s.gone.id])).toHaveLength(0);

    // The same confirmed file once more: nothing left to do.
    const again = await post(admin, s.prison.id, 'apply', confirmed).expect(200);
    expect(again.body.counts).toEqual({ admit: 0, transfer: 0, move: 0, release: 0, update: 0, unchanged: 400, missing: 0, errors: 0 });
  });

  it('reports per-row errors in the dry run and refuses the apply with nothing written', async () => {
    const s = await setting();
    const admin = await signInAdmin(t);
    const rows = s.rows.slice(0, 10);
    rows[5] = { ...rows[5], unit: 'Nowhere' };
    rows[6] = { ...rows[6], arrival: '2026-13-01' };
    rows[7] = { ...rows[7], number: rows[4].number };
    rows[8] = { ...rows[8], arrival: '2026-12-01' };
    const body = { format: 'CSV', content: csv(rows) };
    const dry = await post(admin, s.prison.id, 'dry-run', body).expect(200);
    expect(dry.body.issues).toEqual([
      { line: 8, prisonerNumber: rows[6].number, field: 'arrivalDate', code: 'INVALID_DATE', value: '2026-13-01' },
      { line: 9, prisonerNumber: rows[4].number, field: 'prisonerNumber', code: 'DUPLICATE_IN_FILE', value: rows[4].number },
      { line: 10, prisonerNumber: rows[8].number, field: 'arrivalDate', code: 'ARRIVAL_IN_FUTURE', value: '2026-12-01' },
      { line: 7, prisonerNumber: rows[5].number, field: 'unit', code: 'UNKNOWN_UNIT', value: 'Nowhere' },
    ]);
    expect(dry.body.counts.errors).toBe(4);
    const before = await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day']);
    const refused = await post(admin, s.prison.id, 'apply', body).expect(422);
    expect(refused.body.details.issues).toHaveLength(4);
    expect(await countRows(ds, ['prisoner', 'custody_period', 'prisoner_day'])).toEqual(before);
  });

  it('reads JSON the same way as CSV', async () => {
    const s = await setting();
    const admin = await signInAdmin(t);
    const json = s.rows.map((r) => {
      const [prisonerNumber, firstName, lastName, dateOfBirth, legalStatus, nationality, , , unit, arrivalDate] = csvLine(r).split(';');
      return { prisonerNumber, firstName, lastName, dateOfBirth, legalStatus, nationality, unit, arrivalDate };
    });
    const viaJson = await post(admin, s.prison.id, 'dry-run', { format: 'JSON', content: JSON.stringify(json) }).expect(200);
    const viaCsv = await post(admin, s.prison.id, 'dry-run', { format: 'CSV', content: csv(s.rows) }).expect(200);
    expect(viaJson.body.counts).toEqual(viaCsv.body.counts);
    expect(viaJson.body.rows.map((r: { action: string }) => r.action)).toEqual(viaCsv.body.rows.map((r: { action: string }) => r.action));
  });

  it('scoping: another prison answers 404, an officer 403, and a manager may not pull a prisoner from a prison they cannot see', async () => {
    const s = await setting();
    const body = { format: 'CSV', content: csv(s.rows.slice(0, 3)) };
    const otherManager = await signIn(t, [Role.MANAGER], [s.other.id]);
    await post(otherManager, s.prison.id, 'dry-run', body).expect(404);
    const officer = await signIn(t, [Role.OFFICER], [s.prison.id]);
    await post(officer, s.prison.id, 'dry-run', body).expect(403);
    const manager = await signIn(t, [Role.MANAGER], [s.prison.id]);
    const dry = await post(manager, s.prison.id, 'dry-run', body).expect(200);
    expect(dry.body.issues).toEqual([{ line: 3, prisonerNumber: 'X-0003', field: 'prisonerNumber', code: 'HELD_AT_ANOTHER_PRISON' }]);
  });

  it('a dry run tells nothing stored of someone last held at a prison the manager cannot see (no dates, no differing fields)', async () => {
    const s = await setting();
    // Released from the other prison on 2026-09-01, stored as "Lise Lund", born 1990-01-15.
    const gone = await createPrisoner(ds, { prisonerNumber: 'Y-0001', firstName: 'Lise', lastName: 'Lund' });
    await createCustody(ds, { prisonerId: gone.id, prisonId: s.other.id, unitId: s.b1.id, fromDate: '2026-02-02', toDate: '2026-09-01' });
    const manager = await signIn(t, [Role.MANAGER], [s.prison.id]);
    const dryRun = (row: Row) => post(manager, s.prison.id, 'dry-run', { format: 'CSV', content: csv([row]) }).expect(200);
    // Arriving before the stored release: refused, without the release date.
    const early = await dryRun({ number: 'Y-0001', first: 'Lise', last: 'Lund', unit: 'A1', arrival: '2026-08-03' });
    expect(early.body.issues).toEqual([{ line: 2, prisonerNumber: 'Y-0001', field: 'arrivalDate', code: 'ARRIVAL_BEFORE_LAST_RELEASE' }]);
    // Guessed names: the report is the same whether they match what is stored or not.
    const right = await dryRun({ number: 'Y-0001', first: 'Lise', last: 'Lund', unit: 'A1', arrival: '2026-11-16' });
    const wrong = await dryRun({ number: 'Y-0001', first: 'Guess', last: 'Who', unit: 'A1', arrival: '2026-11-16' });
    expect(right.body.rows).toEqual([{ line: 2, prisonerNumber: 'Y-0001', action: 'ADMIT', changes: [] }]);
    expect(wrong.body.rows).toEqual(right.body.rows);
    // A national administrator (who sees both prisons) gets the full comparison and the date.
    const admin = await signInAdmin(t);
    const full = await post(admin, s.prison.id, 'dry-run', {
      format: 'CSV',
      content: csv([{ number: 'Y-0001', first: 'Guess', last: 'Who', unit: 'A1', arrival: '2026-08-03' }]),
    }).expect(200);
    expect(full.body.issues).toEqual([
      { line: 2, prisonerNumber: 'Y-0001', field: 'arrivalDate', code: 'ARRIVAL_BEFORE_LAST_RELEASE', value: '2026-09-01' },
    ]);
    const fullRows = await post(admin, s.prison.id, 'dry-run', {
      format: 'CSV',
      content: csv([{ number: 'Y-0001', first: 'Guess', last: 'Who', unit: 'A1', arrival: '2026-11-16' }]),
    }).expect(200);
    expect(fullRows.body.rows).toEqual([{ line: 2, prisonerNumber: 'Y-0001', action: 'ADMIT', changes: ['firstName', 'lastName'] }]);
  });
});
