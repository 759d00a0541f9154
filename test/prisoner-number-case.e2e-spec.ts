import { DataSource } from 'typeorm';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// A prisoner number names one person whatever its case (docs/import.md). Clock: Monday 2026-11-23 10:00 (Oslo).
const HEADER = 'prisonerNumber;firstName;lastName;dateOfBirth;legalStatus;nationality;educationLevel;educationRight;unit;arrivalDate';
const file = (number: string) => `${HEADER}\r\n${number};Ola;Nordmann;1990-01-15;CONVICTED;NO;;;A1;2026-11-02\r\n`;

describe('prisoner numbers are one number whatever their case', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: SignedIn;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
    admin = await signInAdmin(t);
    token = (await admin.post('/integration-clients').send({ username: 'kompis' }).expect(201)).body.token;
  });

  const send = (event: object) => t.http().post('/integration/custody-events').set('Authorization', `Bearer ${token}`).send(event);
  const numbers = async () =>
    (await ds.query(`SELECT prisoner_number FROM prisoner ORDER BY 1`)).map((r: { prisoner_number: string }) => r.prisoner_number);

  it('a file admits OSL-1; a custody event and a later file for osl-1 are the same prisoner, not a second one', async () => {
    const { prison } = await createPrisonWithUnit(ds, { code: 'OSL' }, { name: 'A1' });
    const applied = await admin.post(`/prisons/${prison.id}/population-import/apply`).send({ format: 'CSV', content: file('OSL-1') });
    expect(applied.status).toBe(200);
    expect(applied.body.counts).toMatchObject({ admit: 1, errors: 0 });
    const [{ id }] = await ds.query(`SELECT id FROM prisoner`);

    // Received at the same prison on the arrival day the file gave: already recorded, the same person.
    const received = await send({
      eventId: 'ev-1',
      type: 'RECEIVED',
      occurredAt: '2026-11-02T09:00:00+01:00',
      prisonerNumber: 'osl-1',
      prisonCode: 'OSL',
      unit: 'A1',
      details: { firstName: 'Ola', lastName: 'Nordmann', dateOfBirth: '1990-01-15', legalStatus: 'CONVICTED', nationality: 'NO' },
    }).expect(200);
    expect(received.body).toEqual({ eventId: 'ev-1', status: 'APPLIED', prisonerId: id, alreadyRecorded: true });
    expect(await numbers()).toEqual(['OSL-1']);
    expect(await ds.query(`SELECT prisoner_number FROM custody_event`)).toEqual([{ prisoner_number: 'OSL-1' }]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM custody_period WHERE prisoner_id = $1`, [id])).toEqual([{ n: 1 }]);

    // The next file writes the number in lower case (and with spaces): the same prisoner, nobody missing.
    const again = await admin
      .post(`/prisons/${prison.id}/population-import/dry-run`)
      .send({ format: 'CSV', content: file(' osl-1 ') })
      .expect(200);
    expect(again.body.counts).toMatchObject({ admit: 0, unchanged: 1, missing: 0, errors: 0 });
    expect(again.body.rows).toEqual([{ line: 2, prisonerNumber: 'OSL-1', action: 'UNCHANGED', changes: [] }]);
    expect(again.body.missing).toEqual([]);

    // A release confirmed in lower case is the stored prisoner's.
    const other = `${HEADER}\r\nOSL-2;Kari;Nordmann;1990-01-15;CONVICTED;NO;;;A1;2026-11-02\r\n`;
    const released = await admin
      .post(`/prisons/${prison.id}/population-import/apply`)
      .send({ format: 'CSV', content: other, confirmReleases: ['osl-1'], releaseDate: '2026-11-20' })
      .expect(200);
    expect(released.body.counts).toMatchObject({ admit: 1, release: 1 });
    expect(await ds.query(`SELECT to_char(to_date, 'YYYY-MM-DD') AS to FROM custody_period WHERE prisoner_id = $1`, [id])).toEqual([
      { to: '2026-11-20' },
    ]);
    expect(await numbers()).toEqual(['OSL-1', 'OSL-2']);
  });

  it('the API stores a lower-case number in upper case, and refuses the same number again in any case', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds, { code: 'OSL' }, { name: 'A1' });
    const body = (prisonerNumber: string) => ({
      prisonerNumber,
      firstName: 'Ali',
      lastName: 'Hansen',
      dateOfBirth: '1999-05-01',
      legalStatus: 'REMAND',
      nationality: 'NO',
      admission: { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-20' },
    });
    const made = await admin.post('/prisoners').send(body(' osl-2026-7 ')).expect(201);
    expect(made.body.prisonerNumber).toBe('OSL-2026-7');
    expect(await numbers()).toEqual(['OSL-2026-7']);
    const again = await admin.post('/prisoners').send(body('Osl-2026-7')).expect(409);
    expect(again.body.message).toBe('Prisoner number OSL-2026-7 is already in use');
    // A custody event in lower case finds the prisoner the API made.
    const event = await send({ eventId: 'ev-2', type: 'RELEASED', occurredAt: '2026-11-21T09:00:00+01:00', prisonerNumber: 'osl-2026-7' });
    expect(event.status).toBe(200);
    expect(event.body.prisonerId).toBe(made.body.id);
    expect(await numbers()).toEqual(['OSL-2026-7']);
  });

  it('the database refuses a number that is not trimmed and upper case, whoever writes it', async () => {
    await expect(
      ds.query(
        `INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality) VALUES ('osl-9', 'A', 'B', '1990-01-01', 'CONVICTED', 'NO')`,
      ),
    ).rejects.toThrow(/prisoner_number_normalised/);
  });
});
