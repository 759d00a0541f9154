import { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { POPULATION_COLUMNS } from '../src/intake/domain/population-file';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// Files as prison record systems, Excel and people write them, and custody events as senders resend them.
// Clock: Monday 2026-11-23 10:00 (Oslo).
const COLUMNS = POPULATION_COLUMNS;
const HEADER = COLUMNS.join(';');
// Excel's spelling of the same header: words, spaces, other case.
const EXCEL_HEADER =
  'Prisoner number;First name;LAST NAME;Date of birth;Legal status;Nationality;education_level;Education right;Unit;Arrival date';

interface Person {
  number: string;
  first?: string;
  last?: string;
  unit?: string;
  arrival?: string;
}
const cells = (p: Person) => [
  p.number,
  p.first ?? 'Ola',
  p.last ?? 'Nordmann',
  '1990-01-15',
  'CONVICTED',
  'NO',
  '',
  '',
  p.unit ?? 'A1',
  p.arrival ?? '2026-11-02',
];
const csv = (people: Person[], header = HEADER) => [header, ...people.map((p) => cells(p).join(';'))].join('\r\n') + '\r\n';
const numbered = (n: number, prefix = 'N') =>
  Array.from({ length: n }, (_, i): Person => ({ number: `${prefix}-${String(i + 1).padStart(4, '0')}`, unit: i % 2 ? 'A1' : 'A2' }));
const TABLES = ['prisoner', 'custody_period', 'prisoner_day'];

describe('import robustness: what real systems and people send', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
    admin = await signInAdmin(t);
  });

  async function prison(code = 'OSL') {
    const { prison: p } = await createPrisonWithUnit(ds, { code }, { name: 'A1' });
    await createUnit(ds, p.id, { name: 'A2' });
    return p;
  }
  const post = (who: SignedIn, prisonId: string, kind: 'dry-run' | 'apply', body: object) =>
    who.post(`/prisons/${prisonId}/population-import/${kind}`).send(body);
  const dryRun = (prisonId: string, content: string, format = 'CSV') => post(admin, prisonId, 'dry-run', { format, content }).expect(200);

  describe('population file', () => {
    it("an Excel export of a 390-prisoner prison: BOM, ';', CRLF, its own header spelling, quoted cells, empty rows under the data", async () => {
      const p = await prison();
      const people = numbered(390);
      people[0] = { ...people[0], first: 'Åse Marie', last: 'Ødegård-Æsøy' };
      people[1] = { ...people[1], first: 'Zoé', last: 'Bjørnstad' };
      const rows = people.map((x, i) => {
        const c = cells(x);
        if (i === 2) c[2] = '"Berg; ""Lillebror"""'; // a quoted cell holding the delimiter and quotes
        return c.map((v) => (i === 3 ? ` ${v} ` : v)).join(';'); // spaces around every value
      });
      // Excel writes a row of empty cells for every row it once formatted, and blank lines happen.
      const content = '\ufeff' + [EXCEL_HEADER, ...rows, ';;;;;;;;;', ';;;;;;;;;', '', ''].join('\r\n');

      const dry = await dryRun(p.id, content);
      expect(dry.body.issues).toEqual([]);
      expect(dry.body.counts).toEqual({ admit: 390, transfer: 0, move: 0, release: 0, update: 0, unchanged: 0, missing: 0, errors: 0 });
      const applied = await post(admin, p.id, 'apply', { format: 'CSV', content }).expect(200);
      expect(applied.body.counts).toEqual(dry.body.counts);
      expect(applied.body.rows).toEqual(dry.body.rows);

      const names = await ds.query(
        `SELECT prisoner_number, first_name, last_name FROM prisoner WHERE prisoner_number IN ('N-0001', 'N-0002', 'N-0003', 'N-0004') ORDER BY 1`,
      );
      expect(names.map((r: { first_name: string; last_name: string }) => [r.first_name, r.last_name])).toEqual([
        ['Åse Marie', 'Ødegård-Æsøy'],
        ['Zoé', 'Bjørnstad'],
        ['Ola', 'Berg; "Lillebror"'],
        ['Ola', 'Nordmann'],
      ]);

      const before = await countRows(ds, TABLES);
      const again = await post(admin, p.id, 'apply', { format: 'CSV', content }).expect(200);
      expect(again.body.counts).toMatchObject({ admit: 0, update: 0, move: 0, unchanged: 390, errors: 0 });
      expect(await countRows(ds, TABLES)).toEqual(before);
    });

    it('a header problem is named once, on line 1, not on each of 400 rows: an unknown, a missing and a doubled column', async () => {
      const p = await prison();
      const people = numbered(400);
      const withComment = [HEADER + ';Kommentar', ...people.map((x) => cells(x).join(';') + ';ok')].join('\n');
      expect((await dryRun(p.id, withComment)).body.issues).toEqual([{ line: 1, field: 'Kommentar', code: 'UNKNOWN_COLUMN' }]);

      const withoutArrival = [COLUMNS.slice(0, 9).join(';'), ...people.map((x) => cells(x).slice(0, 9).join(';'))].join('\n');
      const missing = await dryRun(p.id, withoutArrival);
      expect(missing.body.issues).toEqual([{ line: 1, field: 'arrivalDate', code: 'MISSING_COLUMN' }]);
      expect(missing.body.rows).toEqual([]);

      const twice = [HEADER + ';unit', ...people.map((x) => cells(x).join(';') + ';A2')].join('\n');
      expect((await dryRun(p.id, twice)).body.issues).toEqual([{ line: 1, field: 'unit', code: 'DUPLICATE_COLUMN' }]);
      await post(admin, p.id, 'apply', { format: 'CSV', content: twice }).expect(422);
      expect(await countRows(ds, ['prisoner'])).toEqual({ prisoner: 0 });
    });

    it('a value outside the header is its row’s EXTRA_CELL, not silently dropped; a trailing ; on every line is fine', async () => {
      const p = await prison();
      // An unquoted name holding the delimiter shifts the row one cell to the right.
      const shifted =
        csv([{ number: 'A-001' }, { number: 'A-002' }]) + 'A-003;Ola;Nordmann;1990-01-15;CONVICTED;NO;;;A1;2026-11-02;Kari\r\n';
      const dry = await dryRun(p.id, shifted);
      expect(dry.body.issues).toEqual([{ line: 4, prisonerNumber: 'A-003', field: 'column 11', code: 'EXTRA_CELL', value: 'Kari' }]);
      expect(dry.body.counts).toMatchObject({ admit: 2, errors: 1 });
      await post(admin, p.id, 'apply', { format: 'CSV', content: shifted }).expect(422);
      expect(await countRows(ds, ['prisoner'])).toEqual({ prisoner: 0 });

      const trailing = [HEADER + ';', cells({ number: 'A-001' }).join(';') + ';'].join('\r\n');
      expect((await dryRun(p.id, trailing)).body).toMatchObject({ issues: [], counts: { admit: 1 } });
    });

    it('a quote never closed is named at its line, instead of swallowing the rest of the file into one cell', async () => {
      const p = await prison();
      const content = csv([{ number: 'A-001' }, { number: 'A-002', first: '"Ola' }, { number: 'A-003' }, { number: 'A-004' }]);
      const dry = await dryRun(p.id, content);
      expect(dry.body.issues).toEqual([{ line: 3, code: 'UNCLOSED_QUOTE' }]);
      await post(admin, p.id, 'apply', { format: 'CSV', content }).expect(422);
    });

    it('text a decoder got wrong (Windows-1252 read as UTF-8, or the reverse) and line breaks in a name are refused, naming row and field', async () => {
      const p = await prison();
      // The same names in Windows-1252 bytes: decoded right, they import as they are.
      const bytes = Buffer.from(csv([{ number: 'W-001', first: 'Åse', last: 'Ødegård' }]), 'latin1');
      const decoded = new TextDecoder('windows-1252').decode(bytes);
      expect((await dryRun(p.id, decoded)).body).toMatchObject({ issues: [], counts: { admit: 1 } });

      const asUtf8 = new TextDecoder('utf-8').decode(bytes); // "\ufffdse", "\ufffddeg\ufffdrd"
      const wrong = await dryRun(p.id, asUtf8);
      expect(wrong.body.issues).toEqual([
        { line: 2, prisonerNumber: 'W-001', field: 'firstName', code: 'INVALID_CHARACTER', value: '\ufffdse' },
        { line: 2, prisonerNumber: 'W-001', field: 'lastName', code: 'INVALID_CHARACTER', value: '\ufffddeg\ufffdrd' },
      ]);
      const mojibake = Buffer.from(csv([{ number: 'W-001', first: 'Pål' }]), 'utf-8').toString('latin1'); // "PÃ¥l"
      expect((await dryRun(p.id, mojibake)).body.issues).toEqual([
        { line: 2, prisonerNumber: 'W-001', field: 'firstName', code: 'INVALID_CHARACTER', value: 'PÃ¥l' },
      ]);
      const lineBreak = csv([{ number: 'W-001', last: '"Nord\r\nmann"' }, { number: 'W-002' }]);
      expect((await dryRun(p.id, lineBreak)).body.issues).toEqual([
        { line: 2, prisonerNumber: 'W-001', field: 'lastName', code: 'INVALID_CHARACTER', value: 'Nord\r\nmann' },
      ]);
      await post(admin, p.id, 'apply', { format: 'CSV', content: asUtf8 }).expect(422);
      expect(await countRows(ds, ['prisoner'])).toEqual({ prisoner: 0 });
    });

    it('a JSON file with a byte order mark is read, as a CSV file is', async () => {
      const p = await prison();
      const json = '\ufeff' + JSON.stringify([Object.fromEntries(COLUMNS.map((c, i) => [c, cells({ number: 'J-001' })[i]]))]);
      expect((await dryRun(p.id, json, 'JSON')).body).toMatchObject({ issues: [], counts: { admit: 1 } });
    });

    it('the same prisoner number twice, once in lower case, is a duplicate (not two prisoners)', async () => {
      const p = await prison();
      const content = csv([{ number: 'OSL-001' }, { number: 'osl-001' }]);
      expect((await dryRun(p.id, content)).body.issues).toEqual([
        { line: 3, prisonerNumber: 'OSL-001', field: 'prisonerNumber', code: 'DUPLICATE_IN_FILE', value: 'osl-001' },
      ]);
      await post(admin, p.id, 'apply', { format: 'CSV', content }).expect(422);
      expect(await countRows(ds, ['prisoner'])).toEqual({ prisoner: 0 });
    });

    it('one bad row of 400 (a Norwegian date): the error names row and column, the apply writes nothing', async () => {
      const p = await prison();
      const people = numbered(400);
      people[236] = { ...people[236], arrival: '02.11.2026' };
      const content = csv(people);
      const refused = await post(admin, p.id, 'apply', { format: 'CSV', content }).expect(422);
      expect(refused.body.details.issues).toEqual([
        { line: 238, prisonerNumber: 'N-0237', field: 'arrivalDate', code: 'INVALID_DATE', value: '02.11.2026' },
      ]);
      expect(await countRows(ds, TABLES)).toEqual({ prisoner: 0, custody_period: 0, prisoner_day: 0 });
    });

    it('an empty file, a header-only file, and a body over the limit answer clearly', async () => {
      const p = await prison();
      expect((await dryRun(p.id, '\r\n \r\n')).body.issues).toEqual([{ line: 0, code: 'FILE_EMPTY' }]);
      expect((await dryRun(p.id, HEADER + '\r\n')).body).toMatchObject({ issues: [], rows: [], counts: { admit: 0, errors: 0 } });
      const tooBig = await post(admin, p.id, 'dry-run', { format: 'CSV', content: csv(numbered(20_000)) });
      expect([tooBig.status, tooBig.body.message]).toEqual([413, 'Request body is too large']);
      // A 4,000-prisoner JSON file is over the default limit once its quotes are escaped in the request (docs/import.md).
      const json = JSON.stringify(
        numbered(4_000).map((x) => ({
          ...Object.fromEntries(COLUMNS.map((c, i) => [c, cells(x)[i]])),
          educationLevel: 'UPPER_SECONDARY',
          educationRight: 'ADULT',
        })),
      );
      await post(admin, p.id, 'dry-run', { format: 'JSON', content: json }).expect(413);
    });

    it('a prisoner moved between prisons by two files: B takes them over, A’s stale file is refused, not a move back', async () => {
      const a = await prison('AAA');
      const { prison: b } = await createPrisonWithUnit(ds, { code: 'BBB' }, { name: 'B1' });
      const fileA = csv([{ number: 'M-001' }, { number: 'M-002' }]);
      await post(admin, a.id, 'apply', { format: 'CSV', content: fileA }).expect(200);
      const fileB = csv([{ number: 'M-001', unit: 'b1', arrival: '2026-11-16' }]);
      expect((await post(admin, b.id, 'apply', { format: 'CSV', content: fileB }).expect(200)).body.counts).toMatchObject({ transfer: 1 });
      const stale = await post(admin, a.id, 'apply', { format: 'CSV', content: fileA }).expect(422);
      expect(stale.body.details.issues).toEqual([
        { line: 2, prisonerNumber: 'M-001', field: 'arrivalDate', code: 'ARRIVAL_NOT_AFTER_CURRENT_STAY', value: '2026-11-16' },
      ]);
      const stays = await ds.query(
        `SELECT prison_id, from_date::text AS f, to_date::text AS t FROM custody_period cp JOIN prisoner p ON p.id = cp.prisoner_id WHERE p.prisoner_number = 'M-001' ORDER BY from_date`,
      );
      expect(stays).toEqual([
        { prison_id: a.id, f: '2026-11-02', t: '2026-11-16' },
        { prison_id: b.id, f: '2026-11-16', t: null },
      ]);
    });

    it('a manager of one prison may not import for another: 404, nothing written', async () => {
      const oslo = await prison('OSL');
      const bergen = await prison('BRG');
      const manager = await signIn(t, [Role.MANAGER], [oslo.id]);
      const body = { format: 'CSV', content: csv(numbered(3)) };
      await post(manager, bergen.id, 'dry-run', body).expect(404);
      await post(manager, bergen.id, 'apply', body).expect(404);
      expect(await countRows(ds, TABLES)).toEqual({ prisoner: 0, custody_period: 0, prisoner_day: 0 });
      await post(manager, oslo.id, 'apply', body).expect(200);
    });
  });

  describe('custody events beside the file', () => {
    let token: string;
    beforeEach(async () => {
      token = (await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201)).body.token;
    });
    const send = (event: object) => t.http().post('/integration/custody-events').set('Authorization', `Bearer ${token}`).send(event);

    it('a transfer or release the files already recorded is answered alreadyRecorded, not rejected; so is a release resent under a new id', async () => {
      const a = await prison('AAA');
      const { prison: b } = await createPrisonWithUnit(ds, { code: 'BBB' }, { name: 'B1' });
      await post(admin, a.id, 'apply', {
        format: 'CSV',
        content: csv([{ number: 'X-001' }, { number: 'X-002' }, { number: 'X-003' }]),
      }).expect(200);
      // Prison B's file takes X-001 over on 16 November; A's file, confirmed, releases X-002 on 20 November.
      await post(admin, b.id, 'apply', { format: 'CSV', content: csv([{ number: 'X-001', unit: 'B1', arrival: '2026-11-16' }]) }).expect(
        200,
      );
      await post(admin, a.id, 'apply', {
        format: 'CSV',
        content: csv([{ number: 'X-003' }]),
        confirmReleases: ['X-002'],
        releaseDate: '2026-11-20',
      }).expect(200);
      const before = await countRows(ds, TABLES);

      const transfer = {
        type: 'TRANSFERRED',
        occurredAt: '2026-11-16T09:00:00+01:00',
        prisonerNumber: 'X-001',
        prisonCode: 'BBB',
        unit: 'B1',
      };
      const t1 = await send({ eventId: 't-1', ...transfer }).expect(200);
      expect(t1.body).toEqual({ eventId: 't-1', status: 'APPLIED', prisonerId: expect.any(String), alreadyRecorded: true });
      const release = { type: 'RELEASED', occurredAt: '2026-11-20T14:00:00+01:00', prisonerNumber: 'X-002' };
      const r1 = await send({ eventId: 'r-1', ...release }).expect(200);
      expect(r1.body).toMatchObject({ status: 'APPLIED', alreadyRecorded: true });
      expect(await countRows(ds, TABLES)).toEqual(before);

      // An event of the sender's own resent under a new id: the same.
      await send({ eventId: 'r-3', type: 'RELEASED', occurredAt: '2026-11-21T10:00:00+01:00', prisonerNumber: 'X-003' }).expect(200);
      const resent = await send({
        eventId: 'r-3-retry',
        type: 'RELEASED',
        occurredAt: '2026-11-21T10:00:00+01:00',
        prisonerNumber: 'X-003',
      });
      expect([resent.status, resent.body.alreadyRecorded]).toEqual([200, true]);

      // A release on another day than the recorded one is still refused, and says when they were released.
      const other = await send({ eventId: 'r-2', ...release, occurredAt: '2026-11-22T09:00:00+01:00' }).expect(422);
      expect(other.body.details).toMatchObject({ code: 'NOT_HELD', params: { releasedOn: '2026-11-20' } });
      // A transfer to the same prison dated another day than the recorded one: refused as before.
      const late = await send({ eventId: 't-2', ...transfer, occurredAt: '2026-11-17T09:00:00+01:00' }).expect(422);
      expect(late.body.details.code).toBe('SAME_PRISON');
      expect(await countRows(ds, TABLES)).toEqual(before);
    });
  });
});
