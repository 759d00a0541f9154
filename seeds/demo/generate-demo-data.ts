import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { isValidIsoDate } from '../../src/calendar/domain/oslo-time';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { CustodyEndReason, EducationLevel, EducationRight, LegalStatus } from '../../src/prisoners/prisoner.enums';
import { Employer, StaffRole } from '../../src/staff/staff.enums';
import { FOREIGN_NATIONALITIES, NAMES, NORWEGIAN_BACKGROUNDS } from './names';
import { PRISONS, PrisonSeed, REGIONS, slugify, UnitSeed } from './prisons';
import { Random } from './random';

// The national demo data: plain rows (entity property names) with client-side UUIDs, so that
// the same seed always gives the same data, ids included. Pure: no database, no clock.

export const DEFAULT_DEMO_SEED = 20_261_123;
export const DEFAULT_DEMO_TODAY = '2026-11-23';

export interface DemoOptions {
  seed?: number;
  /** The "today" the data is built around, yyyy-MM-dd. */
  today?: string;
}

export interface DemoRegion {
  id: string;
  code: string;
  name: string;
}

export interface DemoPrison {
  id: string;
  code: string;
  name: string;
  regionId: string;
  securityLevel: SecurityLevel;
  capacity: number;
  timeZone: string;
  amStart: string;
  amEnd: string;
  pmStart: string;
  pmEnd: string;
  // Not columns: context for tests and other seeders.
  countyAuthority: string;
  halfwayHouse: boolean;
  holdsWomen: boolean;
  foreignNationalsOnly: boolean;
}

export interface DemoUnit {
  id: string;
  prisonId: string;
  name: string;
  securityLevel: SecurityLevel;
  capacity: number;
  /** Not a column: a women's unit. */
  women: boolean;
}

export interface DemoPrisoner {
  id: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  legalStatus: LegalStatus;
  nationality: string;
  educationLevel: EducationLevel;
  educationRight: EducationRight;
}

export interface DemoCustodyPeriod {
  id: string;
  prisonerId: string;
  prisonId: string;
  unitId: string;
  fromDate: string;
  toDate: string | null;
  endReason: CustodyEndReason | null;
}

export interface DemoStaffMember {
  id: string;
  firstName: string;
  lastName: string;
  roles: StaffRole[];
  employer: Employer;
  employerName: string | null;
  email: string | null;
  /** Rows of the staff_member_prison join table. Empty for national administrators. */
  prisonIds: string[];
}

export interface DemoActivity {
  id: string;
  prisonId: string;
  kind: ActivityKind;
  category: string;
  name: string;
  description: string;
  location: string;
  capacity: number;
  provider: Employer;
  providerName: string | null;
  securityLevels: SecurityLevel[];
  minAge: number | null;
  maxAge: number | null;
  requiresReferral: boolean;
  runsOnPublicHolidays: boolean;
  startDate: string;
  endDate: string | null;
}

export interface DemoActivitySlot {
  id: string;
  activityId: string;
  weekday: number;
  period: DayPeriod;
  startTime: string | null;
  endTime: string | null;
  staffMemberId: string | null;
}

export interface DemoData {
  seed: number;
  today: string;
  regions: DemoRegion[];
  prisons: DemoPrison[];
  units: DemoUnit[];
  prisoners: DemoPrisoner[];
  custodyPeriods: DemoCustodyPeriod[];
  staffMembers: DemoStaffMember[];
  activities: DemoActivity[];
  activitySlots: DemoActivitySlot[];
}

// ─── Calendar dates as day numbers (days since 1970-01-01); calendar dates have no time zone ───

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

function dayOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

function yearsBefore(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY;
}

