import { SecurityLevel } from '../../src/organisation/organisation.enums';

// The Norwegian Correctional Service's five regions (since 2019: øst, sør, sørvest, vest, nord)
// and 45 prisons including halfway houses ("Corrections in Norway in numbers": 45 prisons, the
// largest Oslo with 392 places, the smallest Sandefjord with 13). The names are real Norwegian
// prisons; capacities and units are demo approximations (≈ 4,000 places in all), not official
// figures. Each prison sits in the region that covers its county today; the county authority
// (fylkeskommune) runs its school department under the import model.

export interface RegionSeed {
  code: string;
  name: string;
}

export const REGIONS: readonly RegionSeed[] = [
  { code: 'OST', name: 'Region øst' },
  { code: 'SOR', name: 'Region sør' },
  { code: 'SORVEST', name: 'Region sørvest' },
  { code: 'VEST', name: 'Region vest' },
  { code: 'NORD', name: 'Region nord' },
];

export interface UnitSeed {
  name: string;
  securityLevel: SecurityLevel;
  capacity: number;
  /** A women's unit (all women when the whole prison is a women's prison). */
  women: boolean;
}

export interface PrisonSeed {
  code: string;
  name: string;
  regionCode: string;
  securityLevel: SecurityLevel;
  capacity: number;
  /** The county authority that imports teachers, e.g. "Vestland fylkeskommune". */
  countyAuthority: string;
  /** A halfway house (overgangsbolig): the last step before release. */
  halfwayHouse: boolean;
  /** Holds women (a women's prison or a women's unit), so VINN is offered. */
  holdsWomen: boolean;
  /** Holds only foreign nationals (Kongsvinger since 2012). */
  foreignNationalsOnly: boolean;
  /** Has a drug-treatment unit (rusmestringsenhet), so the drug programme is offered. */
  drugTreatmentUnit: boolean;
  /** Relative share of remand prisoners in the prison's high-security units (1 = average, 0 = none). */
  remandWeight: number;
  /** Bastøy: the farm is the main workplace. */
  farming: boolean;
  units: UnitSeed[];
}

const OSLO = 'Oslo kommune'; // Oslo is both county and municipality: Oslo kommune runs its schools.
const AKERSHUS = 'Akershus fylkeskommune';
const OSTFOLD = 'Østfold fylkeskommune';
const INNLANDET = 'Innlandet fylkeskommune';
const BUSKERUD = 'Buskerud fylkeskommune';
const VESTFOLD = 'Vestfold fylkeskommune';
const TELEMARK = 'Telemark fylkeskommune';
const ROGALAND = 'Rogaland fylkeskommune';
const AGDER = 'Agder fylkeskommune';
const VESTLAND = 'Vestland fylkeskommune';
const MORE = 'Møre og Romsdal fylkeskommune';
const TRONDELAG = 'Trøndelag fylkeskommune';
const NORDLAND = 'Nordland fylkeskommune';
const TROMS = 'Troms fylkeskommune';
const FINNMARK = 'Finnmark fylkeskommune';

const H = SecurityLevel.HIGH;
const L = SecurityLevel.LOW;

type UnitTuple = readonly [name: string, securityLevel: SecurityLevel, capacity: number, women?: boolean];

interface PrisonInput {
  code: string;
  name: string;
  region: string;
  security: SecurityLevel;
  county: string;
  units: readonly UnitTuple[];
  halfwayHouse?: boolean;
  women?: boolean;
  foreignOnly?: boolean;
  drug?: boolean;
  remand?: number;
  farming?: boolean;
}

function prison(p: PrisonInput): PrisonSeed {
  const units: UnitSeed[] = p.units.map(([name, securityLevel, capacity, women]) => ({
    name,
    securityLevel,
    capacity,
    women: p.women === true || women === true,
  }));
  const capacity = units.reduce((sum, u) => sum + u.capacity, 0);
  const hasHigh = units.some((u) => u.securityLevel === SecurityLevel.HIGH);
  return {
    code: p.code,
    name: p.name,
    regionCode: p.region,
    securityLevel: p.security,
    capacity,
    countyAuthority: p.county,
    halfwayHouse: p.halfwayHouse ?? false,
    holdsWomen: units.some((u) => u.women),
    foreignNationalsOnly: p.foreignOnly ?? false,
    drugTreatmentUnit: p.drug ?? false,
    remandWeight: hasHigh ? (p.remand ?? 1) : 0,
    farming: p.farming ?? false,
    units,
  };
}

