import { ActivityKind } from '../../src/activities/activity.enums';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { CustodyEndReason, EducationRight, LegalStatus } from '../../src/prisoners/prisoner.enums';
import { Employer, StaffRole } from '../../src/staff/staff.enums';
import { DemoData, generateDemoData, offerCoverage } from './generate-demo-data';
import { PRISONS } from './prisons';
import { Random } from './random';

const TODAY = '2026-11-23';

const heldOn = (d: DemoData, date: string) => d.custodyPeriods.filter((c) => c.fromDate <= date && (c.toDate === null || c.toDate > date));

describe('Random', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (() => {
          const r = new Random(seed);
          return () => r.uint32();
        })(),
      );
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('makes v4-shaped UUIDs', () => {
    const r = new Random(7);
    for (let i = 0; i < 100; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps int within bounds and weighted picks by weight', () => {
    const r = new Random(3);
    const counts = { a: 0, b: 0 };
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      ints.add(r.int(2, 4));
      counts[
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const)
      ]++;
    }
    expect([...ints].sort()).toEqual([2, 3, 4]);
    expect(counts.a / 10_000).toBeCloseTo(0.75, 1);
  });
});

describe('PRISONS', () => {
  it('has units that add up to each prison', () => {
    for (const p of PRISONS) expect([p.name, p.units.reduce((s, u) => s + u.capacity, 0)]).toEqual([p.name, p.capacity]);
  });
});