/** Whole years from `birth` to `on` (both day numbers). */
function ageOnDay(birth: number, on: number): number {
  const b = new Date(birth * MS_PER_DAY);
  const d = new Date(on * MS_PER_DAY);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ─── Tuning (documented so the realism targets of DOMAIN.md can be traced) ───

/** Share of places held by remand prisoners nationally (~25%), all in high-security units. */
const REMAND_SHARE = 0.25;
/** The custody history is simulated over two years; closed periods are kept for the last twelve months. */
const SIMULATED_DAYS = 730;
const HISTORY_DAYS = 365;
/** Chance that an arrival is a transfer from another prison, by the receiving place. */
const TRANSFER_IN = { halfwayHouse: 0.9, low: 0.55, highConvicted: 0.4 };
/** Chance of being a foreign national, by the place the prisoner is in last (≈ 1/3 overall with Kongsvinger). */
const FOREIGN_SHARE = { remand: 0.42, high: 0.33, low: 0.2, halfwayHouse: 0.06 };
/** Of the (weekly) offer target, the share meant for school (the rest is work after programmes). */
const SCHOOL_SHARE = 0.33;
/** The national number of imported county teachers ("Corrections in Norway in numbers"). */
const TEACHERS = 276;

interface Place {
  prisonIndex: number;
  seed: PrisonSeed;
  unit: DemoUnit;
  unitSeed: UnitSeed;
  remand: boolean;
}

interface Stay {
  index: number;
  place: Place;
  from: number;
  to: number | null;
  prev: Stay | null;
  next: Stay | null;
}

/** Stay length in days at a place: log-normal, by kind of place (remand short, forvaring long). */
function stayLength(rng: Random, place: Place): number {
  const { seed, unitSeed, remand } = place;
  if (remand) return Math.round(clamp(rng.logNormal(40, 0.9), 2, 400));
  if (seed.halfwayHouse) return Math.round(clamp(rng.logNormal(90, 0.5), 21, 365));
  if (unitSeed.name.startsWith('Forvaring')) return Math.round(clamp(rng.logNormal(700, 0.6), 90, 2500));
  if (seed.farming) return Math.round(clamp(rng.logNormal(200, 0.6), 30, 900));
  if (unitSeed.securityLevel === SecurityLevel.LOW) return Math.round(clamp(rng.logNormal(120, 0.8), 14, 900));
  return Math.round(clamp(rng.logNormal(140, 0.85), 14, 1500));
}

/** The mean of stayLength for a place (median · e^(σ²/2), ignoring the clamps). */
function meanStayLength(place: Place): number {
  const { seed, unitSeed, remand } = place;
  const ln = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);
  if (remand) return ln(40, 0.9);
  if (seed.halfwayHouse) return ln(90, 0.5);
  if (unitSeed.name.startsWith('Forvaring')) return ln(700, 0.6);
  if (seed.farming) return ln(200, 0.6);
  if (unitSeed.securityLevel === SecurityLevel.LOW) return ln(120, 0.8);
  return ln(140, 0.85);
}

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const today = options.today ?? DEFAULT_DEMO_TODAY;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (!isValidIsoDate(today)) throw new RangeError(`today must be an ISO date (yyyy-MM-dd): ${today}`);
  const root = new Random(seed);
  const todayDay = dayOf(today);

  // ── Organisation ──
  const ids = root.fork('organisation-ids');
  const regions: DemoRegion[] = REGIONS.map((r) => ({ id: ids.uuid(), code: r.code, name: r.name }));
  const regionId = new Map(regions.map((r) => [r.code, r.id]));
  const prisons: DemoPrison[] = [];
  const units: DemoUnit[] = [];
  const unitSeeds = new Map<string, UnitSeed>();
  for (const p of PRISONS) {
    const unitSum = p.units.reduce((s, u) => s + u.capacity, 0);
    if (unitSum !== p.capacity) throw new Error(`${p.name}: units hold ${unitSum} places, the prison ${p.capacity}`);
    const prison: DemoPrison = {
      id: ids.uuid(),
      code: p.code,
      name: p.name,
      regionId: regionId.get(p.regionCode) ?? fail(`unknown region ${p.regionCode}`),
      securityLevel: p.securityLevel,
      capacity: p.capacity,
      timeZone: 'Europe/Oslo',
      amStart: '08:00',
      amEnd: '11:30',
      pmStart: '12:00',
      pmEnd: '15:00',
      countyAuthority: p.countyAuthority,
      halfwayHouse: p.halfwayHouse,
      holdsWomen: p.holdsWomen,
      foreignNationalsOnly: p.foreignNationalsOnly,
    };
    prisons.push(prison);
    for (const u of p.units) {
      const unit: DemoUnit = {
        id: ids.uuid(),
        prisonId: prison.id,
        name: u.name,
        securityLevel: u.securityLevel,
        capacity: u.capacity,
        women: u.women,
      };
      units.push(unit);
      unitSeeds.set(unit.id, u);
    }
  }

  const { prisoners, custodyPeriods } = generateCustody(root.fork('custody'), prisons, units, unitSeeds, todayDay);

  const heldToday = new Map<string, number>(prisons.map((p) => [p.id, 0]));
  for (const c of custodyPeriods) if (c.toDate === null) heldToday.set(c.prisonId, (heldToday.get(c.prisonId) ?? 0) + 1);

  const { staffMembers, activities, activitySlots } = generateOffer(root.fork('offer'), prisons, units, heldToday, todayDay);

  return { seed, today, regions, prisons, units, prisoners, custodyPeriods, staffMembers, activities, activitySlots };
}

function fail(message: string): never {
  throw new Error(message);
}

// ─── Custody: a bed-by-bed simulation, so no unit is ever over capacity on any day ───
//
// Every place (bed) of every unit is a timeline of stays separated by short gaps, simulated from
// two years before `today`. The gap length is set so each bed is occupied ≈ 95% of the time
// (occupancy = mean stay / (mean stay + mean gap)). The stay covering `today` is open; stays that
// ended in the last twelve months are kept (closed), older ones dropped. Then stays are chained
// into prisoners: an arrival may be a transfer from a stay at another prison that ended the same
// day (progression: remand → high → low → halfway house), which becomes TRANSFERRED; every other
// closed stay is RELEASED. A prisoner is a chain of stays, so their periods never overlap.

