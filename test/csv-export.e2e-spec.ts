import request from 'supertest';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { bookPrisoner, createClass, createClassSession, ClassSession } from './factories/teaching.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';
import { parseCsv, rawBody } from './support/csv';

const FORMULA = /^[=+\-@\t\r]/;
const textOf = (res: request.Response) => (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');

// Our files are `;`-separated, but a reader set to `,` (LibreOffice's default, most scripts) splits a cell at its
// comma: `Nordmann,=1+1` must not become a cell of its own that starts a formula.
describe('CSV exports against CSV injection through either delimiter', () => {
  let t: TestApp;
  let officer: SignedIn;
  let prisonId: string;
  let session: ClassSession;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    const { prison, unit } = await createPrisonWithUnit(t.dataSource);
    prisonId = prison.id;
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const subject = await createClass(t.dataSource, prison.id, { name: 'Norsk' });
    session = await createClassSession(t.dataSource, subject, { date: '2026-11-23', staffMemberId: officer.staffMemberId });
    const p = await createHeldPrisoner(
      t.dataSource,
      { prisonId: prison.id, unitId: unit.id },
      { lastName: 'Nordmann,=1+1', firstName: 'Ola;@SUM(A1)' },
    );
    await bookPrisoner(t.dataSource, p.id, [session]);
  });
  afterAll(() => t.close());

  function noFormulaCells(csv: string): void {
    for (const delimiter of [';', ','] as const) {
      const starts = parseCsv(csv, delimiter)
        .flat()
        .filter((cell) => FORMULA.test(cell));
      expect({ delimiter, starts }).toEqual({ delimiter, starts: [] });
    }
  }

  it('GET /sessions/:id/roster.csv: a last name `Nordmann,=1+1` is one cell for a `;` reader and no formula for a `,` reader', async () => {
    const res = await officer.get(`/sessions/${session.id}/roster.csv`).buffer(true).parse(rawBody).expect(200);
    const csv = textOf(res);
    // Quoted (either delimiter), and the formula after the comma guarded as if it started a cell.
    expect(csv).toContain(`;"Nordmann,'=1+1";"Ola;'@SUM(A1)";`);
    expect(parseCsv(csv, ';')[1].slice(1, 3)).toEqual([`Nordmann,'=1+1`, `Ola;'@SUM(A1)`]);
    noFormulaCells(csv);
  });

  it('GET /prisons/:id/weeks/:week/plan.csv: the same for the prisoner cell', async () => {
    const res = await officer.get(`/prisons/${prisonId}/weeks/2026-W48/plan.csv`).buffer(true).parse(rawBody).expect(200);
    const csv = textOf(res);
    expect(csv).toContain(`Nordmann,'=1+1`);
    noFormulaCells(csv);
  });
});
