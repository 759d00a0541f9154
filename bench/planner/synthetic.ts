/**
 * Seeded generator of realistic synthetic prison weeks, used by the property tests and the
 * planner benchmark. Same options → same week (mulberry32, no Math.random).
 *
 * Shape (per DOMAIN.md): ~10 activities per 100 prisoners — workshops (full day, some AM-only or
 * PM-only, some for low security only), school classes (youth-right classes and classes for any
 * education right, one half-day every day) and cognitive programmes (groups of 6–8, two
 * afternoons a week, by referral, half of them closed groups); total places per half-day ≈ 95%
 * of the prisoners available then; ~1 non-associated pair per 4 prisoners; arrivals and releases
 * during the week; court/visit/health unavailability per half-day and sick days; a few cancelled
 * sessions and absent staff; current allocations from "last week's pattern" (some no longer
 * possible); a few officer locks; priorities for the youth education right, programme
 * referrals, remand and exclusion from company.
 */
import { mulberry32, randInt, shuffled } from '../../src/planning/engine/prng';
import { Allocation, ClosedGroup, PlanningInput, PlanningPrisoner, PlanningSession, PriorityClaim } from '../../src/planning/engine/types';

export interface SyntheticWeekOptions {
  prisoners: number;
  seed: number;
  /** Counted days; default the five weekdays of 2025-W10. */
  days?: string[];
  activitiesPer100?: number;
  /** Places per half-day as a share of prisoners available that half-day. */
  capacityRatio?: number;
  /** Non-associated pairs per prisoner. */
  nonAssociationRate?: number;
}

const DEFAULT_DAYS = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'];

interface Act {
  id: string;
  kind: 'WORK' | 'EDUCATION' | 'PROGRAMME';
  lowOnly: boolean;
  youthOnly: boolean;
  halves: number[]; // hd indices it runs
  weight: number;
  cap: number;
}