function generateCustody(
  rng: Random,
  prisons: DemoPrison[],
  units: DemoUnit[],
  unitSeeds: Map<string, UnitSeed>,
  todayDay: number,
): { prisoners: DemoPrisoner[]; custodyPeriods: DemoCustodyPeriod[] } {
  const sim = rng.fork('beds');
  const prisonIndex = new Map(prisons.map((p, i) => [p.id, i]));

  // Remand places: spread over the high-security units so that ≈ 25% of all places are remand.
  const totalPlaces = units.reduce((s, u) => s + u.capacity, 0);
  let weightedHigh = 0;
  for (const u of units) {
    const seed = PRISONS[prisonIndex.get(u.prisonId) as number];
    if (u.securityLevel === SecurityLevel.HIGH) weightedHigh += u.capacity * seed.remandWeight;
  }
  const remandFactor = (REMAND_SHARE * totalPlaces) / weightedHigh;

  const stays: Stay[] = [];
  const start = todayDay - SIMULATED_DAYS;
  const horizon = todayDay - HISTORY_DAYS;
  for (const unit of units) {
    const pi = prisonIndex.get(unit.prisonId) as number;
    const seed = PRISONS[pi];
    const unitSeed = unitSeeds.get(unit.id) as UnitSeed;
    const remandPlaces =
      unit.securityLevel === SecurityLevel.HIGH ? Math.round(unit.capacity * Math.min(0.9, remandFactor * seed.remandWeight)) : 0;
    // Occupancy per unit between 93% and 97.5%: near, never above, capacity.
    const occupancy = sim.real(0.93, 0.975);
    for (let bed = 0; bed < unit.capacity; bed++) {
      const place: Place = { prisonIndex: pi, seed, unit, unitSeed, remand: bed < remandPlaces };
      const meanGap = (meanStayLength(place) * (1 - occupancy)) / occupancy;
      let t = start + sim.int(0, 60);
      while (t <= todayDay) {
        const length = stayLength(sim, place);
        const end = t + length;
        if (end > todayDay) {
          stays.push({ index: stays.length, place, from: t, to: null, prev: null, next: null });
          break;
        }
        if (end >= horizon) stays.push({ index: stays.length, place, from: t, to: end, prev: null, next: null });
        t = end + Math.round(sim.real(0, 2 * meanGap));
      }
    }
  }

  // Chain stays into prisoners through transfers on the same day.
  const link = rng.fork('transfers');
  const endingOn = new Map<number, Stay[]>();
  for (const s of stays) {
    if (s.to === null) continue;
    const list = endingOn.get(s.to);
    if (list) list.push(s);
    else endingOn.set(s.to, [s]);
  }
  const arrivals = stays.slice().sort((a, b) => a.from - b.from || a.index - b.index);
  for (const r of arrivals) {
    const rp = r.place;
    if (rp.remand) continue;
    const p = rp.seed.halfwayHouse
      ? TRANSFER_IN.halfwayHouse
      : rp.unit.securityLevel === SecurityLevel.LOW
        ? TRANSFER_IN.low
        : TRANSFER_IN.highConvicted;
    if (!link.chance(p)) continue;
    const candidates = (endingOn.get(r.from) ?? []).filter((c) => {
      const cp = c.place;
      if (c.next || cp.prisonIndex === rp.prisonIndex || cp.unit.women !== rp.unit.women || cp.seed.halfwayHouse) return false;
      if (rp.seed.halfwayHouse) return true;
      // Progression: into low security from high; into high security after remand or between high prisons.
      return cp.unit.securityLevel === SecurityLevel.HIGH;
    });
    if (candidates.length === 0) continue;
    const from = link.weighted(candidates.map((c) => [c, c.place.seed.regionCode === rp.seed.regionCode ? 4 : 1] as const));
    from.next = r;
    r.prev = from;
  }

  // Prisoners: one per chain, numbered by first arrival.
  const chains = stays.filter((s) => s.prev === null).sort((a, b) => a.from - b.from || a.index - b.index);
  const people = rng.fork('people');
  const idRng = rng.fork('custody-ids');
  const prisoners: DemoPrisoner[] = [];
  const custodyPeriods: DemoCustodyPeriod[] = [];
  const perYear = new Map<number, number>();
  for (const head of chains) {
    const path: Stay[] = [];
    for (let s: Stay | null = head; s; s = s.next) path.push(s);
    const last = path[path.length - 1];
    const women = head.place.unit.women;
    const foreign = path.some((s) => s.place.seed.foreignNationalsOnly) || people.chance(foreignShare(last.place));
    const nationality = foreign ? people.weighted(FOREIGN_NATIONALITIES) : 'NO';
    const nameOrigin = nationality === 'NO' && people.chance(0.12) ? people.weighted(NORWEGIAN_BACKGROUNDS) : nationality;
    const { firstName, lastName } = personName(people, nameOrigin, women);

    const longTerm = path.some((s) => s.place.unitSeed.name.startsWith('Forvaring'));
    let age = Math.round(people.normal(longTerm ? 42 : 33, longTerm ? 11 : 10.5));
    if (age < 18) age = 18 + people.int(0, 6);
    age = Math.min(age, 79);
    // Born `age` years (and up to a year) before arriving: at least 18 on the day of arrival.
    const dateOfBirth = yearsBefore(head.from, age) - people.int(0, 364);
    const ageToday = ageOnDay(dateOfBirth, todayDay);
    const educationLevel = educationLevelFor(people, ageToday);
    const educationRight = educationRightFor(people, educationLevel, ageToday);

    const year = new Date(head.from * MS_PER_DAY).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const prisoner: DemoPrisoner = {
      id: idRng.uuid(),
      prisonerNumber: `${year}-${String(n).padStart(5, '0')}`,
      firstName,
      lastName,
      dateOfBirth: isoOf(dateOfBirth),
      legalStatus: last.place.remand ? LegalStatus.REMAND : LegalStatus.CONVICTED,
      nationality,
      educationLevel,
      educationRight,
    };
    prisoners.push(prisoner);
    for (const s of path) {
      custodyPeriods.push({
        id: idRng.uuid(),
        prisonerId: prisoner.id,
        prisonId: s.place.unit.prisonId,
        unitId: s.place.unit.id,
        fromDate: isoOf(s.from),
        toDate: s.to === null ? null : isoOf(s.to),
        endReason: s.to === null ? null : s.next ? CustodyEndReason.TRANSFERRED : CustodyEndReason.RELEASED,
      });
    }
  }
  return { prisoners, custodyPeriods };
}

