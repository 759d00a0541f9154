import { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

// A prisoner's page (/app/prisoners/:id): recording unavailability with values the form's own rules refuse.
describe('prisoner page, unavailability refused by the form’s rules', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(ds);
  });

  it('says at the field what is wrong: a date out of range, a note too long', async () => {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const officer = await signIn(t, [Role.OFFICER], [prison.id]);
    const post = (form: Record<string, string>, lang = 'nb') =>
      officer
        .post(`/app/prisoners/${prisoner.id}/unavailability?lang=${lang}`)
        .type('form')
        .send({ kind: 'COURT', ...form })
        .expect(400);

    // A year typed wrong (2126 for 2026): the first day's field says so, and the summary at the top links to it.
    const year = await post({ fromDate: '2126-12-20' });
    expect(year.text).toContain('<p id="fromDate-error" class="field-error">Skriv en gyldig dato mellom 01.01.2000 og 31.12.2100.</p>');
    expect(year.text).toMatch(/<a href="#fromDate">[^<]*Skriv en gyldig dato/);
    const english = await post({ fromDate: '2126-12-20' }, 'en');
    expect(english.text).toContain('<p id="fromDate-error" class="field-error">Enter a valid date between 01.01.2000 and 31.12.2100.</p>');

    // A note over 1000 characters is not "write a note for Other".
    const long = await post({ fromDate: '2026-12-20', note: 'x'.repeat(1001) });
    expect(long.text).toContain('<p id="note-error" class="field-error">Merknaden kan ha høyst 1000 tegn.</p>');
    expect(long.text).not.toContain('Skriv en merknad når det gjelder «Annet».</p>');
    expect(await countRows(ds, ['unavailability'])).toEqual({ unavailability: 0 });
  });
});