export function generateWeek(opts: SyntheticWeekOptions): PlanningInput {
  const rng = mulberry32(opts.seed * 7919 + opts.prisoners);
  const days = opts.days ?? DEFAULT_DAYS;
  const D = days.length;
  const H = 2 * D;
  const n = opts.prisoners;
  const ratio = opts.capacityRatio ?? 0.95;
  const pad = (i: number, w: number) => String(i).padStart(w, '0');

  // --- prisoners
  type Pr = {
    id: string;
    young: boolean;
    high: boolean;
    remand: boolean;
    excluded: boolean;
    right: 'NONE' | 'YOUTH' | 'ADULT';
    noWork: boolean;
    avail: number;
    custody: number;
  };
  const prs: Pr[] = [];
  for (let i = 0; i < n; i++) {
    const young = rng() < 0.14;
    const right = young ? (rng() < 0.9 ? 'YOUTH' : 'NONE') : rng() < 0.5 ? 'ADULT' : 'NONE';
    let custody = (1 << D) - 1;
    const r = rng();
    if (r < 0.06 && D > 1)
      custody &= ~((1 << randInt(rng, 1, D - 1)) - 1); // arrives during the week
    else if (r < 0.12 && D > 1) custody &= (1 << randInt(rng, 1, D - 1)) - 1; // released/transferred
    let avail = 0;
    for (let d = 0; d < D; d++) {
      if (!(custody & (1 << d))) continue;
      if (rng() < 0.02) continue; // sick all day
      for (let h = 0; h < 2; h++) if (rng() >= 0.04) avail |= 1 << (2 * d + h); // court, visit, health
    }
    prs.push({
      id: `P${pad(i, 5)}`,
      young,
      high: rng() < 0.6,
      remand: rng() < 0.25,
      excluded: rng() < 0.03,
      right,
      noWork: rng() < 0.05,
      avail,
      custody,
    });
  }

  // --- activities
  const nAct = Math.max(4, Math.round((n * (opts.activitiesPer100 ?? 10)) / 100));
  const nProg = Math.max(1, Math.round(nAct * 0.12));
  const nEdu = Math.max(1, Math.round(nAct * 0.25));
  const nWork = Math.max(1, nAct - nProg - nEdu);
  const acts: Act[] = [];
  const allHalves = Array.from({ length: H }, (_, i) => i);
  for (let i = 0; i < nWork; i++) {
    const r = rng();
    const halves = r < 0.7 ? allHalves : allHalves.filter((hd) => hd % 2 === (r < 0.85 ? 0 : 1));
    acts.push({ id: `W${pad(i, 3)}`, kind: 'WORK', lowOnly: rng() < 0.3, youthOnly: false, halves, weight: 0.5 + rng(), cap: 0 });
  }
  for (let i = 0; i < nEdu; i++) {
    const period = rng() < 0.6 ? 0 : 1;
    acts.push({
      id: `E${pad(i, 3)}`,
      kind: 'EDUCATION',
      lowOnly: false,
      youthOnly: rng() < 0.3,
      halves: allHalves.filter((hd) => hd % 2 === period),
      weight: 1,
      cap: randInt(rng, 8, 12),
    });
  }
  for (let i = 0; i < nProg; i++) {
    const d1 = randInt(rng, 0, D - 1);
    const d2 = D > 1 ? (d1 + randInt(rng, 1, D - 1)) % D : d1;
    const period = rng() < 0.7 ? 1 : 0;
    const halves = Array.from(new Set([2 * d1 + period, 2 * d2 + period])).sort((a, b) => a - b);
    acts.push({ id: `K${pad(i, 3)}`, kind: 'PROGRAMME', lowOnly: false, youthOnly: false, halves, weight: 1, cap: randInt(rng, 6, 8) });
  }

  // referrals: each programme gets about a group and a half of referred prisoners
  const referrals = new Map<string, Set<number>>();
  for (const a of acts.filter((x) => x.kind === 'PROGRAMME')) {
    const set = new Set<number>();
    const want = Math.min(n, Math.round(a.cap * 1.4));
    while (set.size < want) set.add(randInt(rng, 0, n - 1));
    referrals.set(a.id, set);
  }
  const eligible = (pi: number, a: Act): boolean => {
    const p = prs[pi];
    if (a.kind === 'WORK') return !p.noWork && (!a.lowOnly || !p.high);
    if (a.kind === 'EDUCATION') return p.right !== 'NONE' && (!a.youthOnly || p.young);
    return referrals.get(a.id)!.has(pi);
  };

  // workshop capacities: fill each half-day up to ratio × available prisoners
  const availAt = new Array<number>(H).fill(0);
  for (const p of prs) for (let hd = 0; hd < H; hd++) if (p.avail & (1 << hd)) availAt[hd]++;
  const avgBy = [0, 1].map((h) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += availAt[2 * d + h];
    return s / D;
  });
  for (const a of acts.filter((x) => x.kind === 'WORK')) a.cap = 0;
  const capWork = [0, 1].map((h) => {
    let other = 0;
    for (const a of acts) if (a.kind !== 'WORK') other += (a.cap * a.halves.filter((hd) => hd % 2 === h).length) / D;
    return Math.max(0, avgBy[h] * ratio - other);
  });
  const works = acts.filter((x) => x.kind === 'WORK');
  // Each workshop gets one capacity for the whole week: solve per period with its weight share.
  for (const a of works) {
    const shares = [0, 1].map((h) => {
      const running = works.filter((w) => w.halves.some((hd) => hd % 2 === h));
      const tw = running.reduce((s, w) => s + w.weight, 0);
      return a.halves.some((hd) => hd % 2 === h) && tw > 0 ? (capWork[h] * a.weight) / tw : 0;
    });
    const vals = shares.filter((x) => x > 0);
    a.cap = Math.max(2, Math.round(vals.reduce((s, x) => s + x, 0) / Math.max(1, vals.length)));
  }

  // --- sessions
  const sessions: PlanningSession[] = [];
  const sessionAt = new Map<string, PlanningSession>();
  for (const a of acts) {
    for (const hd of a.halves) {
      const r = rng();
      const s: PlanningSession = {
        id: `${a.id}-${days[hd >> 1]}-${hd % 2 === 0 ? 'AM' : 'PM'}`,
        activityId: a.id,
        date: days[hd >> 1],
        period: hd % 2 === 0 ? 'AM' : 'PM',
        capacity: a.cap,
        ...(r < 0.01 ? { cancelled: true } : {}),
        ...(r >= 0.01 && r < 0.025 ? { staffPresent: false } : {}),
      };
      sessions.push(s);
      sessionAt.set(`${a.id}|${hd}`, s);
    }
  }

  // --- non-associations
  const nPairs = Math.round(n * (opts.nonAssociationRate ?? 0.25));
  const pairSet = new Set<string>();
  const nonAssociations: Array<[string, string]> = [];
  let guard = 0;
  while (nonAssociations.length < nPairs && n > 1 && guard++ < nPairs * 20) {
    const a = randInt(rng, 0, n - 1);
    const b = randInt(rng, 0, n - 1);
    if (a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (pairSet.has(key)) continue;
    pairSet.add(key);
    nonAssociations.push([prs[a].id, prs[b].id]);
  }
  const enemies = new Map<number, Set<number>>();
  for (const key of pairSet) {
    const [a, b] = key.split('|').map(Number);
    if (!enemies.has(a)) enemies.set(a, new Set());
    if (!enemies.has(b)) enemies.set(b, new Set());
    enemies.get(a)!.add(b);
    enemies.get(b)!.add(a);
  }

  // --- closed groups: half of the programmes, members = referred prisoners up to the group size
  const closedGroups: ClosedGroup[] = [];
  const closedMembers = new Map<string, number[]>();
  for (const a of acts.filter((x) => x.kind === 'PROGRAMME')) {
    if (rng() >= 0.5) continue;
    const members: number[] = [];
    for (const pi of Array.from(referrals.get(a.id)!).sort((x, y) => x - y)) {
      if (members.length >= a.cap - 1) break;
      if (members.some((o) => enemies.get(pi)?.has(o))) continue;
      members.push(pi);
    }
    closedMembers.set(a.id, members);
    closedGroups.push({ activityId: a.id, memberIds: members.map((pi) => prs[pi].id) });
  }

  // --- current allocations: last week's pattern, filled in random order within capacity
  const used = new Map<PlanningSession, number>();
  const current: Record<string, string[]> = {};
  for (const pi of shuffled(
    rng,
    prs.map((_, i) => i),
  )) {
    const p = prs[pi];
    if (rng() < 0.1) continue; // new arrival, no allocation yet
    const list: string[] = [];
    const taken = new Set<number>();
    // programme (closed group members and some referred)
    for (const a of acts.filter((x) => x.kind === 'PROGRAMME')) {
      const members = closedMembers.get(a.id);
      const inIt = members ? members.includes(pi) : referrals.get(a.id)!.has(pi) && rng() < 0.5;
      if (!inIt) continue;
      for (const hd of a.halves) {
        const s = sessionAt.get(`${a.id}|${hd}`)!;
        if ((used.get(s) ?? 0) >= s.capacity || taken.has(hd)) continue;
        used.set(s, (used.get(s) ?? 0) + 1);
        taken.add(hd);
        list.push(s.id);
      }
    }
    const options = acts.filter((a) => a.kind !== 'PROGRAMME' && eligible(pi, a) && !closedMembers.has(a.id));
    if (options.length) {
      const edu = options.filter((a) => a.kind === 'EDUCATION');
      const work = options.filter((a) => a.kind === 'WORK');
      const home =
        p.young && edu.length && rng() < 0.6
          ? edu[randInt(rng, 0, edu.length - 1)]
          : (work.length ? work : edu)[randInt(rng, 0, (work.length ? work : edu).length - 1)];
      const second = rng() < 0.3 && options.length > 1 ? options[randInt(rng, 0, options.length - 1)] : null;
      for (let hd = 0; hd < H; hd++) {
        if (taken.has(hd) || !(p.custody & (1 << (hd >> 1)))) continue;
        if (!(p.avail & (1 << hd)) && rng() < 0.7) continue; // known unavailability is planned around
        for (const a of second && hd % 2 === 1 ? [second, home] : [home]) {
          const s = sessionAt.get(`${a.id}|${hd}`);
          if (!s || (used.get(s) ?? 0) >= s.capacity) continue;
          used.set(s, (used.get(s) ?? 0) + 1);
          taken.add(hd);
          list.push(s.id);
          break;
        }
      }
    }
    if (list.length) current[p.id] = list.sort();
  }

  // --- locks: ~2% of prisoners keep one feasible current allocation
  const locks: Allocation[] = [];
  const lockedIn = new Map<string, number[]>();
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const hdOf = (s: PlanningSession) => 2 * days.indexOf(s.date) + (s.period === 'AM' ? 0 : 1);
  for (let pi = 0; pi < n; pi++) {
    const list = current[prs[pi].id];
    if (!list || rng() >= 0.02) continue;
    const sid = list[randInt(rng, 0, list.length - 1)];
    const s = sessionById.get(sid)!;
    const a = acts.find((x) => x.id === s.activityId)!;
    if (s.cancelled || s.staffPresent === false || !(prs[pi].avail & (1 << hdOf(s))) || !eligible(pi, a) || closedMembers.has(a.id))
      continue;
    const others = lockedIn.get(sid) ?? [];
    if (others.some((o) => enemies.get(pi)?.has(o))) continue;
    others.push(pi);
    lockedIn.set(sid, others);
    locks.push({ prisonerId: prs[pi].id, sessionId: sid });
  }

  // --- priorities
  const priorities: PriorityClaim[] = [];
  const eduIds = acts.filter((a) => a.kind === 'EDUCATION');
  prs.forEach((p, pi) => {
    if (p.right === 'YOUTH') {
      const ids = eduIds.filter((a) => eligible(pi, a)).map((a) => a.id);
      if (ids.length) priorities.push({ prisonerId: p.id, reason: 'YOUTH_EDUCATION_RIGHT', activityIds: ids, weight: 2 });
    }
    for (const a of acts)
      if (a.kind === 'PROGRAMME' && referrals.get(a.id)!.has(pi))
        priorities.push({ prisonerId: p.id, reason: 'PROGRAMME_REFERRAL', activityIds: [a.id], weight: 3 });
    if (p.remand) priorities.push({ prisonerId: p.id, reason: 'REMAND', weight: 1 });
    if (p.excluded) priorities.push({ prisonerId: p.id, reason: 'EXCLUDED_FROM_COMPANY', weight: 2 });
  });

  // --- prisoners in input form
  const prisoners: PlanningPrisoner[] = prs.map((p, pi) => {
    const unavailable: Array<{ date: string; period: 'AM' | 'PM' }> = [];
    for (let hd = 0; hd < H; hd++) {
      if (p.custody & (1 << (hd >> 1)) && !(p.avail & (1 << hd)))
        unavailable.push({ date: days[hd >> 1], period: hd % 2 === 0 ? 'AM' : 'PM' });
    }
    const custodyDays = days.filter((_, d) => p.custody & (1 << d));
    const members = Array.from(closedMembers.entries())
      .filter(([, ms]) => ms.includes(pi))
      .map(([id]) => id);
    const eligibleActivityIds = Array.from(new Set([...acts.filter((a) => eligible(pi, a)).map((a) => a.id), ...members])).sort();
    return { id: p.id, custodyDays, unavailable, eligibleActivityIds };
  });

  return {
    prisonId: `SYN-${n}-${opts.seed}`,
    isoWeek: '2025-W10',
    days: days.slice(),
    sessions,
    prisoners,
    nonAssociations,
    currentAllocations: current,
    locks,
    closedGroups,
    priorities,
  };
}