function foreignShare(place: Place): number {
  if (place.remand) return FOREIGN_SHARE.remand;
  if (place.seed.halfwayHouse) return FOREIGN_SHARE.halfwayHouse;
  return place.unit.securityLevel === SecurityLevel.HIGH ? FOREIGN_SHARE.high : FOREIGN_SHARE.low;
}

function personName(rng: Random, origin: string, woman: boolean): { firstName: string; lastName: string } {
  const pool = NAMES[origin] ?? NAMES.NO;
  const firstName = rng.pick(woman ? pool.female : pool.male);
  const lastName = rng.pick(woman && pool.lastFemale ? pool.lastFemale : pool.last);
  return { firstName, lastName };
}

// Highest completed education as in the inmate survey quoted by the strategy: ≈ 28% primary or
// lower secondary at most, 24% upper secondary not completed, 35% upper secondary, 13% higher.
const EDUCATION_MIX: readonly (readonly [EducationLevel, number])[] = [
  [EducationLevel.NONE_OR_PRIMARY, 9],
  [EducationLevel.LOWER_SECONDARY, 19],
  [EducationLevel.UPPER_SECONDARY_INCOMPLETE, 24],
  [EducationLevel.UPPER_SECONDARY, 35],
  [EducationLevel.HIGHER, 13],
];

function educationLevelFor(rng: Random, age: number): EducationLevel {
  const level = rng.weighted(EDUCATION_MIX);
  // Nobody finishes a degree by 21: they are still at upper secondary level.
  return level === EducationLevel.HIGHER && age < 22 ? EducationLevel.UPPER_SECONDARY : level;
}

// The right to upper-secondary education: the youth right for those under 25 who have not
// completed upper secondary; the adult right for most older people without it, and (since the
// 2024 Education Act) for many who completed it but lack a vocational qualification. Together
// about 60% of inmates have a right (DOMAIN.md).
function educationRightFor(rng: Random, level: EducationLevel, age: number): EducationRight {
  const withoutUpperSecondary =
    level === EducationLevel.NONE_OR_PRIMARY ||
    level === EducationLevel.LOWER_SECONDARY ||
    level === EducationLevel.UPPER_SECONDARY_INCOMPLETE;
  if (withoutUpperSecondary) {
    if (age < 25) return rng.chance(0.92) ? EducationRight.YOUTH : EducationRight.NONE;
    return rng.chance(0.85) ? EducationRight.ADULT : EducationRight.NONE;
  }
  if (level === EducationLevel.UPPER_SECONDARY && age >= 25) return rng.chance(0.45) ? EducationRight.ADULT : EducationRight.NONE;
  return EducationRight.NONE;
}

// ─── The offer: staff, workshops, school classes and programmes per prison ───
//
// Sizing (see offerCoverage): a prisoner-day is active with one attended half-day session, so a
// prison's weekly offer in prisoner-days is, per weekday,
//   • a full-day workshop (AM + PM the same day): its capacity (one place = one prisoner all day);
//   • any other slot (school class, programme session, half-day workshop): its capacity (each
//     half-day place can make one prisoner-day active).
// Coverage = weekly offer / (5 × prisoners held today). Each prison gets a target between 79% and
// 85% (the strategy: 80% today, target 90%, so the offer is the bottleneck):
//   target = round(c × 5 × held); school ≈ 33% of it (class of 4–8 × 2–4 half-days a week, one
//   teacher each, every teacher at least one class); programmes 5–8 places × 1–2 sessions;
//   work = the rest, as full-day workshops whose capacities are split by category weight (WOOD the
//   largest), and the largest workshop is then trimmed so the total meets the target.
// Example, Oslo fengsel with ≈ 372 held: target ≈ 0.82 × 5 × 372 ≈ 1,525 prisoner-days a week;
// school ≈ 500, programmes ≈ 60, work ≈ 965 / 5 ≈ 193 full-day places in 12 workshops.

type WorkshopCategory =
  | 'WOOD'
  | 'METAL'
  | 'TEXTILE'
  | 'CERAMICS'
  | 'ASSEMBLY'
  | 'MECHANICAL'
  | 'PRINT'
  | 'KITCHEN'
  | 'LAUNDRY'
  | 'CLEANING'
  | 'MAINTENANCE'
  | 'OUTDOOR'
  | 'FARMING';

interface WorkshopKind {
  name: string;
  weight: number;
  /** OUTDOOR and FARMING work outside the wall: low security only. */
  lowOnly: boolean;
  holidays: boolean;
  location: string;
  description: string;
}

