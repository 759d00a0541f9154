import { DayPeriod } from '../src/activities/activity.enums';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { Role } from '../src/auth/roles';
import { CancellationReason } from '../src/sessions/session.enums';
import { createActivity } from './factories/activity.factory';
import { createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { book, cancelSession, RateActivity } from './factories/rate.factory';
import { signIn } from './support/auth';
import { createTestApp, DEFAULT_TEST_NOW, resetDatabase, TestApp } from './support/test-app';

// The unlock list (/app/unlock): per unit of the prison, who goes where in a half-day and who stays, and why.
// The day's print view filtered to one activity (/app/planner/print?activity=).

const WEDNESDAY = '2026-11-25';

interface UnitOnPage {
  unitId: string;
  name: string;
  going: Array<{ id: string; text: string }>;
  staying: Array<{ id: string; stays: string; text: string }>;
}

const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The page's units as data: each unit's going and staying rows (id, reason and the row's text). */
function unitsOf(page: string): UnitOnPage[] {
  return page
    .split('<section class="unlock-unit" data-unit="')
    .slice(1)
    .map((chunk) => {
      const [going = '', staying = ''] = [
        /<table class="list stack unlock-going"[\s\S]*?<\/table>/.exec(chunk)?.[0],
        /<table class="list stack unlock-staying"[\s\S]*?<\/table>/.exec(chunk)?.[0],
      ];
      const rows = (table: string) => [...table.matchAll(/<tr data-prisoner="([^"]+)"(?: data-stays="([^"]*)")?>([\s\S]*?)<\/tr>/g)];
      return {
        unitId: chunk.slice(0, 36),
        name: text(/<h2 id="unit-[^"]+">([^<]*)</.exec(chunk)?.[1] ?? ''),
        going: rows(going).map((m) => ({ id: m[1], text: text(m[3]) })),
        staying: rows(staying).map((m) => ({ id: m[1], stays: m[2], text: text(m[3]) })),
      };
    });
}

describe('unlock list per unit and half-day (web page)', () => {
  let t: TestApp;
  let s: {
    prisonId: string;
    otherPrisonId: string;
    unitA: string;
    unitB: string;
    otherUnit: string;
    woodwork: RateActivity & { name: string };
    kitchen: RateActivity & { name: string };
    p: Record<string, string>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    await resetDatabase(ds);
    const { prison, unit: a } = await createPrisonWithUnit(ds, {}, { name: 'A-avdeling' });
    const b = await createUnit(ds, prison.id, { name: 'B-avdeling' });
    const other = await createPrisonWithUnit(ds);
    const wood = await createActivity(ds, prison.id, { name: 'Snekkerverksted', location: 'Verkstedbygget' });
    const kitchen = await createActivity(ds, prison.id, { name: 'Kjøkken', location: 'Hovedkjøkkenet' });
    const woodwork = { id: wood.id, prisonId: prison.id, name: wood.name };
    const kitchenA = { id: kitchen.id, prisonId: prison.id, name: kitchen.name };
    const held = (unitId: string, lastName: string, extra: { prisonId?: string; toDate?: string } = {}) =>
      createHeldPrisoner(
        ds,
        { prisonId: extra.prisonId ?? prison.id, unitId, toDate: extra.toDate ?? null },
        { lastName, firstName: 'Ola' },
      ).then((x) => x.id);
    const p = {
      goes: await held(a.id, 'Aas'),
      cancelled: await held(a.id, 'Berg'),
      court: await held(a.id, 'Dahl'),
      nothing: await held(b.id, 'Eide'),
      pmOnly: await held(b.id, 'Fjeld'),
      visit: await held(b.id, 'Gran'),
      released: await held(a.id, 'Holm', { toDate: '2026-11-20' }),
      elsewhere: await held(other.unit.id, 'Iversen', { prisonId: other.prison.id }),
    };
    await book(ds, p.goes, woodwork, WEDNESDAY, DayPeriod.AM);
    const cancelledSession = await book(ds, p.cancelled, kitchenA, WEDNESDAY, DayPeriod.AM);
    await cancelSession(ds, cancelledSession, CancellationReason.STAFF_UNAVAILABLE);
    await book(ds, p.court, woodwork, WEDNESDAY, DayPeriod.PM);
    await createUnavailability(ds, p.court, { kind: UnavailabilityKind.COURT, fromDate: WEDNESDAY, toDate: WEDNESDAY });
    await book(ds, p.pmOnly, woodwork, WEDNESDAY, DayPeriod.PM);
    await book(ds, p.visit, woodwork, WEDNESDAY, DayPeriod.AM);
    await createUnavailability(ds, p.visit, {
      kind: UnavailabilityKind.VISIT,
      fromDate: WEDNESDAY,
      toDate: WEDNESDAY,
      startTime: '09:00',
      endTime: '10:00',
    });
    // An afternoon appointment does not keep anyone in in the morning.
    await createUnavailability(ds, p.nothing, {
      kind: UnavailabilityKind.HEALTH_APPOINTMENT,
      fromDate: WEDNESDAY,
      toDate: WEDNESDAY,
      period: DayPeriod.PM,
    });
    s = {
      prisonId: prison.id,
      otherPrisonId: other.prison.id,
      unitA: a.id,
      unitB: b.id,
      otherUnit: other.unit.id,
      woodwork,
      kitchen: kitchenA,
      p,
    };
  });
  afterAll(() => t?.close());

  it('lists, per unit, who goes where (activity, location, start) and who stays with the reason', async () => {
    const officer = await signIn(t, [Role.OFFICER], [s.prisonId]);
    const res = await officer.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}&period=AM`).expect(200);
    const units = unitsOf(res.text);
    expect(units.map((u) => [u.unitId, u.name])).toEqual([
      [s.unitA, expect.stringContaining('A-avdeling')],
      [s.unitB, expect.stringContaining('B-avdeling')],
    ]);
    const [a, b] = units;
    expect(a.going.map((r) => r.id)).toEqual([s.p.goes]);
    expect(a.going[0].text).toMatch(/^Aas, Ola T-\d{6} Snekkerverksted Verkstedbygget 08:00$/);
    expect(a.staying.map((r) => [r.id, r.stays])).toEqual([
      [s.p.cancelled, 'CANCELLED'],
      [s.p.court, 'UNAVAILABLE'],
    ]);
    expect(a.staying[0].text).toContain('Avlyst: Kjøkken (Ansatt ikke tilgjengelig)');
    expect(a.staying[1].text).toContain('Utilgjengelig: Retten');
    // The visit in the middle of the morning is shown next to the workshop they go to.
    expect(b.going.map((r) => r.id)).toEqual([s.p.visit]);
    expect(b.going[0].text).toMatch(/^Gran, Ola Merk: Besøk 09:00–10:00 T-\d{6} Snekkerverksted Verkstedbygget 08:00$/);
    expect(b.staying.map((r) => [r.id, r.stays])).toEqual([
      [s.p.nothing, 'NOTHING'],
      [s.p.pmOnly, 'NOTHING'],
    ]);
    // Released before the day, or held elsewhere: not on the list.
    expect(res.text).not.toContain(s.p.released);
    expect(res.text).not.toContain(s.p.elsewhere);
    expect(res.text).toMatch(/data-held="6" data-going="2" data-staying="4"/);
    expect(res.text).toContain('6 innsatte: 2 skal ut, 4 blir på avdelingen.');
  });

  it('shows the afternoon on request, and one unit alone (for printing it)', async () => {
    const officer = await signIn(t, [Role.OFFICER], [s.prisonId]);
    const pm = unitsOf((await officer.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}&period=PM`).expect(200)).text);
    expect(pm.map((u) => u.going.map((r) => r.id))).toEqual([[], [s.p.pmOnly]]);
    // In court all day: kept in although booked on the workshop, and the list says so.
    expect(pm[0].staying.find((r) => r.id === s.p.court)?.stays).toBe('UNAVAILABLE');
    expect(pm[0].staying.find((r) => r.id === s.p.court)?.text).toContain('Utilgjengelig: Retten (påmeldt Snekkerverksted)');
    expect(pm[1].staying.find((r) => r.id === s.p.nothing)).toEqual(expect.objectContaining({ stays: 'UNAVAILABLE' }));
    expect(pm[1].staying.find((r) => r.id === s.p.nothing)?.text).toContain('Helsetime');

    const onlyB = await officer.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}&period=AM&unit=${s.unitB}&lang=en`).expect(200);
    expect(unitsOf(onlyB.text).map((u) => u.unitId)).toEqual([s.unitB]);
    expect(onlyB.text).toContain('Staying on the unit');
    expect(onlyB.text).toContain('No activity');
    expect(onlyB.text).not.toContain('Blir på avdelingen');
    // Another prison's unit (or one with nobody held that day) shows nobody, and says so.
    const foreign = await officer.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}&unit=${s.otherUnit}`).expect(200);
    expect(unitsOf(foreign.text)).toEqual([]);
    expect(foreign.text).toContain('Ingen innsatte på denne avdelingen denne dagen.');
  });

  it('is for officers, managers and administrators of the prison; others see nothing of it', async () => {
    const teacher = await signIn(t, [Role.TEACHER], [s.prisonId]);
    await teacher.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}`).expect(403);
    const stranger = await signIn(t, [Role.OFFICER], [s.otherPrisonId]);
    const denied = await stranger.get(`/app/unlock?prisonId=${s.prisonId}&date=${WEDNESDAY}`).expect(404);
    expect(denied.text).not.toContain(s.p.goes);
    // Without a prison in the query: the user's own prison, with only its own prisoner.
    const own = await stranger.get(`/app/unlock?date=${WEDNESDAY}&period=AM`).expect(200);
    expect(own.text).not.toContain(s.p.goes);
    expect(unitsOf(own.text).flatMap((u) => u.going.concat(u.staying).map((r) => r.id))).toEqual([s.p.elsewhere]);
    await (await signIn(t, [Role.OFFICER], [s.prisonId])).get(`/app/unlock?prisonId=${s.prisonId}&date=2026-02-30`).expect(400);
  });

  it('without a date or half-day it opens on the next half-day not over: this morning, this afternoon, then the next weekday morning', async () => {
    const officer = await signIn(t, [Role.OFFICER], [s.prisonId]);
    // The prison's day regime: the afternoon ends at 15:30 (prison defaults, migrations).
    const [{ pmEnd }] = await t.dataSource.query<Array<{ pmEnd: string }>>(
      `SELECT to_char(pm_end, 'HH24:MI') AS "pmEnd" FROM prison WHERE id = $1`,
      [s.prisonId],
    );
    const opened = async (now: string) => {
      t.clock.set(now);
      const page = (await officer.get(`/app/unlock?prisonId=${s.prisonId}`).expect(200)).text;
      return [/name="date" value="([^"]+)"/.exec(page)?.[1], /name="period" value="([^"]+)"/.exec(page)?.[1]];
    };
    try {
      expect(await opened('2026-11-25T09:00:00')).toEqual([WEDNESDAY, 'AM']);
      expect(await opened('2026-11-25T13:00:00')).toEqual([WEDNESDAY, 'PM']);
      // Once the afternoon is over: the next counted day's morning (a Friday evening: Monday's).
      const afterPm = `${String(Number(pmEnd.slice(0, 2)) + 1).padStart(2, '0')}:00:00`;
      expect(await opened(`2026-11-24T${afterPm}`)).toEqual([WEDNESDAY, 'AM']);
      expect(await opened('2026-11-24T23:30:00')).toEqual([WEDNESDAY, 'AM']);
      expect(await opened('2026-11-27T23:30:00')).toEqual(['2026-11-30', 'AM']);
      expect(await opened('2026-11-28T10:00:00')).toEqual(['2026-11-30', 'AM']);
    } finally {
      t.clock.set(DEFAULT_TEST_NOW);
    }
  });

  it('prints one activity of the day, or the whole day', async () => {
    const officer = await signIn(t, [Role.OFFICER], [s.prisonId]);
    const all = await officer.get(`/app/planner/print?prisonId=${s.prisonId}&date=${WEDNESDAY}`).expect(200);
    const rosters = (page: string) => [...page.matchAll(/<section class="print-roster" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(rosters(all.text).sort()).toEqual(['Kjøkken Formiddag', 'Snekkerverksted Ettermiddag', 'Snekkerverksted Formiddag']);
    const one = await officer.get(`/app/planner/print?prisonId=${s.prisonId}&date=${WEDNESDAY}&activity=${s.kitchen.id}`).expect(200);
    expect(rosters(one.text)).toEqual(['Kjøkken Formiddag']);
    expect(one.text).toContain('<title>Kjøkken – Deltakerlister 25.11.2026');
    expect(one.text).toMatch(/data-count="1"/);
    // An activity the day does not have prints nothing rather than the whole day.
    const unknown = await officer.get(
      `/app/planner/print?prisonId=${s.prisonId}&date=${WEDNESDAY}&activity=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(200);
    expect(rosters(unknown.text)).toEqual([]);
    expect(unknown.text).toContain('Ingen økter denne dagen.');
  });
});