export const PRISONS: readonly PrisonSeed[] = [
  // ── Region øst: Oslo, Akershus, Østfold, Innlandet ──
  prison({
    code: 'OSL',
    name: 'Oslo fengsel',
    region: 'OST',
    security: H,
    county: OSLO,
    drug: true,
    remand: 1.6,
    units: [
      ['Avdeling A', H, 120],
      ['Avdeling B', H, 130],
      ['Avdeling C', H, 60],
      ['Avdeling D', H, 60],
      ['Avdeling E (lav sikkerhet)', L, 22],
    ],
  }),
  prison({
    code: 'ILA',
    name: 'Ila fengsel og forvaringsanstalt',
    region: 'OST',
    security: H,
    county: AKERSHUS,
    drug: true,
    remand: 0.6,
    units: [
      ['Forvaring A', H, 40],
      ['Forvaring B', H, 30],
      ['Varetekt og korttid', H, 34],
      ['Fellesskapsavdelingen', H, 18],
    ],
  }),
  prison({
    code: 'BRE',
    name: 'Bredtveit fengsel og forvaringsanstalt',
    region: 'OST',
    security: H,
    county: OSLO,
    women: true,
    drug: true,
    units: [
      ['Avdeling A', H, 24],
      ['Avdeling B', H, 20],
      ['Avdeling C (lav sikkerhet)', L, 16],
    ],
  }),
  prison({
    code: 'ULL',
    name: 'Ullersmo fengsel',
    region: 'OST',
    security: H,
    county: AKERSHUS,
    remand: 0.8,
    units: [
      ['Avdeling A', H, 60],
      ['Avdeling B', H, 60],
      ['Avdeling C', H, 50],
      ['Avdeling D', H, 40],
      ['Avdeling E (lav sikkerhet)', L, 30],
    ],
  }),
  prison({
    code: 'KRO',
    name: 'Kroer fengsel',
    region: 'OST',
    security: L,
    county: AKERSHUS,
    units: [
      ['Hus 1', L, 22],
      ['Hus 2', L, 22],
      ['Hus 3', L, 22],
    ],
  }),
  prison({
    code: 'HAL',
    name: 'Halden fengsel',
    region: 'OST',
    security: H,
    county: OSTFOLD,
    drug: true,
    remand: 0.3,
    units: [
      ['Avdeling A', H, 70],
      ['Avdeling B', H, 70],
      ['Avdeling C', H, 60],
      ['Avdeling D', H, 24],
      ['Avdeling F (lav sikkerhet)', L, 28],
    ],
  }),
  prison({
    code: 'IOF',
    name: 'Indre Østfold fengsel',
    region: 'OST',
    security: H,
    county: OSTFOLD,
    drug: true,
    remand: 0.8,
    units: [
      ['Avdeling Eidsberg', H, 80],
      ['Avdeling Trøgstad', H, 45],
      ['Avdeling Trøgstad lav', L, 25],
    ],
  }),
  prison({
    code: 'SAR',
    name: 'Sarpsborg fengsel',
    region: 'OST',
    security: H,
    county: OSTFOLD,
    remand: 1.2,
    units: [
      ['Avdeling A', H, 32],
      ['Avdeling B', H, 28],
    ],
  }),
  prison({
    code: 'RAV',
    name: 'Ravneberget fengsel',
    region: 'OST',
    security: H,
    county: OSTFOLD,
    units: [
      ['Avdeling A', H, 22],
      ['Avdeling B', H, 18],
    ],
  }),
  prison({
    code: 'KSV',
    name: 'Kongsvinger fengsel',
    region: 'OST',
    security: H,
    county: INNLANDET,
    foreignOnly: true,
    remand: 0,
    units: [
      ['Avdeling A', H, 50],
      ['Avdeling B', H, 50],
      ['Avdeling C (lav sikkerhet)', L, 30],
    ],
  }),
  prison({
    code: 'ILS',
    name: 'Ilseng fengsel',
    region: 'OST',
    security: H,
    county: INNLANDET,
    drug: true,
    remand: 0.5,
    units: [
      ['Avdeling A', H, 40],
      ['Avdeling B (lav sikkerhet)', L, 40],
    ],
  }),
  prison({
    code: 'HAM',
    name: 'Hamar fengsel',
    region: 'OST',
    security: H,
    county: INNLANDET,
    remand: 1.5,
    units: [
      ['Avdeling A', H, 22],
      ['Avdeling B', H, 18],
    ],
  }),
  prison({
    code: 'VOP',
    name: 'Vestoppland fengsel',
    region: 'OST',
    security: H,
    county: INNLANDET,
    units: [
      ['Avdeling Gjøvik', H, 35],
      ['Avdeling Valdres', L, 40],
    ],
  }),
  prison({
    code: 'BRU',
    name: 'Bruvoll fengsel',
    region: 'OST',
    security: L,
    county: INNLANDET,
    units: [
      ['Avdeling A', L, 25],
      ['Avdeling B', L, 25],
    ],
  }),
  prison({
    code: 'SAK',
    name: 'Sandaker overgangsbolig',
    region: 'OST',
    security: L,
    county: OSLO,
    halfwayHouse: true,
    units: [['Overgangsboligen', L, 20]],
  }),
  prison({
    code: 'ARU',
    name: 'Arups gate overgangsbolig',
    region: 'OST',
    security: L,
    county: OSLO,
    halfwayHouse: true,
    units: [['Overgangsboligen', L, 16]],
  }),

  // ── Region sør: Buskerud, Vestfold, Telemark ──
  prison({
    code: 'RIN',
    name: 'Ringerike fengsel',
    region: 'SOR',
    security: H,
    county: BUSKERUD,
    drug: true,
    remand: 0.5,
    units: [
      ['Avdeling A', H, 50],
      ['Avdeling B', H, 50],
      ['Avdeling C', H, 45],
      ['Avdeling D', H, 40],
    ],
  }),
  prison({
    code: 'BAS',
    name: 'Bastøy fengsel',
    region: 'SOR',
    security: L,
    county: VESTFOLD,
    farming: true,
    units: [
      ['Husene nord', L, 40],
      ['Husene sør', L, 40],
      ['Sentrum', L, 35],
    ],
  }),
  prison({
    code: 'SKI',
    name: 'Skien fengsel',
    region: 'SOR',
    security: H,
    county: TELEMARK,
    drug: true,
    units: [
      ['Avdeling A', H, 40],
      ['Avdeling B', H, 40],
      ['Avdeling C', H, 30],
    ],
  }),
  prison({
    code: 'KRA',
    name: 'Kragerø fengsel',
    region: 'SOR',
    security: L,
    county: TELEMARK,
    women: true,
    units: [
      ['Avdeling A', L, 20],
      ['Avdeling B', L, 15],
    ],
  }),
  prison({
    code: 'BER',
    name: 'Berg fengsel',
    region: 'SOR',
    security: L,
    county: VESTFOLD,
    units: [
      ['Avdeling A', L, 50],
      ['Avdeling B', L, 50],
    ],
  }),
  prison({
    code: 'DRA',
    name: 'Drammen fengsel',
    region: 'SOR',
    security: H,
    county: BUSKERUD,
    remand: 1.5,
    units: [
      ['Avdeling A', H, 30],
      ['Avdeling B', H, 25],
    ],
  }),
  prison({
    code: 'KOB',
    name: 'Kongsberg fengsel',
    region: 'SOR',
    security: L,
    county: BUSKERUD,
    drug: true,
    units: [
      ['Avdeling A', L, 50],
      ['Avdeling B', L, 50],
    ],
  }),
  prison({
    code: 'HOF',
    name: 'Hof fengsel',
    region: 'SOR',
    security: L,
    county: VESTFOLD,
    units: [
      ['Avdeling A', L, 25],
      ['Avdeling B', L, 25],
    ],
  }),
  prison({
    code: 'TON',
    name: 'Tønsberg fengsel',
    region: 'SOR',
    security: H,
    county: VESTFOLD,
    remand: 1.3,
    units: [
      ['Avdeling A', H, 25],
      ['Avdeling B', H, 20],
    ],
  }),
  prison({
    code: 'SAF',
    name: 'Sandefjord fengsel',
    region: 'SOR',
    security: H,
    county: VESTFOLD,
    units: [['Avdeling A', H, 13]],
  }),

  // ── Region sørvest: Rogaland, Agder ──
  prison({
    code: 'STA',
    name: 'Stavanger fengsel',
    region: 'SORVEST',
    security: H,
    county: ROGALAND,
    drug: true,
    remand: 1.5,
    units: [
      ['Avdeling A', H, 40],
      ['Avdeling B', H, 35],
    ],
  }),
  prison({
    code: 'ANA',
    name: 'Åna fengsel',
    region: 'SORVEST',
    security: H,
    county: ROGALAND,
    drug: true,
    remand: 0.4,
    units: [
      ['Avdeling A', H, 50],
      ['Avdeling B', H, 40],
      ['Avdeling C', H, 20],
      ['Avdeling D (lav sikkerhet)', L, 40],
    ],
  }),
  prison({
    code: 'SAE',
    name: 'Sandeid fengsel',
    region: 'SORVEST',
    security: L,
    county: ROGALAND,
    units: [
      ['Avdeling A', L, 20],
      ['Avdeling B', L, 20],
    ],
  }),
  prison({
    code: 'HAU',
    name: 'Haugesund fengsel',
    region: 'SORVEST',
    security: H,
    county: ROGALAND,
    remand: 1.5,
    units: [['Avdeling A', H, 30]],
  }),
  prison({
    code: 'KRS',
    name: 'Kristiansand fengsel',
    region: 'SORVEST',
    security: H,
    county: AGDER,
    drug: true,
    remand: 1.4,
    units: [
      ['Avdeling A', H, 45],
      ['Avdeling B', H, 45],
    ],
  }),
  prison({
    code: 'ARE',
    name: 'Arendal fengsel',
    region: 'SORVEST',
    security: H,
    county: AGDER,
    units: [
      ['Avdeling A', H, 22],
      ['Avdeling B (lav sikkerhet)', L, 18],
    ],
  }),
  prison({
    code: 'MAN',
    name: 'Mandal fengsel',
    region: 'SORVEST',
    security: L,
    county: AGDER,
    units: [['Avdeling A', L, 30]],
  }),

  // ── Region vest: Vestland, Møre og Romsdal ──
  prison({
    code: 'BGO',
    name: 'Bergen fengsel',
    region: 'VEST',
    security: H,
    county: VESTLAND,
    drug: true,
    remand: 1.3,
    units: [
      ['Avdeling A', H, 60],
      ['Avdeling B', H, 60],
      ['Avdeling C', H, 50],
      ['Avdeling D', H, 40],
      ['Avdeling E (lav sikkerhet)', L, 20],
    ],
  }),
  prison({
    code: 'BJO',
    name: 'Bjørgvin fengsel',
    region: 'VEST',
    security: L,
    county: VESTLAND,
    drug: true,
    units: [
      ['Avdeling A', L, 35],
      ['Avdeling B', L, 35],
      ['Avdeling C', L, 30],
    ],
  }),
  prison({
    code: 'VIK',
    name: 'Vik fengsel',
    region: 'VEST',
    security: L,
    county: VESTLAND,
    units: [['Avdeling A', L, 25]],
  }),
  prison({
    code: 'ALE',
    name: 'Ålesund fengsel',
    region: 'VEST',
    security: H,
    county: MORE,
    remand: 1.3,
    units: [
      ['Avdeling A', H, 25],
      ['Avdeling B', H, 20],
    ],
  }),
  prison({
    code: 'HUS',
    name: 'Hustad fengsel',
    region: 'VEST',
    security: L,
    county: MORE,
    units: [
      ['Avdeling A', L, 20],
      ['Avdeling B', L, 20],
    ],
  }),
  prison({
    code: 'KSU',
    name: 'Kristiansund fengsel',
    region: 'VEST',
    security: H,
    county: MORE,
    remand: 1.2,
    units: [['Avdeling A', H, 25]],
  }),

  // ── Region nord: Trøndelag, Nordland, Troms, Finnmark ──
  prison({
    code: 'TRH',
    name: 'Trondheim fengsel',
    region: 'NORD',
    security: H,
    county: TRONDELAG,
    drug: true,
    remand: 1.2,
    units: [
      ['Avdeling Tunga A', H, 60],
      ['Avdeling Tunga B', H, 60],
      ['Avdeling Tunga C', H, 26],
      ['Avdeling Leira (kvinner)', H, 24, true],
      ['Avdeling Verdal', L, 40],
    ],
  }),
  prison({
    code: 'BOD',
    name: 'Bodø fengsel',
    region: 'NORD',
    security: H,
    county: NORDLAND,
    drug: true,
    remand: 1.3,
    units: [
      ['Avdeling A', H, 40],
      ['Avdeling B', H, 25],
      ['Avdeling C (lav sikkerhet)', L, 15],
    ],
  }),
  prison({
    code: 'MOR',
    name: 'Mo i Rana fengsel',
    region: 'NORD',
    security: H,
    county: NORDLAND,
    units: [['Avdeling A', H, 25]],
  }),
  prison({
    code: 'TOS',
    name: 'Tromsø fengsel',
    region: 'NORD',
    security: H,
    county: TROMS,
    drug: true,
    remand: 1.2,
    units: [
      ['Avdeling A', H, 40],
      ['Avdeling B', H, 30],
      ['Avdeling C (lav sikkerhet)', L, 30],
    ],
  }),
  prison({
    code: 'VAR',
    name: 'Vardø fengsel',
    region: 'NORD',
    security: H,
    county: FINNMARK,
    remand: 0.5,
    units: [['Avdeling A', H, 30]],
  }),
  prison({
    code: 'HFT',
    name: 'Hammerfest fengsel',
    region: 'NORD',
    security: H,
    county: FINNMARK,
    remand: 1.2,
    units: [['Avdeling A', H, 25]],
  }),
];

/** A slug for demo e-mail domains, e.g. "vestland-fylkeskommune". Demo addresses use the reserved .example TLD. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