const WORKSHOPS: Record<WorkshopCategory, WorkshopKind> = {
  WOOD: {
    name: 'Snekkerverkstedet',
    weight: 3,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Møbler og kjøkkeninnredning for salg under merkevaren Prisonmade. Godkjent lærebedrift i tømrer- og snekkerfaget.',
  },
  METAL: {
    name: 'Metallverkstedet',
    weight: 1.8,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Sveising, platearbeid og CNC. Opplæring mot fagbrev i industrimekanikk sammen med skolen.',
  },
  TEXTILE: {
    name: 'Tekstil- og sømverkstedet',
    weight: 1.3,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Søm av tekstiler og arbeidstøy, reparasjon og redesign.',
  },
  CERAMICS: {
    name: 'Keramikk og håndverk',
    weight: 0.9,
    lowOnly: false,
    holidays: false,
    location: 'Aktivitetshuset',
    description: 'Keramikk, glass og brukskunst for salg i Prisonmade-butikken.',
  },
  ASSEMBLY: {
    name: 'Monteringsverkstedet',
    weight: 1.8,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Montering og pakking på oppdrag for lokalt næringsliv.',
  },
  MECHANICAL: {
    name: 'Bil- og motorverkstedet',
    weight: 1.3,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Service og reparasjon av biler og småmotorer. Godkjent lærebedrift i bilfaget.',
  },
  PRINT: {
    name: 'Trykkeriet',
    weight: 1,
    lowOnly: false,
    holidays: false,
    location: 'Verkstedbygget',
    description: 'Trykk, design og profilering for etaten og eksterne kunder.',
  },
  KITCHEN: {
    name: 'Kjøkkenet',
    weight: 1.3,
    lowOnly: false,
    holidays: true,
    location: 'Storkjøkkenet',
    description: 'Produksjon av måltider til hele fengselet. Godkjent lærebedrift i kokkfaget.',
  },
  LAUNDRY: {
    name: 'Vaskeriet',
    weight: 0.9,
    lowOnly: false,
    holidays: false,
    location: 'Servicebygget',
    description: 'Vask av tøy og sengetøy for fengselet.',
  },
  CLEANING: {
    name: 'Renholdsgruppa',
    weight: 1,
    lowOnly: false,
    holidays: false,
    location: 'Hele anlegget',
    description: 'Renhold av fellesarealer. Opplæring mot fagbrev i renholdsoperatørfaget.',
  },
  MAINTENANCE: {
    name: 'Vedlikeholdsgruppa',
    weight: 1.1,
    lowOnly: false,
    holidays: false,
    location: 'Driftsavdelingen',
    description: 'Vedlikehold av fengselets bygninger og anlegg.',
  },
  OUTDOOR: {
    name: 'Uteseksjonen',
    weight: 1.3,
    lowOnly: true,
    holidays: false,
    location: 'Uteområdet',
    description: 'Grøntanlegg, vedproduksjon og utendørs vedlikehold.',
  },
  FARMING: {
    name: 'Gårdsbruket',
    weight: 6,
    lowOnly: true,
    holidays: true,
    location: 'Gården',
    description: 'Økologisk gårdsdrift: dyrestell, jordbruk, skog og hestehold.',
  },
};

const WORKSHOP_ORDER = {
  standard: [
    'WOOD',
    'KITCHEN',
    'ASSEMBLY',
    'CLEANING',
    'METAL',
    'MAINTENANCE',
    'LAUNDRY',
    'MECHANICAL',
    'TEXTILE',
    'PRINT',
    'CERAMICS',
    'OUTDOOR',
  ],
  small: ['ASSEMBLY', 'WOOD', 'CLEANING', 'KITCHEN', 'MAINTENANCE', 'OUTDOOR'],
  women: ['TEXTILE', 'KITCHEN', 'CERAMICS', 'ASSEMBLY', 'WOOD', 'CLEANING', 'PRINT', 'LAUNDRY'],
  farming: ['FARMING', 'WOOD', 'KITCHEN', 'MAINTENANCE', 'OUTDOOR', 'MECHANICAL', 'LAUNDRY', 'CLEANING'],
  halfwayHouse: ['MAINTENANCE', 'CLEANING', 'KITCHEN'],
} satisfies Record<string, WorkshopCategory[]>;

interface SchoolSubject {
  name: string;
  youth?: boolean;
  description: string;
}

const SCHOOL_SUBJECTS: readonly SchoolSubject[] = [
  { name: 'Norsk og samfunnsfag', description: 'Fellesfag på videregående nivå.' },
  { name: 'Matematikk', description: 'Fellesfag, praktisk matematikk (1P).' },
  { name: 'Engelsk', description: 'Fellesfag, Vg1.' },
  { name: 'Vg1 Bygg- og anleggsteknikk', description: 'Yrkesfag i samarbeid med snekkerverkstedet.' },
  { name: 'Vg1 Teknologi- og industrifag', description: 'Yrkesfag i samarbeid med metallverkstedet.' },
  { name: 'Vg1 Restaurant- og matfag', description: 'Yrkesfag i samarbeid med kjøkkenet.' },
  { name: 'Norsk for minoritetsspråklige', description: 'Norskopplæring for elever med annet morsmål.' },
  { name: 'Grunnskole for voksne', description: 'Grunnskoleopplæring for voksne.' },
  { name: 'Naturfag', description: 'Fellesfag, Vg1.' },
  { name: 'Digitale ferdigheter', description: 'Kurs i IKT og digitale verktøy.' },
  { name: 'Vg2 Tømrer', description: 'Yrkesfag, andre år, med praksis i verkstedet.' },
  { name: 'Vg1 Bygg- og anleggsteknikk – ungdomsklasse', youth: true, description: 'For elever med ungdomsrett (under 25 år).' },
  { name: 'Norsk og samfunnsfag – ungdomsklasse', youth: true, description: 'For elever med ungdomsrett (under 25 år).' },
];

interface ProgrammeKind {
  category: string;
  name: string;
  description: string;
}

