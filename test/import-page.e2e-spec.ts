import { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, signInAdmin } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The import page: upload → dry run as a table (after a redirect) → confirm (after a redirect). Bearer-signed
// requests (no CSRF token needed); the cookie flow is the same guard as every other page.
const FILE = (unit: string) =>
  'prisonerNumber;firstName;lastName;dateOfBirth;legalStatus;nationality;educationLevel;educationRight;unit;arrivalDate\r\n' +
  `W-0001;Ola;Nordmann;1990-01-15;CONVICTED;NO;;;${unit};2026-11-16\r\n` +
  `W-0002;Kari;Hansen;1991-02-16;REMAND;NO;;;${unit};2026-11-02\r\n`;

describe('population import page (/app/import)', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(ds));

  it('shows the dry run as a table before anything is saved, then applies with the ticked release (post/redirect/get)', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Testvik fengsel' }, { name: 'Avdeling A' });
    const gone = await createHeldPrisoner(
      ds,
      { prisonId: prison.id, unitId: unit.id, fromDate: '2026-10-01' },
      { prisonerNumber: 'W-0009' },
    );
    const admin = await signInAdmin(t);
    expect((await admin.get('/app/import').expect(200)).text).toContain('Import av fangebefolkning');

    const upload = await admin
      .post('/app/import')
      .type('form')
      .send({ prisonId: prison.id, format: 'CSV', content: FILE('avdeling a') })
      .expect(303);
    const page = upload.headers.location as string;
    expect(page).toMatch(/^\/app\/import\/[0-9a-f-]{36}$/);
    const dry = (await admin.get(page).expect(200)).text;
    expect(dry).toContain('Prøvekjøring for Testvik fengsel');
    expect(dry).toContain('Tas inn 2, overføres hit 0, flyttes 0, løslates 0, endres 0, uendret 0, mangler i fila 1, feil 0.');
    expect(dry).toContain('<td>W-0001</td><td>Tas inn</td>');
    expect(dry).toContain('name="release.W-0009"');
    expect(await ds.query(`SELECT count(*)::int AS n FROM prisoner`)).toEqual([{ n: 1 }]);

    const applied = await admin.post(`${page}/apply`).type('form').send({ 'release.W-0009': 'on', releaseDate: '2026-11-20' }).expect(303);
    expect(applied.headers.location).toBe(`${page}?applied=1&admit=2&transfer=0&move=0&release=1&update=0&unchanged=0`);
    const after = (await admin.get(applied.headers.location).expect(200)).text;
    expect(after).toContain('Lagret: tatt inn 2, overført hit 0, flyttet 0, løslatt 1, endret 0, uendret 0.');
    // The page after the apply shows the file against what is now stored: nothing left to do.
    expect(after).toContain('Tas inn 0, overføres hit 0, flyttes 0, løslates 0, endres 0, uendret 2, mangler i fila 0, feil 0.');
    const periods = await admin.get(`/prisoners/${gone.id}/custody-periods`).expect(200);
    expect(periods.body[0]).toMatchObject({ toDate: '2026-11-20', endReason: 'RELEASED' });
  });

  it('a file with errors lists them and cannot be applied; another user cannot open the upload', async () => {
    const { prison } = await createPrisonWithUnit(ds, {}, { name: 'Avdeling A' });
    const manager = await signIn(t, [Role.MANAGER], [prison.id]);
    const upload = await manager
      .post('/app/import')
      .type('form')
      .send({ prisonId: prison.id, format: 'CSV', content: FILE('Nowhere') })
      .expect(303);
    const page = upload.headers.location as string;
    const text = (await manager.get(page).expect(200)).text;
    expect(text).toContain('<code>UNKNOWN_UNIT</code>');
    expect(text).toMatch(/<button type="submit" disabled>/);
    await manager.post(`${page}/apply`).type('form').send({}).expect(303);
    expect(await ds.query(`SELECT count(*)::int AS n FROM prisoner`)).toEqual([{ n: 0 }]);
    const other = await signIn(t, [Role.MANAGER], [prison.id]);
    await other.get(page).expect(404);
  });
});