describe('generateDemoData', () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemoData({ today: TODAY });
  });

  describe('determinism', () => {
    it('gives identical data for the same seed', () => {
      // Compared as JSON: the same rows in the same order, ids included (and much faster than toEqual).
      expect(JSON.stringify(generateDemoData({ today: TODAY }))).toBe(JSON.stringify(data));
    });

    it('gives other data for another seed', () => {
      const other = generateDemoData({ seed: 42, today: TODAY });
      expect(other.prisons.map((p) => p.name)).toEqual(data.prisons.map((p) => p.name));
      expect(other.prisons[0].id).not.toBe(data.prisons[0].id);
      expect(other.prisoners.slice(0, 20)).not.toEqual(data.prisoners.slice(0, 20));
    });

    it('defaults today to 2026-11-23 and rejects a bad date', () => {
      expect(data.today).toBe(TODAY);
      expect(() => generateDemoData({ today: '23.11.2026' })).toThrow(RangeError);
    });
  });

  describe('totals', () => {
    it('has the 5 regions and 45 prisons with about 4,000 places', () => {
      expect(data.regions.map((r) => r.name).sort()).toEqual(['Region nord', 'Region sør', 'Region sørvest', 'Region vest', 'Region øst']);
      expect(data.prisons).toHaveLength(45);
      const places = data.prisons.reduce((s, p) => s + p.capacity, 0);
      expect(places).toBeGreaterThanOrEqual(3900);
      expect(places).toBeLessThanOrEqual(4100);
      const byName = new Map(data.prisons.map((p) => [p.name, p]));
      expect(byName.get('Oslo fengsel')?.capacity).toBe(392);
      expect(byName.get('Sandefjord fengsel')?.capacity).toBe(13);
      expect(Math.max(...data.prisons.map((p) => p.capacity))).toBe(392);
      expect(Math.min(...data.prisons.map((p) => p.capacity))).toBe(13);
      for (const region of data.regions) expect(data.prisons.some((p) => p.regionId === region.id)).toBe(true);
    });

    it('holds about 3,800 prisoners today: 1/3 foreign, 1/4 remand, ~60% with a right to education', () => {
      const held = heldOn(data, TODAY);
      expect(held.length).toBeGreaterThanOrEqual(3600);
      expect(held.length).toBeLessThanOrEqual(3950);
      const ids = new Set(held.map((c) => c.prisonerId));
      expect(ids.size).toBe(held.length);
      const people = data.prisoners.filter((p) => ids.has(p.id));
      const share = (f: (p: (typeof people)[number]) => boolean) => people.filter(f).length / people.length;
      const foreign = share((p) => p.nationality !== 'NO');
      expect(foreign).toBeGreaterThanOrEqual(0.28);
      expect(foreign).toBeLessThanOrEqual(0.38);
      const remand = share((p) => p.legalStatus === LegalStatus.REMAND);
      expect(remand).toBeGreaterThanOrEqual(0.2);
      expect(remand).toBeLessThanOrEqual(0.3);
      const right = share((p) => p.educationRight !== EducationRight.NONE);
      expect(right).toBeGreaterThanOrEqual(0.5);
      expect(right).toBeLessThanOrEqual(0.7);
      expect(data.prisoners.filter((p) => !/^[A-Z]{2}$/.test(p.nationality))).toEqual([]);
    });

    it('has about 276 county teachers, a manager in every prison and national administrators', () => {
      const teachers = data.staffMembers.filter((s) => s.roles.includes(StaffRole.TEACHER));
      expect(teachers.length).toBeGreaterThanOrEqual(260);
      expect(teachers.length).toBeLessThanOrEqual(290);
      for (const t of teachers) {
        expect(t.employer).toBe(Employer.COUNTY_AUTHORITY);
        expect(t.employerName).toMatch(/(fylkeskommune|Oslo kommune)$/);
      }
      for (const prison of data.prisons) {
        const managers = data.staffMembers.filter((s) => s.roles.includes(StaffRole.PRISON_MANAGER) && s.prisonIds.includes(prison.id));
        expect([prison.name, managers.length]).toEqual([prison.name, 1]);
      }
      const admins = data.staffMembers.filter((s) => s.roles.includes(StaffRole.NATIONAL_ADMINISTRATOR));
      expect(admins.length).toBeGreaterThan(0);
      for (const a of admins) expect(a.prisonIds).toEqual([]);
    });

    it('gives every activity a slot, on a weekday, run by staff of the right role at that prison', () => {
      const staff = new Map(data.staffMembers.map((s) => [s.id, s]));
      const roleFor = {
        [ActivityKind.WORK]: StaffRole.WORK_PROGRAMME_OFFICER,
        [ActivityKind.EDUCATION]: StaffRole.TEACHER,
        [ActivityKind.PROGRAMME]: StaffRole.PROGRAMME_FACILITATOR,
      };
      const activities = new Map(data.activities.map((a) => [a.id, a]));
      const slotted = new Set(data.activitySlots.map((s) => s.activityId));
      expect(data.activities.filter((a) => !slotted.has(a.id))).toEqual([]);
      const cells = new Set<string>();
      const staffCells = new Set<string>();
      const problems: string[] = [];
      for (const slot of data.activitySlots) {
        if (!(slot.weekday >= 1 && slot.weekday <= 5)) problems.push(`${slot.id}: weekday ${slot.weekday}`);
        const cell = `${slot.activityId}/${slot.weekday}/${slot.period}`;
        if (cells.has(cell)) problems.push(`${cell}: twice`);
        cells.add(cell);
        const activity = activities.get(slot.activityId);
        const member = slot.staffMemberId ? staff.get(slot.staffMemberId) : undefined;
        if (!activity || !member) {
          problems.push(`${slot.id}: no activity or staff`);
          continue;
        }
        if (!member.roles.includes(roleFor[activity.kind])) problems.push(`${slot.id}: ${member.roles.join()} runs ${activity.kind}`);
        if (!member.prisonIds.includes(activity.prisonId)) problems.push(`${slot.id}: staff of another prison`);
        // Nobody is in two places at once.
        const busy = `${member.id}/${slot.weekday}/${slot.period}`;
        if (staffCells.has(busy)) problems.push(`${busy}: double-booked`);
        staffCells.add(busy);
      }
      expect(problems).toEqual([]);
    });

    it('offers workshops, school and programmes by the rules of the domain', () => {
      const prisons = new Map(data.prisons.map((p) => [p.id, p]));
      for (const a of data.activities) {
        const prison = prisons.get(a.prisonId);
        expect(prison).toBeDefined();
        expect(a.securityLevels.length).toBeGreaterThan(0);
        if (a.kind === ActivityKind.WORK) expect(a.provider).toBe(Employer.CORRECTIONAL_SERVICE);
        if (a.kind === ActivityKind.EDUCATION) {
          expect(a.provider).toBe(Employer.COUNTY_AUTHORITY);
          expect(a.category).toBe('SCHOOL');
          expect(a.providerName).toBe(prison?.countyAuthority);
        }
        if (a.kind === ActivityKind.PROGRAMME) {
          expect(a.requiresReferral).toBe(true);
          expect(a.capacity).toBeGreaterThanOrEqual(5);
          expect(a.capacity).toBeLessThanOrEqual(8);
        }
        if (a.category === 'OUTDOOR' || a.category === 'FARMING') expect(a.securityLevels).toEqual([SecurityLevel.LOW]);
        if (a.category === 'VINN') expect(prison?.holdsWomen).toBe(true);
      }
      expect(data.activities.some((a) => a.category === 'FARMING' && prisons.get(a.prisonId)?.name === 'Bastøy fengsel')).toBe(true);
      expect(data.activities.some((a) => a.maxAge === 24)).toBe(true);
      const work = data.activities.filter((a) => a.kind === ActivityKind.WORK);
      const places = new Map<string, number>();
      for (const a of work) places.set(a.category, (places.get(a.category) ?? 0) + a.capacity);
      const largest = [...places.entries()].sort((a, b) => b[1] - a[1])[0][0];
      expect(largest).toBe('WOOD');
    });
  });

  describe('invariants', () => {
    it('has unique ids and prisoner numbers', () => {
      const all = [
        ...data.regions,
        ...data.prisons,
        ...data.units,
        ...data.prisoners,
        ...data.custodyPeriods,
        ...data.staffMembers,
        ...data.activities,
        ...data.activitySlots,
      ].map((r) => r.id);
      expect(new Set(all).size).toBe(all.length);
      const numbers = data.prisoners.map((p) => p.prisonerNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('never overlaps custody periods and transfers on the day the next period starts', () => {
      const byPrisoner = new Map<string, typeof data.custodyPeriods>();
      for (const c of data.custodyPeriods) byPrisoner.set(c.prisonerId, [...(byPrisoner.get(c.prisonerId) ?? []), c]);
      expect(byPrisoner.size).toBe(data.prisoners.length);
      let transfers = 0;
      const problems: string[] = [];
      for (const periods of byPrisoner.values()) {
        periods.sort((a, b) => a.fromDate.localeCompare(b.fromDate));
        periods.forEach((c, i) => {
          const next = periods[i + 1];
          if ((c.toDate === null) !== (c.endReason === null)) problems.push(`${c.id}: end date without reason or reverse`);
          if (c.toDate !== null && c.toDate <= c.fromDate) problems.push(`${c.id}: ends before it starts`);
          if (c.fromDate > TODAY) problems.push(`${c.id}: in the future`);
          if (next && (c.toDate === null || c.toDate > next.fromDate)) problems.push(`${c.id}: overlaps ${next.id}`);
          if (c.endReason === CustodyEndReason.TRANSFERRED) {
            transfers++;
            if (next?.fromDate !== c.toDate || next?.prisonId === c.prisonId)
              problems.push(`${c.id}: transfer not followed at another prison`);
          }
          if (c.endReason === CustodyEndReason.RELEASED && next) problems.push(`${c.id}: released, then held again`);
        });
      }
      expect(problems).toEqual([]);
      expect(transfers).toBeGreaterThan(100);
      expect(data.custodyPeriods.filter((c) => c.endReason === CustodyEndReason.RELEASED).length).toBeGreaterThan(100);
    });

    it('places every custody period in a unit of its prison', () => {
      const unitPrison = new Map(data.units.map((u) => [u.id, u.prisonId]));
      expect(data.custodyPeriods.filter((c) => unitPrison.get(c.unitId) !== c.prisonId)).toEqual([]);
    });

    it('never holds more prisoners than places, in any unit, on any day of the history', () => {
      const capacity = new Map(data.units.map((u) => [u.id, u.capacity]));
      const delta = new Map<string, Map<string, number>>();
      const bump = (unit: string, date: string, by: number) => {
        const m = delta.get(unit) ?? new Map<string, number>();
        m.set(date, (m.get(date) ?? 0) + by);
        delta.set(unit, m);
      };
      for (const c of data.custodyPeriods) {
        bump(c.unitId, c.fromDate, 1);
        if (c.toDate) bump(c.unitId, c.toDate, -1);
      }
      const over: string[] = [];
      for (const [unit, changes] of delta) {
        let held = 0;
        for (const [date, by] of [...changes.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
          held += by;
          if (held > (capacity.get(unit) as number)) over.push(`${unit} on ${date}: ${held}`);
        }
      }
      expect(over).toEqual([]);
      const today = new Map<string, number>();
      for (const c of heldOn(data, TODAY)) today.set(c.prisonId, (today.get(c.prisonId) ?? 0) + 1);
      for (const p of data.prisons) {
        const n = today.get(p.id) ?? 0;
        expect(n).toBeLessThanOrEqual(p.capacity);
        expect(n).toBeGreaterThanOrEqual(Math.floor(p.capacity * 0.8));
      }
    });

    it('makes every prisoner an adult on arrival', () => {
      const first = new Map<string, string>();
      for (const c of data.custodyPeriods)
        if (!first.has(c.prisonerId) || c.fromDate < (first.get(c.prisonerId) as string)) first.set(c.prisonerId, c.fromDate);
      const minors = data.prisoners.filter(
        (p) => `${Number(p.dateOfBirth.slice(0, 4)) + 18}${p.dateOfBirth.slice(4)}` > (first.get(p.id) as string),
      );
      expect(minors).toEqual([]);
    });
  });

  describe('offerCoverage', () => {
    it('could cover 78–87% of weekday prisoner-days nationally, and every prison roughly so', () => {
      const { national, prisons } = offerCoverage(data);
      expect(national).toBeGreaterThanOrEqual(0.78);
      expect(national).toBeLessThanOrEqual(0.87);
      expect(prisons).toHaveLength(45);
      for (const p of prisons) {
        expect([p.name, p.coverage > 0.7 && p.coverage < 0.95]).toEqual([p.name, true]);
      }
    });
  });
});