const PROGRAMMES: Record<string, ProgrammeKind> = {
  SINNEMESTRING: {
    category: 'SINNEMESTRING',
    name: 'Sinnemestring',
    description: 'Kognitivt program om sinne og aggresjon, om lag ti samlinger.',
  },
  NY_START: { category: 'NY_START', name: 'Ny Start', description: 'Motivasjonsprogram for å planlegge livet etter løslatelse.' },
  ATV: { category: 'ALTERNATIV_TIL_VOLD', name: 'Alternativ til vold', description: 'Behandlingsprogram for personer som har utøvd vold.' },
  KSL: {
    category: 'KRIMINALITET_SOM_LIVSSTIL',
    name: 'Kriminalitet som livsstil',
    description: 'Kognitivt program om kriminelle tankemønstre.',
  },
  PRK: {
    category: 'RUSPAVIRKET_KJORING',
    name: 'Program mot ruspåvirket kjøring',
    description: 'Program for dømte for kjøring i ruspåvirket tilstand.',
  },
  EVK: { category: 'ER_VIL_KAN', name: 'Er-Vil-Kan', description: 'Motivasjonsprogram om endring av rusmiddelbruk.' },
  RUS: { category: 'RUSPROGRAM', name: 'Rusprogram i fengsel', description: 'Strukturert rusmestringsprogram ved rusmestringsenheten.' },
  VINN: { category: 'VINN', name: 'VINN', description: 'Program for kvinner i kriminalomsorgen.' },
};

interface Staff extends DemoStaffMember {
  /** Cells (weekday·2 + PM) already taken, so no one is in two slots at once. */
  busy: Set<number>;
}

const cellOf = (weekday: number, period: DayPeriod) => weekday * 2 + (period === DayPeriod.PM ? 1 : 0);

function generateOffer(
  rng: Random,
  prisons: DemoPrison[],
  units: DemoUnit[],
  heldToday: Map<string, number>,
  todayDay: number,
): { staffMembers: DemoStaffMember[]; activities: DemoActivity[]; activitySlots: DemoActivitySlot[] } {
  const idRng = rng.fork('offer-ids');
  const pick = rng.fork('offer-choices');
  const names = rng.fork('staff-names');
  const staff: Staff[] = [];
  const activities: DemoActivity[] = [];
  const activitySlots: DemoActivitySlot[] = [];
  const emails = new Set<string>();

  const newStaff = (roles: StaffRole[], employer: Employer, employerName: string, prisonIds: string[]): Staff => {
    const origin = names.chance(0.12) ? names.weighted(NORWEGIAN_BACKGROUNDS) : 'NO';
    const { firstName, lastName } = personName(names, origin, names.chance(0.55));
    const domain = employer === Employer.CORRECTIONAL_SERVICE ? 'kriminalomsorgen.example' : `${slugify(employerName)}.example`;
    const local = `${slugify(firstName)}.${slugify(lastName)}`.replace(/-/g, '.');
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    const member: Staff = { id: idRng.uuid(), firstName, lastName, roles, employer, employerName, email, prisonIds, busy: new Set() };
    staff.push(member);
    return member;
  };

  for (let i = 0; i < 3; i++)
    newStaff([StaffRole.NATIONAL_ADMINISTRATOR], Employer.CORRECTIONAL_SERVICE, 'Kriminalomsorgsdirektoratet', []);

  const teachersPer = apportion(
    TEACHERS,
    prisons.map((p) => p.capacity),
    1,
  );
  // Activities started before the custody history does, so past weeks have the same offer. School
  // classes began at the start of the previous school year (mid-August).
  const todayDate = new Date(todayDay * MS_PER_DAY);
  const schoolStart = `${todayDate.getUTCFullYear() - (todayDate.getUTCMonth() >= 8 ? 1 : 2)}-08-17`;

  prisons.forEach((prison, pi) => {
    const seed = PRISONS[pi];
    const held = heldToday.get(prison.id) ?? 0;
    const levels = [...new Set(units.filter((u) => u.prisonId === prison.id).map((u) => u.securityLevel))].sort();
    const hasLow = levels.includes(SecurityLevel.LOW);
    const coverageTarget = pick.real(0.79, 0.85);
    const targetWeek = Math.max(10, Math.round(coverageTarget * 5 * held));
    const small = held < 45;

    const addActivity = (a: Omit<DemoActivity, 'id' | 'prisonId'>): DemoActivity => {
      const activity: DemoActivity = { id: idRng.uuid(), prisonId: prison.id, ...a };
      activities.push(activity);
      return activity;
    };
    const addSlot = (activity: DemoActivity, weekday: number, period: DayPeriod, member: Staff | null) => {
      member?.busy.add(cellOf(weekday, period));
      activitySlots.push({
        id: idRng.uuid(),
        activityId: activity.id,
        weekday,
        period,
        startTime: null,
        endTime: null,
        staffMemberId: member?.id ?? null,
      });
    };

    // Staff who always exist: the coordinating manager and the county's teachers.
    newStaff([StaffRole.PRISON_MANAGER], Employer.CORRECTIONAL_SERVICE, 'Kriminalomsorgen', [prison.id]);
    const teachers = Array.from({ length: teachersPer[pi] }, () =>
      newStaff([StaffRole.TEACHER], Employer.COUNTY_AUTHORITY, seed.countyAuthority, [prison.id]),
    );

    // ── School ──
    let schoolWeek = 0;
    const schoolBudget = Math.round(SCHOOL_SHARE * targetWeek);
    const subjects = SCHOOL_SUBJECTS.filter((s) => (s.youth ? held >= 60 && !seed.halfwayHouse : true));
    const ordered = [subjects[0], ...pick.shuffle(subjects.slice(1))];
    const usedNames = new Map<string, number>();
    let subjectIndex = 0;
    const taught = new Set<string>();
    for (let guard = 0; guard < 200; guard++) {
      const untaught = teachers.filter((t) => !taught.has(t.id));
      if (untaught.length === 0 && schoolWeek >= schoolBudget) break;
      const candidates = (untaught.length > 0 ? untaught : teachers).filter((t) => t.busy.size <= 8);
      if (candidates.length === 0) break;
      const teacher = candidates.reduce((best, t) => (t.busy.size < best.busy.size ? t : best));
      const capacity = small ? pick.int(4, 6) : pick.int(5, 8);
      let sessions = pick.int(2, 4);
      if (untaught.length === 0) sessions = clamp(Math.ceil((schoolBudget - schoolWeek) / capacity), 1, sessions);
      const subject = ordered[subjectIndex++ % ordered.length];
      const count = (usedNames.get(subject.name) ?? 0) + 1;
      usedNames.set(subject.name, count);
      const cells = freeCells(pick, teacher, sessions, pick.chance(0.5) ? DayPeriod.AM : DayPeriod.PM);
      if (cells.length === 0) break;
      const activity = addActivity({
        kind: ActivityKind.EDUCATION,
        category: 'SCHOOL',
        name: count > 1 ? `${subject.name} (gruppe ${count})` : subject.name,
        description: subject.description,
        location: 'Skoleavdelingen',
        capacity,
        provider: Employer.COUNTY_AUTHORITY,
        providerName: seed.countyAuthority,
        securityLevels: levels,
        minAge: null,
        maxAge: subject.youth ? 24 : null,
        requiresReferral: false,
        runsOnPublicHolidays: false,
        startDate: schoolStart,
        endDate: null,
      });
      for (const [weekday, period] of cells) addSlot(activity, weekday, period, teacher);
      taught.add(teacher.id);
      schoolWeek += capacity * cells.length;
    }

    // ── Programmes (referral needed; 5–8 places; 1–2 sessions a week) ──
    const wanted = held < 20 ? 1 : held < 60 ? 2 : held < 150 ? 3 : held < 250 ? 4 : 5;
    const chosen: ProgrammeKind[] = [];
    if (seed.holdsWomen) chosen.push(PROGRAMMES.VINN);
    if (seed.drugTreatmentUnit) chosen.push(PROGRAMMES.RUS);
    for (const key of pick.shuffle(['SINNEMESTRING', 'NY_START', 'ATV', 'KSL', 'PRK', 'EVK'])) {
      if (chosen.length >= wanted) break;
      chosen.push(PROGRAMMES[key]);
    }
    const facilitators: Staff[] = small
      ? []
      : Array.from({ length: chosen.length >= 3 ? 2 : 1 }, () =>
          newStaff([StaffRole.PROGRAMME_FACILITATOR], Employer.CORRECTIONAL_SERVICE, 'Kriminalomsorgen', [prison.id]),
        );

    // ── Work: officers first, so small prisons can let a cover officer facilitate programmes ──
    const base: WorkshopCategory[] = seed.farming
      ? WORKSHOP_ORDER.farming
      : seed.halfwayHouse
        ? WORKSHOP_ORDER.halfwayHouse
        : seed.holdsWomen && seed.units.every((u) => u.women)
          ? WORKSHOP_ORDER.women
          : small
            ? WORKSHOP_ORDER.small
            : WORKSHOP_ORDER.standard;
    // Low-security places work outside the wall: the outdoor crew comes early in their list.
    const order = base.filter((c) => c !== 'OUTDOOR' || seed.farming);
    if (hasLow && !seed.farming && !seed.halfwayHouse) order.splice(prison.securityLevel === SecurityLevel.LOW ? 1 : 3, 0, 'OUTDOOR');
    const eligible = order.filter((c) => !WORKSHOPS[c].lowOnly || hasLow);
    // Programme places are known before the officers' slots: plan them now, place them later.
    const programmePlan = chosen.map((kind) => ({ kind, capacity: pick.int(5, 8), sessions: pick.int(1, 2) }));
    const programmeWeek = programmePlan.reduce((s, p) => s + p.capacity * p.sessions, 0);
    const workDay = Math.max(2, (targetWeek - schoolWeek - programmeWeek) / 5);
    const n = clamp(Math.round(workDay / 11), 1, eligible.length);
    const categories = eligible.slice(0, n);
    const totalWeight = categories.reduce((s, c) => s + WORKSHOPS[c].weight, 0);
    const capacities = categories.map((c) => Math.max(2, Math.round((workDay * WORKSHOPS[c].weight) / totalWeight)));
    // Trim the largest workshop so the whole offer meets the target.
    const largest = capacities.indexOf(Math.max(...capacities));
    const offered = schoolWeek + programmeWeek + 5 * capacities.reduce((s, c) => s + c, 0);
    capacities[largest] = Math.max(2, capacities[largest] + Math.round((targetWeek - offered) / 5));

    const officers: Staff[] = [];
    categories.forEach((category, wi) => {
      const kind = WORKSHOPS[category];
      const officer = newStaff([StaffRole.WORK_PROGRAMME_OFFICER], Employer.CORRECTIONAL_SERVICE, 'Kriminalomsorgen', [prison.id]);
      officers.push(officer);
      const activity = addActivity({
        kind: ActivityKind.WORK,
        category,
        name: kind.name,
        description: kind.description,
        location: kind.location,
        capacity: capacities[wi],
        provider: Employer.CORRECTIONAL_SERVICE,
        providerName: null,
        securityLevels: kind.lowOnly ? [SecurityLevel.LOW] : levels,
        minAge: null,
        maxAge: null,
        requiresReferral: false,
        runsOnPublicHolidays: kind.holidays,
        startDate: isoOf(todayDay - pick.int(HISTORY_DAYS + 30, HISTORY_DAYS + 3600)),
        endDate: null,
      });
      for (let weekday = 1; weekday <= 5; weekday++) {
        addSlot(activity, weekday, DayPeriod.AM, officer);
        addSlot(activity, weekday, DayPeriod.PM, officer);
      }
    });
    // Cover officers (sickness, leave): about one for every four workshops. In small prisons they
    // also facilitate the programmes.
    const cover = Array.from({ length: Math.max(1, Math.round(categories.length / 4)) }, () =>
      newStaff(
        small ? [StaffRole.WORK_PROGRAMME_OFFICER, StaffRole.PROGRAMME_FACILITATOR] : [StaffRole.WORK_PROGRAMME_OFFICER],
        Employer.CORRECTIONAL_SERVICE,
        'Kriminalomsorgen',
        [prison.id],
      ),
    );
    const runners = small ? cover : facilitators;

    programmePlan.forEach(({ kind, capacity, sessions }, i) => {
      const facilitator = runners[i % runners.length];
      const cells = freeCells(pick, facilitator, sessions, pick.chance(0.7) ? DayPeriod.PM : DayPeriod.AM);
      const activity = addActivity({
        kind: ActivityKind.PROGRAMME,
        category: kind.category,
        name: kind.name,
        description: kind.description,
        location: 'Programrommet',
        capacity,
        provider: Employer.CORRECTIONAL_SERVICE,
        providerName: null,
        securityLevels: levels,
        minAge: null,
        maxAge: null,
        requiresReferral: true,
        runsOnPublicHolidays: false,
        startDate: isoOf(todayDay - pick.int(HISTORY_DAYS + 7, HISTORY_DAYS + 700)),
        endDate: null,
      });
      for (const [weekday, period] of cells) addSlot(activity, weekday, period, facilitator);
    });
  });

  const staffMembers: DemoStaffMember[] = staff.map(({ busy: _busy, ...member }) => member);
  return { staffMembers, activities, activitySlots };
}

/**
 * Up to `count` free (weekday, period) cells of a staff member, on different weekdays where
 * possible, preferring one half of the day (school in one half, work in the other: the split day).
 */
function freeCells(rng: Random, member: Staff, count: number, preferred: DayPeriod): [number, DayPeriod][] {
  const other = preferred === DayPeriod.AM ? DayPeriod.PM : DayPeriod.AM;
  const out: [number, DayPeriod][] = [];
  const days = new Set<number>();
  for (const period of [preferred, other]) {
    for (const weekday of rng.shuffle([1, 2, 3, 4, 5])) {
      if (out.length >= count) break;
      if (days.has(weekday) || member.busy.has(cellOf(weekday, period))) continue;
      out.push([weekday, period]);
      days.add(weekday);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

/** Splits `total` in proportion to `weights` (largest remainder), each part at least `min`. */
function apportion(total: number, weights: number[], min: number): number[] {
  const rest = total - min * weights.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, p) => s + p, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    parts[i]++;
  }
  return parts.map((p) => p + min);
}

// ─── Offer coverage ───

export interface PrisonCoverage {
  prisonId: string;
  code: string;
  name: string;
  heldToday: number;
  /** Prisoner-days a week (5 × held today). */
  weeklyPrisonerDays: number;
  /** Prisoner-days a week the activities could make active (see the sizing comment above). */
  weeklyOffer: number;
  coverage: number;
}

/**
 * How much of each prison's weekday prisoner-days its weekly activity slots could make active:
 * per weekday, a workshop running both AM and PM offers its capacity once (one prisoner, all
 * day); every other slot offers its capacity (one half-day session makes the day active).
 * National = sum of offers / sum of prisoner-days (weighted, never an average of percentages).
 */
export function offerCoverage(data: DemoData): { national: number; prisons: PrisonCoverage[] } {
  const held = new Map<string, number>(data.prisons.map((p) => [p.id, 0]));
  for (const c of data.custodyPeriods) {
    if (c.fromDate <= data.today && (c.toDate === null || c.toDate > data.today)) held.set(c.prisonId, (held.get(c.prisonId) ?? 0) + 1);
  }
  const slotsByActivity = new Map<string, DemoActivitySlot[]>();
  for (const s of data.activitySlots) {
    const list = slotsByActivity.get(s.activityId);
    if (list) list.push(s);
    else slotsByActivity.set(s.activityId, [s]);
  }
  const offer = new Map<string, number>(data.prisons.map((p) => [p.id, 0]));
  for (const a of data.activities) {
    let weekly = 0;
    for (let weekday = 1; weekday <= 5; weekday++) {
      const day = (slotsByActivity.get(a.id) ?? []).filter((s) => s.weekday === weekday);
      const fullDay =
        a.kind === ActivityKind.WORK && day.some((s) => s.period === DayPeriod.AM) && day.some((s) => s.period === DayPeriod.PM);
      weekly += fullDay ? a.capacity : a.capacity * day.length;
    }
    offer.set(a.prisonId, (offer.get(a.prisonId) ?? 0) + weekly);
  }
  const prisons = data.prisons.map((p): PrisonCoverage => {
    const heldToday = held.get(p.id) ?? 0;
    const weeklyOffer = offer.get(p.id) ?? 0;
    return {
      prisonId: p.id,
      code: p.code,
      name: p.name,
      heldToday,
      weeklyPrisonerDays: 5 * heldToday,
      weeklyOffer,
      coverage: heldToday === 0 ? 0 : weeklyOffer / (5 * heldToday),
    };
  });
  const days = prisons.reduce((s, p) => s + p.weeklyPrisonerDays, 0);
  const offered = prisons.reduce((s, p) => s + p.weeklyOffer, 0);
  return { national: days === 0 ? 0 : offered / days, prisons };
}
